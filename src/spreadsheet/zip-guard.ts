/**
 * Inflates the parts of an untrusted zip (xlsx, xlsm, ods) with a hard cap on the bytes that really come
 * out, one part and all of them, whatever sizes the zip declares. The cap is enforced by node:zlib itself
 * (`maxOutputLength`: inflation stops with a RangeError once the output would pass it), so a zip bomb
 * costs at most one part's cap of memory and a few tens of milliseconds. The caller then re-packs the
 * verified parts (zip-writer.ts): SheetJS never sees the original archive, whatever tricks it plays.
 *
 * The structure (directory, local headers, overlaps, ZIP64, methods) is checked by zip-directory.ts first;
 * here each kept part must inflate to exactly its declared size, consume exactly its compressed bytes and,
 * where node:zlib has crc32 (Node ≥ 20.15, 22), match its CRC.
 */
import * as zlib from 'node:zlib';
import { readZipDirectory, type ZipEntry, type ZipRefusal } from './zip-directory';

export interface ZipCaps {
  maxPartBytes: number;
  maxTotalBytes: number;
  /** Parts to inflate; the others (images, VBA, printer settings) are skipped without being inflated. */
  keep: (name: string) => boolean;
}

export interface ZipPart {
  entry: ZipEntry;
  /** The inflated bytes; for a stored part, a view into the original file. */
  data: Uint8Array;
}

export type ZipInflateResult =
  /** parts: the kept entries, inflated; entries: all of them, in directory order. */
  | { ok: true; parts: Map<string, ZipPart>; entries: readonly ZipEntry[] }
  | { ok: false; reason: 'too_large'; limitBytes: number }
  | { ok: false; reason: ZipRefusal; detail: string };

/** zlib.crc32 arrived in Node 20.15 and 22.2; without it the CRC check is skipped (the caps still hold). */
const crc32: ((data: Uint8Array) => number) | null = typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : null;

/** What inflateRawSync returns with `info: true` (the typings only know the plain Buffer). */
interface InflateInfo {
  buffer: Buffer;
  engine: { bytesWritten: number };
}

export function inflateZipCapped(bytes: Uint8Array, caps: ZipCaps): ZipInflateResult {
  const directory = readZipDirectory(bytes);
  if (!directory.ok) return directory;
  const parts = new Map<string, ZipPart>();
  let total = 0;
  for (const entry of directory.entries) {
    if (!caps.keep(entry.name)) continue; // never inflated
    const remaining = caps.maxTotalBytes - total;
    const budget = Math.min(caps.maxPartBytes, remaining);
    const tooLarge = { ok: false, reason: 'too_large', limitBytes: budget === caps.maxPartBytes ? caps.maxPartBytes : caps.maxTotalBytes } as const;
    const compressed = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    let data: Uint8Array;
    if (entry.method === 0) {
      data = compressed;
    } else if (compressed.length === 0 && entry.uncompressedSize === 0) {
      data = compressed; // some writers deflate an empty part to no bytes at all, which zlib calls truncated
    } else {
      const inflated = inflateCapped(compressed, budget);
      if (inflated === 'too_large') return tooLarge;
      if (typeof inflated === 'string') return { ok: false, reason: 'corrupt', detail: `${entry.name}: ${inflated}` };
      // Bytes left over inside the entry mean its compressed size lies.
      if (inflated.engine.bytesWritten !== compressed.length) {
        return { ok: false, reason: 'corrupt', detail: `${entry.name}: deflate data ends before the entry does` };
      }
      data = inflated.buffer;
    }
    if (data.length > budget) return tooLarge;
    if (data.length !== entry.uncompressedSize) {
      return { ok: false, reason: 'corrupt', detail: `${entry.name}: declared ${entry.uncompressedSize} bytes, inflated ${data.length}` };
    }
    if (crc32 && crc32(data) !== entry.crc32) return { ok: false, reason: 'corrupt', detail: `${entry.name}: CRC mismatch` };
    total += data.length;
    parts.set(entry.name, { entry, data });
  }
  return { ok: true, parts, entries: directory.entries };
}

/** The inflated part, 'too_large' when it would pass `budget` bytes, or why zlib refused the data. */
function inflateCapped(compressed: Uint8Array, budget: number): InflateInfo | 'too_large' | string {
  try {
    // maxOutputLength must be at least 1; a budget of 0 is then enforced by the caller's length check.
    return zlib.inflateRawSync(compressed, { maxOutputLength: Math.max(1, budget), info: true }) as unknown as InflateInfo;
  } catch (error: unknown) {
    // By code, not instanceof RangeError: the error may come from another realm (jest's vm contexts).
    if (typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too_large';
    // Truncated or malformed deflate data ("unexpected end of file", "invalid distance too far back"…).
    return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  }
}
