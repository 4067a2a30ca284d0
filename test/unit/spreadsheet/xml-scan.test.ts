/**
 * The guard's byte scan (src/spreadsheet/xml-scan.ts) decides whether SheetJS ever sees a worksheet: the
 * cells it counts and the shared-string characters it adds up are what refuse an amplifying .xlsx, and a
 * cell it missed would be one SheetJS materialises unchecked.
 */
import { scanXml, sharedStringLengths, type CellTally } from '../../../src/spreadsheet/xml-scan';

const bytes = (xml: string): Uint8Array => new TextEncoder().encode(xml);
const tally = (lengths: number[] = []): CellTally => ({ cells: 0, expansion: 0, sharedStringLengths: lengths });

describe('cells of a worksheet', () => {
  it('counts each <c> as SheetJS splits them, with or without a namespace prefix, and nothing else', () => {
    const t = tally();
    scanXml(bytes('<cols><col min="1"/></cols><sheetData><row r="1"><c r="A1"/><x:c r="B1"><v>1</v></x:c><c>\n</c><cell/><c\tr="C1"/></row></sheetData>'), t);
    expect(t.cells).toBe(4);
  });

  it('adds the length of the shared string each cell of type "s" uses, every time it is used', () => {
    const t = tally([300, 7]);
    scanXml(bytes('<c r="A1" t="s"><v>0</v></c><c r="A2" t = \'s\'> <v> 0 </v></c><c r="A3" t="s"><v>1</v></c><c r="A4" t="str"><v>0</v></c><c r="A5" s="1"><v>0</v></c>'), t);
    expect(t.expansion).toBe(300 + 300 + 7);
  });

  it('ignores an index past the shared strings and a value that is not a number', () => {
    const t = tally([5]);
    scanXml(bytes('<c t="s"><v>99</v></c><c t="s"><v>x</v></c><c t="s"><v>123456789012345</v></c>'), t);
    expect(t).toMatchObject({ cells: 3, expansion: 0 });
  });
});

describe('what any part is measured on', () => {
  it('the most attributes on one element, and the longest text or attribute value', () => {
    expect(scanXml(bytes('<a x="1" y="22" z="333"><b q="a>b">hello</b></a>'))).toEqual({ maxAttributes: 3, maxRun: 5 });
  });

  it('a value or a text left open at the end of the part counts to the end', () => {
    expect(scanXml(bytes('<a x="' + 'v'.repeat(50))).maxRun).toBe(50);
    expect(scanXml(bytes('<a>' + 't'.repeat(40))).maxRun).toBe(40);
  });
});

describe('shared strings', () => {
  it('gives each string its length, an empty <si/> zero', () => {
    expect(sharedStringLengths(bytes('<sst><si><t>abc</t></si><si/><x:si><t>z</t></x:si></sst>'))).toEqual([10, 0, 8]);
  });

  it('refuses an <si> that opens inside another or never closes', () => {
    expect(sharedStringLengths(bytes('<sst><si><t>a</t><si></si></sst>'))).toBeNull();
    expect(sharedStringLengths(bytes('<sst><si><t>a</t></sst>'))).toBeNull();
  });
});
