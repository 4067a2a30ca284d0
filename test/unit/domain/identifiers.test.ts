import { deriveCodiEns, ineControlDigit, normaliseIdentifier, parseCodiEns, parseDir3, parseIne, parseNif } from '../../../src/domain/identifiers';

describe('INE municipality code', () => {
  it('computes the control digit INE publishes (Barcelona 08019 → 3)', () => {
    expect(ineControlDigit('08019')).toBe('3');
    expect(ineControlDigit('08187')).toBe('8'); // Sabadell 081878
  });

  it.each([
    ['08019', '08019', '080193'],
    ['080193', '08019', '080193'],
    ['8019', '08019', '080193'], // a number cell dropped the zero
    ['80193', '08019', '080193'], // a 6-digit code that lost its zero (no province starts with 8)
    [' 08.019 ', '08019', '080193'],
    ['08-019-3', '08019', '080193'],
    ['25120', '25120', '251207'], // Lleida: any province 01–52 is a valid code
  ])('reads %j as %s', (written, ine5, ine6) => {
    expect(parseIne(written)).toEqual({ ok: true, ine5, ine6 });
  });

  it('refuses a wrong control digit and says which code the first five digits give', () => {
    expect(parseIne('080194')).toEqual({ ok: false, code: 'ine.checksum', expected: '080193' });
  });

  it.each(['8A019', '123', '0801934', '53001', '00019', '', 'Barcelona'])('refuses %j as invalid', (written) => {
    expect(parseIne(written)).toEqual({ ok: false, code: 'ine.invalid' });
  });
});

describe("codi d'ens (INE10)", () => {
  it('reads an ajuntament code and the municipality it belongs to', () => {
    expect(parseCodiEns('0801930008')).toEqual({ ok: true, codiEns: '0801930008', ine5: '08019', ine6: '080193', isAjuntament: true });
  });

  it('restores the leading zero Excel dropped', () => {
    expect(parseCodiEns('801930008')).toMatchObject({ ok: true, codiEns: '0801930008' });
  });

  it('checks both control digits', () => {
    expect(parseCodiEns('0801930009')).toEqual({ ok: false, code: 'codiEns.checksum', expected: '0801930008' });
    expect(parseCodiEns('0801940008')).toMatchObject({ ok: false, code: 'codiEns.checksum' });
  });

  it.each(['08019300', '08019300081', '0801A30008', '0001930008'])('refuses %j as invalid', (written) => {
    expect(parseCodiEns(written)).toEqual({ ok: false, code: 'codiEns.invalid' });
  });

  it('gives no municipality for a non-municipal ens (prefix above 52) and knows a dependent body', () => {
    const first = `70012${ineControlDigit('70012')}001`;
    const emd = first + ineControlDigit(`0${first.slice(5, 9)}`);
    expect(parseCodiEns(emd)).toEqual({ ok: true, codiEns: emd, ine5: null, ine6: null, isAjuntament: false });
    const body = `080193001${ineControlDigit('03001')}`;
    expect(parseCodiEns(body)).toMatchObject({ ok: true, ine5: '08019', isAjuntament: false });
  });

  it("derives an ajuntament's code from its INE", () => {
    expect(deriveCodiEns('080193')).toBe('0801930008');
  });
});

describe('NIF of a public body', () => {
  it.each([
    ['P0801900B', 'P0801900B'], // Ajuntament de Barcelona
    ['P0818600I', 'P0818600I'], // Sabadell: NIF digits unrelated to its INE 08187
    ['p-0801900-b', 'P0801900B'],
    ['A58818501', 'A58818501'], // a company: digit control
  ])('accepts %j', (written, nif) => {
    expect(parseNif(written)).toEqual({ ok: true, nif });
  });

  it('refuses a wrong control character and gives the right one', () => {
    expect(parseNif('P0801900A')).toEqual({ ok: false, code: 'nif.checksum', expected: 'P0801900B' });
    expect(parseNif('A58818502')).toEqual({ ok: false, code: 'nif.checksum', expected: 'A58818501' });
  });

  it.each(['P080190B', '12345678Z', 'X1234567L', 'P08019000B', ''])('refuses %j as invalid', (written) => {
    expect(parseNif(written)).toEqual({ ok: false, code: 'nif.invalid' });
  });
});

describe('DIR3', () => {
  it('accepts nine-character codes, normalised', () => {
    expect(parseDir3('L01080193')).toEqual({ ok: true, dir3: 'L01080193' });
    expect(parseDir3(' l01 080193 ')).toEqual({ ok: true, dir3: 'L01080193' });
    expect(parseDir3('L02000008')).toEqual({ ok: true, dir3: 'L02000008' });
  });

  it.each(['L0108019', '080193', 'L010801934', '1L0108019'])('refuses %j', (written) => {
    expect(parseDir3(written)).toEqual({ ok: false, code: 'dir3.invalid' });
  });
});

describe('identifiers as typed', () => {
  it.each([
    ['P0801900B', 'P0801900B'],
    ['p-0801900.b', 'P0801900B'],
    ['08\u00a0019', '08019'],
    ['08\u2011019', '08019'],
    [' l01 080193 ', 'L01080193'],
    ['', ''],
  ])('%j reads as %j', (written, normal) => {
    expect(normaliseIdentifier(written)).toBe(normal);
  });
});
