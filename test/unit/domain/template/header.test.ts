import { findHeader, headerKey, matchColumn } from '../../../../src/domain/template';

describe('column names', () => {
  it.each([
    ['Codi INE (6 dígits)', 'ine'],
    ['codi\nINE', 'ine'],
    ['  CODI   INE  ', 'ine'],
    ["Nom de l'ens", 'name'],
    ['Nom de l’ens *', 'name'],
    ['Nombre del ente', 'name'],
    ['Entity', 'name'],
    ["Codi d'ens", 'codiEns'],
    ['INE10', 'codiEns'],
    ['Código de ente', 'codiEns'],
    ['NIF del ens', 'nif'],
    ['Código DIR3', 'dir3'],
    ['Servicio', 'service'],
    ['Data de pas a PRO', 'productionDate'],
    ['Fecha paso a producción (dd/mm/aaaa)', 'productionDate'],
    ['Observacions', 'notes'],
    ['Correu electrònic', 'contactEmail'],
  ])('%j names %s', (header, field) => {
    expect(matchColumn(header)).toBe(field);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Població', ''])('%j names nothing', (header) => {
    expect(matchColumn(header)).toBeNull();
  });

  it('drops a trailing hint in parentheses, even two', () => {
    expect(headerKey('Data (dd/mm/aaaa) (opcional)')).toBe('data');
  });
});

describe('header row', () => {
  it('is found below title rows, at its spreadsheet row', () => {
    const header = findHeader([
      ['Plantilla SetDIBA — alta e-NOTUM'],
      [],
      ['Ens', 'Codi INE', 'NIF', 'Altres'],
      ['Ajuntament de Vic', '08298', 'P0829900J'],
    ]);
    expect(header?.rowIndex).toBe(2);
    expect([...header!.columns.entries()]).toEqual([
      ['name', { index: 0, header: 'Ens' }],
      ['ine', { index: 1, header: 'Codi INE' }],
      ['nif', { index: 2, header: 'NIF' }],
    ]);
  });

  it('needs two known names in the row, so a title is not taken for it', () => {
    expect(findHeader([['Servei'], ['Nom', 'Data'], ['x', 'y']])).toBeNull();
  });

  it('is only searched for in the first 20 rows', () => {
    const rows = [...Array.from({ length: 20 }, () => ['']), ['Nom', 'NIF']];
    expect(findHeader(rows)).toBeNull();
    expect(findHeader(rows.slice(1))?.rowIndex).toBe(19);
  });

  it('takes the leftmost of two columns with the same meaning', () => {
    expect(findHeader([['NIF', 'Nom', 'CIF']])?.columns.get('nif')).toEqual({ index: 0, header: 'NIF' });
  });

  it('is not broken by __proto__ or constructor headers', () => {
    const header = findHeader([['__proto__', 'constructor', 'Nom', 'INE']]);
    expect([...header!.columns.keys()]).toEqual(['name', 'ine']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
