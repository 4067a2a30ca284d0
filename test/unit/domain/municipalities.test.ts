import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCodiEns, parseIne } from '../../../src/domain/identifiers';
import { findMunicipality, isOfficialName, MUNICIPALITIES, nameKey } from '../../../src/domain/municipalities';

/** The shipped reference file, read plainly: the generated module must not drift from it. */
function csvRows(): string[][] {
  const text = readFileSync(join(__dirname, '../../../data/municipis-barcelona.csv'), 'utf8').trim();
  return text
    .split('\n')
    .slice(1)
    .map((line) => (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '')));
}

describe('the municipalities of Barcelona', () => {
  it('are the 311 of data/municipis-barcelona.csv, with its names and codes', () => {
    const rows = csvRows();
    expect(MUNICIPALITIES).toHaveLength(311);
    expect(rows).toHaveLength(311);
    for (const [ineCode, name, ine5, , codiEns, dir3, nameIneFormat] of rows) {
      const m = findMunicipality(ine5!);
      expect(m).toEqual({ ine5, ine6: ineCode, name, nameIneFormat, codiEns });
      expect(dir3).toBe(`L01${ineCode}`);
    }
  });

  it('all pass the identifier checks', () => {
    for (const m of MUNICIPALITIES) {
      expect(parseIne(m.ine6)).toEqual({ ok: true, ine5: m.ine5, ine6: m.ine6 });
      expect(parseCodiEns(m.codiEns)).toMatchObject({ ok: true, ine6: m.ine6, isAjuntament: true });
    }
  });

  it('knows no municipality outside the list', () => {
    expect(findMunicipality('08999')).toBeNull();
  });
});

describe('official names', () => {
  const byName = (name: string) => MUNICIPALITIES.find((m) => m.name === name)!;

  it.each([
    ['Ajuntament del Bruc', 'El Bruc'],
    ['Ajuntament dels Prats de Rei', 'Els Prats de Rei'],
    ["Ajuntament de l'Hospitalet de Llobregat", "L'Hospitalet de Llobregat"],
    ["AJUNTAMENT D'ABRERA", 'Abrera'],
    ['Ayuntamiento de Vic', 'Vic'],
    ['Hospitalet de Llobregat, L’', "L'Hospitalet de Llobregat"],
    ["l'ametlla del valles", "L'Ametlla del Vallès"],
    ['Sant Cugat del Vallès', 'Sant Cugat del Vallès'],
    ['SANTA EULALIA DE RONCANA', 'Santa Eulàlia de Ronçana'],
    ['Ajuntament de Santa Eula\u0300lia de Ronc\u0327ana', 'Santa Eulàlia de Ronçana'], // accents as combining marks
    ['Ajuntament de Sant Martí Sarroca', 'Sant Martí Sarroca'],
  ])('%j is the official name %j', (written, official) => {
    expect(isOfficialName(written, byName(official))).toBe(true);
  });

  it.each([
    ['Ajuntament de Vic', 'Abrera'],
    ['Ajuntament de Sant Cugat', 'Sant Cugat del Vallès'],
  ])('%j is not %j', (written, official) => {
    expect(isOfficialName(written, byName(official))).toBe(false);
  });

  it('ignores case, accents, punctuation and articles', () => {
    expect(nameKey("L'Ametlla del Vallès")).toBe('ametlla del valles');
    expect(nameKey('Ametlla del Valles, L')).toBe('ametlla del valles');
    expect(nameKey('Ajuntament de Sant Lloren\u00e7 Savall')).toBe('sant llorenc savall');
    expect(nameKey("Ajuntament de l'Al·lia")).toBe('allia');
    expect(nameKey('Al.lia')).toBe('allia');
    expect(nameKey('--- ')).toBe('');
  });
});
