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
