/**
 * Writes zips with node:zlib: the verified parts of an untrusted file re-packed for SheetJS (stored: cheap
 * to write, nothing for SheetJS to inflate), and the template workbook after its XML was edited (entries
 * SheetJS compressed are copied as they are; only the edited part is deflated again).
 *
 * The output buffer is owned by the returned array, so it can be transferred to the parser thread.
 */
import { gzipSync } from 'node:zlib';
import type { ZipPart } from './zip-guard';

export interface ZipWriteEntry {
  /** The name as raw bytes (a re-packed part keeps the original's bytes, so SheetJS names it the same). */
  rawName: Uint8Array;
  utf8Name: boolean;
  method: 0 | 8;
  crc32: number;
  uncompressedSize: number;
  /** The bytes as they go into the archive: the content when stored, raw deflate data when deflated. */
  data: Uint8Array;
}

const LOCAL_BYTES = 30;
const CENTRAL_BYTES = 46;
const END_BYTES = 22;
/** General purpose flag bit 11: the name is UTF-8. */
export const FLAG_UTF8 = 0x0800;
/** Version 2.0 (deflate): the oldest that every reader accepts. */
const VERSION = 20;
/** 1980-01-01 00:00 in MS-DOS format: file times carry nothing a reader of these archives needs. */
const DOS_DATE = (1 << 5) | 1;

export function writeZip(entries: readonly ZipWriteEntry[]): Uint8Array<ArrayBuffer> {
  if (entries.length > 0xffff) throw new Error('too many zip entries');
  let size = END_BYTES;
  for (const entry of entries) size += LOCAL_BYTES + CENTRAL_BYTES + 2 * entry.rawName.length + entry.data.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  /** The fields local headers and central directory records share, from "version needed" on. */
  const common = (at: number, entry: ZipWriteEntry): void => {
    view.setUint16(at, VERSION, true);
    view.setUint16(at + 2, entry.utf8Name ? FLAG_UTF8 : 0, true);
    view.setUint16(at + 4, entry.method, true);
    view.setUint16(at + 8, DOS_DATE, true);
    view.setUint32(at + 10, entry.crc32, true);
    view.setUint32(at + 14, entry.data.length, true);
    view.setUint32(at + 18, entry.uncompressedSize, true);
    view.setUint16(at + 22, entry.rawName.length, true);
  };
  const offsets: number[] = [];
  let at = 0;
  for (const entry of entries) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    common(at + 4, entry);
    out.set(entry.rawName, at + LOCAL_BYTES);
    at += LOCAL_BYTES + entry.rawName.length;
    out.set(entry.data, at);
    at += entry.data.length;
  }
  const directoryOffset = at;
  entries.forEach((entry, index) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, VERSION, true);
    common(at + 6, entry);
    view.setUint32(at + 42, offsets[index]!, true);
    out.set(entry.rawName, at + CENTRAL_BYTES);
    at += CENTRAL_BYTES + entry.rawName.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - directoryOffset, true);
  view.setUint32(at + 16, directoryOffset, true);
  return out;
}

/** The verified parts as a stored zip, with the CRCs the guard checked. */
export function repackStored(parts: ReadonlyMap<string, ZipPart>): Uint8Array<ArrayBuffer> {
  return writeZip(
    [...parts.values()].map(({ entry, data }) => ({
      rawName: entry.rawName,
      utf8Name: (entry.flags & FLAG_UTF8) !== 0,
      method: 0,
      crc32: entry.crc32,
      uncompressedSize: data.length,
      data,
    })),
  );
}

const GZIP_HEADER_BYTES = 10;
const GZIP_TRAILER_BYTES = 8;

/**
 * A deflated entry for `content`. A gzip member is a 10-byte header, raw deflate data and a trailer that
 * holds the CRC-32 of the content (RFC 1952), so one native call gives both, on every Node version
 * (zlib.crc32 only arrived in Node 20.15).
 */
export function deflatedEntry(name: string, content: Uint8Array): ZipWriteEntry {
  const gzip = gzipSync(content, { level: 6 });
  // Node writes no optional header fields (FLG = 0), so the deflate data starts right after 10 bytes.
  if (gzip[3] !== 0) throw new Error('unexpected gzip header');
  const end = gzip.length - GZIP_TRAILER_BYTES;
  return {
    rawName: Buffer.from(name, 'utf8'),
    utf8Name: /[\u0080-\uffff]/.test(name),
    method: 8,
    crc32: gzip.readUInt32LE(end),
    uncompressedSize: content.length,
    data: gzip.subarray(GZIP_HEADER_BYTES, end),
  };
}
