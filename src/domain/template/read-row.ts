/**
 * One spreadsheet row → one TemplateEntity with its problems (the rules of issue 2; the codes are an
 * interface, see types.ts). Pure: the caller supplies the header, the services and the date system.
 */
import { ajuntamentDir3, AJUNTAMENT_DIR3_PREFIX, parseDir3 } from '../identifiers/dir3';
import { parseIne, type IneParse } from '../identifiers/ine';
import { deriveCodiEns, parseCodiEns, type CodiEnsParse } from '../identifiers/ine10';
import { parseNif } from '../identifiers/nif';
import { findMunicipality, isOfficialName, REFERENCE_PROVINCE } from '../municipalities';
import { parseService, SERVICES, type ExtraAliases, type Service } from '../services';
import { cellText } from './cells';
import { parseDateCell } from './dates';
import type { HeaderColumn } from './header';
import type { ProblemParams, RawCell, RowProblem, RowProblemCode, Severity, TemplateEntity, TemplateField } from './types';

export interface RowContext {
  sheet: string;
  /** 1-based spreadsheet row. */
  row: number;
  columns: ReadonlyMap<TemplateField, HeaderColumn>;
  /** The service a sheet's name gives ("e-NOTUM", "Plantilla MUX"), used when the row names none. */
  sheetService: { service: Service; asWritten: string } | null;
  /** The last resort, e.g. the ticket's service or `--service`. */
  fallbackService: Service | null;
  extraAliases: ExtraAliases;
  date1904: boolean;
  /** Reads a Servei value; the workbook reader passes a memoised one (a template repeats few values). */
  parseService?: (written: string) => Service | null;
}

type RowTexts = Record<TemplateField, string | null>;

/**
 * Every field's cell text, null for a column the sheet lacks. A plain object of one fixed shape rather
 * than a Map: each row reads its texts a dozen times, and a property load is much cheaper than a lookup.
 */
function emptyTexts(): RowTexts {
  return {
    name: null, codiEns: null, ine: null, nif: null, dir3: null, service: null, productionDate: null,
    contactName: null, contactEmail: null, phone: null, notes: null,
  };
}

/**
 * The row's cell texts (each computed once: a template of thousands of rows reads every cell several
 * times) and the problems found so far. A class rather than closures made per row: this runs per row.
 */
class RowState {
  readonly problems: RowProblem[] = [];
  constructor(
    private readonly columns: ReadonlyMap<TemplateField, HeaderColumn>,
    readonly texts: RowTexts,
  ) {}

  add(field: TemplateField, code: RowProblemCode, severity: Severity, params: ProblemParams = {}): void {
    this.problems.push({ field, code, severity, column: this.columns.get(field)?.header ?? null, value: this.texts[field], params });
  }
}

/** The row as an entity, or null when every known cell is empty (a blank or spacer row). */
export function readRow(ctx: RowContext, cells: readonly RawCell[]): TemplateEntity | null {
  const texts = emptyTexts();
  let empty = true;
  for (const [field, column] of ctx.columns) {
    const value = cellText(cells[column.index]);
    texts[field] = value;
    if (value !== null) empty = false;
  }
  if (empty) return null;
  const state = new RowState(ctx.columns, texts);
  const text = (field: TemplateField): string | null => texts[field];
  const add: AddProblem = (field, code, severity, params) => state.add(field, code, severity, params);
  const problems = state.problems;

  const name = text('name');
  if (name === null) add('name', 'name.missing', 'error');

  const ids = readIdentity(text('ine'), text('codiEns'), add);

  if (name !== null && ids.ine5 !== null && ids.isAjuntament) {
    const municipality = findMunicipality(ids.ine5);
    if (municipality && !isOfficialName(name, municipality)) {
      add('name', 'name.mismatch', 'warning', { official: municipality.name });
    }
  }

  const nifText = text('nif');
  let nif: string | null = null;
  if (nifText === null) add('nif', 'nif.missing', 'error');
  else {
    const parsed = parseNif(nifText);
    if (parsed.ok) nif = parsed.nif;
    else add('nif', parsed.code, 'error', parsed.code === 'nif.checksum' ? { expected: parsed.expected } : {});
  }

  const dir3 = readDir3(text('dir3'), ids, add);
  const service = readService(ctx, text('service'), add);

  let productionDate: string | null = null;
  if (text('productionDate') !== null) {
    const column = ctx.columns.get('productionDate');
    productionDate = parseDateCell(column ? (cells[column.index] ?? null) : null, ctx.date1904);
    if (productionDate === null) add('productionDate', 'productionDate.invalid', 'error');
  }

  return {
    sheet: ctx.sheet,
    row: ctx.row,
    service: service.service,
    serviceAsWritten: service.asWritten,
    name,
    codiEns: ids.codiEns,
    ine: ids.ine5,
    ine6: ids.ine6,
    nif,
    dir3,
    productionDate,
    contactName: text('contactName'),
    contactEmail: text('contactEmail'),
    phone: text('phone'),
    notes: text('notes'),
    valid: !problems.some((p) => p.severity === 'error'),
    problems,
  };
}

