/**
 * The zip guard on its own: what it lets through to SheetJS, and the archive tricks it refuses before
 * anything is inflated past a cap. The user-visible answers (file.too_large, file.unreadable) are covered
 * through readTemplate in hostile-files.test.ts; here each trick is isolated.
 */
import { read, utils } from 'xlsx';
import { SPREADSHEET_LIMITS } from '../../../src/spreadsheet/limits';
import { inflateZipCapped, type ZipCaps } from '../../../src/spreadsheet/zip-guard';
import { repackStored } from '../../../src/spreadsheet/zip-writer';
import { craftZip, overlappingZip, type CraftedEntry } from '../../fixtures/crafted-zips';
import { dataDescriptorXlsx, truncated } from '../../fixtures/hostile-files';
import { allMunicipalitiesSheet } from '../../fixtures/template-rows';
import { workbookFile } from '../../fixtures/workbook-files';

const MiB = 1024 * 1024;
const caps: ZipCaps = { maxPartBytes: SPREADSHEET_LIMITS.maxPartBytes, maxTotalBytes: SPREADSHEET_LIMITS.maxTotalInflatedBytes, keep: () => true };
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const sheet: CraftedEntry = { name: 'xl/worksheets/sheet1.xml', content: text('<worksheet>'.padEnd(4000, ' ') + '</worksheet>') };

function outcome(bytes: Uint8Array, overrides: Partial<ZipCaps> = {}) {
  const result = inflateZipCapped(bytes, { ...caps, ...overrides });
  return result.ok ? { ok: true, names: [...result.parts.keys()] } : result;
}

describe('what gets through', () => {
  it('a workbook SheetJS wrote, re-packed, reads the same rows as the original', () => {
    const bytes = workbookFile([{ name: 'MUX', rows: allMunicipalitiesSheet(30) }], 'xlsx');
    const result = inflateZipCapped(bytes, caps);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const rows = (b: Uint8Array) => utils.sheet_to_json(read(b).Sheets['MUX']!, { header: 1 });
    expect(rows(repackStored(result.parts))).toEqual(rows(bytes));
  });

  it('a streaming writer’s archive (sizes in data descriptors, not in the local headers)', () => {
    const bytes = dataDescriptorXlsx({ '[Content_Types].xml': text('<Types/>'), 'xl/workbook.xml': text('<workbook/>') });
    expect(outcome(bytes)).toEqual({ ok: true, names: ['[Content_Types].xml', 'xl/workbook.xml'] });
  });

  it('stored and deflated entries, and ZIP64 sizes given in their extra field', () => {
    const bytes = craftZip([{ name: 'mimetype', content: text('application/x'), method: 0 }, { ...sheet, zip64: {} }]);
    expect(outcome(bytes)).toEqual({ ok: true, names: ['mimetype', 'xl/worksheets/sheet1.xml'] });
  });

  it('an empty part deflated to no bytes at all', () => {
    const bytes = craftZip([sheet, { name: 'xl/empty.xml', content: new Uint8Array(0), lie: { compressed: 0 }, localLie: { compressed: 0 } }]);
    expect(outcome(bytes)).toEqual({ ok: true, names: ['xl/worksheets/sheet1.xml', 'xl/empty.xml'] });
  });

  it('skips the parts it is not asked for without inflating them', () => {
    const bytes = craftZip([sheet, { name: 'xl/media/image1.png', content: new Uint8Array(64 * 1024) }]);
    expect(outcome(bytes, { keep: (name) => name.endsWith('.xml'), maxTotalBytes: 8000 })).toEqual({ ok: true, names: ['xl/worksheets/sheet1.xml'] });
  });
});

describe('caps on what really comes out', () => {
  it('stops a part at 16 MiB even when the directory declares it small', () => {
    const bomb = craftZip([{ name: 'xl/worksheets/sheet1.xml', content: new Uint8Array(20 * MiB), lie: { uncompressed: 1000 } }]);
    expect(outcome(bomb)).toEqual({ ok: false, reason: 'too_large', limitBytes: 16 * MiB });
  });

  it('counts stored parts toward the total', () => {
    const bytes = craftZip(['a', 'b', 'c'].map((n) => ({ name: `${n}.xml`, content: new Uint8Array(3000), method: 0 })));
    expect(outcome(bytes, { maxTotalBytes: 8000 })).toEqual({ ok: false, reason: 'too_large', limitBytes: 8000 });
  });
});

describe('archives that lie or play tricks', () => {
  const corrupt = (detail: RegExp) => ({ ok: false, reason: 'corrupt', detail: expect.stringMatching(detail) });

  it.each<[string, () => Uint8Array, RegExp]>([
    ['entries that share bytes (overlapping-files bomb)', overlappingZip, /overlapping/],
    ['a ZIP64 sentinel without its extra field', () => craftZip([{ ...sheet, zip64: { withoutExtra: true } }]), /ZIP64/],
    ['a compression method other than stored or deflate', () => craftZip([{ ...sheet, method: 12 }]), /method 12/],
    ['two entries with the same name', () => craftZip([sheet, sheet]), /duplicate/],
    ['a declared size the data does not have', () => craftZip([{ ...sheet, lie: { uncompressed: 100 } }]), /declared 100/],
    ['a local header that disagrees with the directory', () => craftZip([{ ...sheet, localLie: { uncompressed: 100 } }]), /disagree/],
    ['a wrong CRC', () => craftZip([{ ...sheet, lie: { crc: 1234 } }]), /CRC/],
    ['bytes after the deflate data inside the entry', () => craftZip([{ ...sheet, trailing: text('hidden') }]), /ends before/],
    ['a compressed size running into the directory', () => craftZip([{ ...sheet, lie: { compressed: 1_000_000 } }]), /directory/],
    ['an end record counting more entries than there are', () => craftZip([sheet], { countDelta: 1 }), /central directory/],
    ['an end record counting fewer entries than there are', () => craftZip([sheet, { ...sheet, name: 'b.xml' }], { countDelta: -1 }), /central directory/],
    ['a file cut in half', () => truncated(craftZip([sheet])), /end of central directory/],
  ])('refuses %s', (_, bytes, detail) => {
    expect(outcome(bytes())).toEqual(corrupt(detail));
  });

  it.each<[string, CraftedEntry]>([
    ['ZipCrypto (the encrypted flag)', { ...sheet, flags: 1 }],
    ['AES (the encrypted flag with method 99)', { ...sheet, flags: 1, method: 99 }],
    ['strong encryption', { ...sheet, flags: 0x41 }],
  ])('tells an entry encrypted with %s from a corrupt one', (_, entry) => {
    expect(outcome(craftZip([entry]))).toEqual({ ok: false, reason: 'encrypted', detail: expect.stringMatching(/encrypted/) });
  });
});
