/**
 * Column names the reader recognises, in Catalan, Spanish and English. Templates in the wild vary ("Codi INE
 * (6 dígits)", "NIF de l'ens", "Data de pas a PRO"), so names are compared by headerKey, not verbatim.
 * The first alias of each field in a language is the canonical one written by the template writer
 * (see CANONICAL_HEADERS in src/i18n/catalog/template.ts, which must stay among these aliases).
 */
import type { TemplateField } from './types';

export const COLUMN_ALIASES: Readonly<Record<TemplateField, readonly string[]>> = {
  name: [
    "Nom de l'ens", 'Nom ens', 'Nom', 'Ens', 'Entitat', "Nom de l'entitat", 'Ajuntament',
    'Nombre del ente', 'Nombre ente', 'Nombre', 'Ente', 'Entidad', 'Ayuntamiento',
    'Entity', 'Entity name', 'Name',
  ],
  codiEns: [
    "Codi d'ens", 'Codi ens', "Codi de l'ens", 'INE10', 'Codi INE10', 'Codi INE 10',
    'Código de ente', 'Código ente', 'Código INE10',
    'Entity code',
  ],
  ine: [
    'Codi INE', 'INE', 'Codi municipi', 'Codi INE municipi', 'INE6', 'Codi INE6',
    'Código INE', 'Código municipio', 'Código INE municipio',
    'Municipality code', 'INE code',
  ],
  nif: ['NIF', 'CIF', "NIF de l'ens", 'NIF del ens', 'NIF/CIF', 'CIF/NIF', 'NIF del ente', 'Entity NIF', 'Tax ID'],
  dir3: ['DIR3', 'Codi DIR3', 'Código DIR3', 'DIR3 code'],
  service: ['Servei', 'Servei AOC', 'Servicio', 'Servicio AOC', 'Service'],
  productionDate: [
    'Data pas a producció', 'Data de pas a producció', 'Data de pas a PRO', 'Data pas a PRO', 'Data producció',
    'Fecha paso a producción', 'Fecha de paso a producción', 'Fecha de paso a PRO', 'Fecha producción',
    'Production date', 'Go-live date',
  ],
  contactName: [
    'Persona de contacte', 'Contacte', 'Nom del contacte', 'Nom de contacte',
    'Persona de contacto', 'Contacto', 'Nombre del contacto',
    'Contact person', 'Contact name', 'Contact',
  ],
  contactEmail: [
    'Correu electrònic', 'Correu electrònic de contacte', 'Correu', 'Correu de contacte', 'Email', 'E-mail',
    'Correo electrónico', 'Correo electrónico de contacto', 'Correo', 'Email de contacto',
    'Contact email',
  ],
  phone: ['Telèfon', 'Telèfon de contacte', 'Tel', 'Teléfono', 'Teléfono de contacto', 'Phone', 'Telephone', 'Contact phone'],
  notes: ['Observacions', 'Comentaris', 'Notes', 'Observaciones', 'Comentarios', 'Comments', 'Remarks'],
};

/**
 * Case, accents, punctuation, line breaks, repeated spaces and a trailing parenthesised hint do not
 * distinguish two spellings of a column name: "Codi INE (6 dígits)" and "codi\nine" are both "codi ine".
 */
export function headerKey(text: string): string {
  let key = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  // A hint may follow the name: "Codi INE (6 dígits)", "Data (dd/mm/aaaa) (opcional)".
  for (let previous = ''; previous !== key; ) {
    previous = key;
    key = key.replace(/\s*\([^()]*\)\s*$/, '');
  }
  return key.replace(/[^a-z0-9]+/g, ' ').trim();
}

// A Map, not an object literal, so that a header such as "__proto__" or "constructor" finds nothing.
const FIELD_BY_KEY: ReadonlyMap<string, TemplateField> = (() => {
  const map = new Map<string, TemplateField>();
  for (const [field, aliases] of Object.entries(COLUMN_ALIASES) as [TemplateField, readonly string[]][]) {
    for (const alias of aliases) {
      const key = headerKey(alias);
      const taken = map.get(key);
      if (taken && taken !== field) throw new Error(`column alias "${alias}" names both ${taken} and ${field}`);
      map.set(key, field);
    }
  }
  return map;
})();

/** The field a header cell names, or null. */
export function matchColumn(headerText: string): TemplateField | null {
  const key = headerKey(headerText);
  return key === '' ? null : (FIELD_BY_KEY.get(key) ?? null);
}