type AddProblem = (field: TemplateField, code: RowProblemCode, severity: Severity, params?: ProblemParams) => void;

interface Identity {
  codiEns: string | null;
  ine5: string | null;
  ine6: string | null;
  /** Whether the ens is the ajuntament itself (its name can be checked against the municipality's). */
  isAjuntament: boolean;
  /** A codi d'ens with a non-municipal prefix (EMD, comarca, …): no INE by design. */
  nonMunicipal: boolean;
}

function readIdentity(ineText: string | null, codiText: string | null, add: AddProblem): Identity {
  const identity: Identity = { codiEns: null, ine5: null, ine6: null, isAjuntament: false, nonMunicipal: false };
  if (ineText === null && codiText === null) {
    add('ine', 'ine.missing', 'error');
    return identity;
  }
  let ine: IneParse | null = null;
  if (ineText !== null) {
    ine = parseIne(ineText);
    if (!ine.ok) add('ine', ine.code, 'error', ine.code === 'ine.checksum' ? { expected: ine.expected } : {});
    else if (!checkKnown(ine.ine5, 'ine', add)) ine = null;
  }
  let codi: CodiEnsParse | null = null;
  if (codiText !== null) {
    codi = parseCodiEns(codiText);
    if (!codi.ok) add('codiEns', codi.code, 'error', codi.code === 'codiEns.checksum' ? { expected: codi.expected } : {});
  }

  if (ine?.ok) {
    identity.ine5 = ine.ine5;
    identity.ine6 = ine.ine6;
    identity.isAjuntament = true;
  }
  if (codi?.ok) {
    identity.codiEns = codi.codiEns;
    identity.isAjuntament = codi.isAjuntament;
    identity.nonMunicipal = codi.ine6 === null;
    if (ine?.ok) {
      if (codi.ine6 !== ine.ine6) add('codiEns', 'codiEns.mismatch', 'error', { ine: ine.ine6, codiEnsIne: codi.codiEns.slice(0, 6) });
    } else if (ineText === null && codi.ine5 !== null && checkKnown(codi.ine5, 'codiEns', add)) {
      identity.ine5 = codi.ine5;
      identity.ine6 = codi.ine6;
    }
  } else if (codiText === null && ine?.ok) {
    // An ajuntament identified only by its INE: its codi d'ens follows from it.
    identity.codiEns = deriveCodiEns(ine.ine6);
  }
  return identity;
}

/** Province 08 is listed completely, so a code missing from it does not exist. */
function checkKnown(ine5: string, field: 'ine' | 'codiEns', add: AddProblem): boolean {
  if (ine5.startsWith(REFERENCE_PROVINCE) && !findMunicipality(ine5)) {
    add(field, 'ine.unknown', 'error', { ine: ine5 });
    return false;
  }
  return true;
}

function readDir3(dir3Text: string | null, ids: Identity, add: AddProblem): string | null {
  if (dir3Text === null) return null;
  const parsed = parseDir3(dir3Text);
  if (!parsed.ok) {
    add('dir3', 'dir3.invalid', 'error');
    return null;
  }
  if (parsed.dir3.startsWith(AJUNTAMENT_DIR3_PREFIX)) {
    if (ids.ine6 !== null && parsed.dir3 !== ajuntamentDir3(ids.ine6)) {
      add('dir3', 'dir3.mismatch', 'error', { expected: ajuntamentDir3(ids.ine6) });
    } else if (ids.nonMunicipal) {
      add('dir3', 'dir3.mismatch', 'error', {});
    }
  }
  return parsed.dir3;
}

function readService(
  ctx: RowContext,
  written: string | null,
  add: AddProblem,
): { service: Service | null; asWritten: string | null } {
  if (written !== null) {
    const service = ctx.parseService ? ctx.parseService(written) : parseService(written, ctx.extraAliases);
    if (!service) add('service', 'service.unknown', 'error', { known: SERVICES.join(', ') });
    return { service, asWritten: written };
  }
  if (ctx.sheetService) return ctx.sheetService;
  if (ctx.fallbackService) return { service: ctx.fallbackService, asWritten: null };
  add('service', 'service.missing', 'error');
  return { service: null, asWritten: null };
}
