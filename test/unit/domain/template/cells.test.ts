/** A cell as the user reads it back: what the rules and the reports see of every cell. */
import { cellText } from '../../../../src/domain/template';

describe('cell text', () => {
  it.each([
    ['Vic', 'Vic'],
    ['Ajuntament de Vic', 'Ajuntament de Vic'],
    ['  Ajuntament de Vic ', 'Ajuntament de Vic'],
    ['Ajuntament  de\tVic', 'Ajuntament de Vic'],
    ['Ajuntament\nde\r\nVic', 'Ajuntament de Vic'],
    ['Ajuntament\u00a0de Vic', 'Ajuntament de Vic'],
    ['=SUM(A1)', '=SUM(A1)'],
    [' \t ', null],
    ['', null],
  ])('%j reads as %j', (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });

  it('writes numbers in plain decimal form and keeps booleans readable', () => {
    expect(cellText(8019)).toBe('8019');
    expect(cellText(801930008)).toBe('801930008');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBeNull();
  });
});
