/**
 * What a file really is, by its first bytes. SheetJS "reads" random bytes, PDFs or HTML as CSV/HTML tables,
 * so the reader only hands it containers that match the extension.
 */
export type Container = 'zip' | 'ole2' | 'other';

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

export function containerOf(bytes: Uint8Array): Container {
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return 'zip';
  if (startsWith(bytes, OLE2)) return 'ole2';
  return 'other';
}

/**
 * What a file named .xls that is no OLE2 container may really be, when it is something a person can
 * re-save: 'biff-old' for Excel 2.x-4.0 worksheets (a bare BIFF2/3/4 stream starting with its BOF record),
 * 'excelXml' for Excel 2003 XML (SpreadsheetML), 'html' for a web page's table; web exports name all three
 * .xls. SheetJS reads some of these, but not reliably enough to trust with a template.
 */
export type LegacyXlsKind = 'oldExcel' | 'excelXml' | 'html';

/** BOF record ids of BIFF2, BIFF3 and BIFF4, and the sheet types their BOF states. */
const OLD_BOF_IDS = [0x0009, 0x0209, 0x0409];
const OLD_BOF_TYPES = [0x0010, 0x0020, 0x0040, 0x0100];

export function legacyXlsKind(bytes: Uint8Array): LegacyXlsKind | null {
  if (bytes.length >= 8) {
    const id = bytes[0]! | (bytes[1]! << 8);
    const length = bytes[2]! | (bytes[3]! << 8);
    const type = bytes[6]! | (bytes[7]! << 8);
    if (OLD_BOF_IDS.includes(id) && length >= 4 && length <= 16 && OLD_BOF_TYPES.includes(type)) return 'oldExcel';
  }
  const head = bytes.subarray(0, 4096);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const text = new TextDecoder(utf16 ? (head[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'latin1').decode(head).replace(/^\uFEFF|^ï»¿/, '').trimStart();
  if (/urn:schemas-microsoft-com:office:spreadsheet|progid\s*=\s*["']Excel\.Sheet["']/i.test(text)) return 'excelXml';
  if (/^(<!doctype\s+html|<html|<table|<meta\b)/i.test(text)) return 'html';
  return null;
}
