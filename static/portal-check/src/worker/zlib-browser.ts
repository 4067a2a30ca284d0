/**
 * `node:zlib` as src/spreadsheet/zip-guard.ts uses it, for the browser's worker: a raw inflate whose
 * output stops at `maxOutputLength` (a zip bomb costs at most that much memory, as in Node), and crc32.
 * fflate does not tell how many compressed bytes the stream used, so the "data ends before the entry
 * does" check is not made here; every cap still holds, and the reader re-packs only what it inflated.
 */
import { Inflate } from 'fflate';

class OutputTooLarge extends RangeError {
  readonly code = 'ERR_BUFFER_TOO_LARGE';
}

export function inflateRawSync(
  compressed: Uint8Array,
  options: { maxOutputLength: number; info?: boolean },
): { buffer: Uint8Array; engine: { bytesWritten: number } } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > options.maxOutputLength) throw new OutputTooLarge('Cannot create a Buffer larger than the cap');
    chunks.push(chunk);
  });
  inflate.push(compressed, true);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  const buffer = (globalThis as unknown as { Buffer: { from(a: ArrayBuffer, o: number, l: number): Uint8Array } }).Buffer.from(out.buffer, 0, out.length);
  return { buffer, engine: { bytesWritten: compressed.length } };
}

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Only the workbook writer deflates; nothing in the browser writes a workbook. */
export function gzipSync(): never {
  throw new Error('gzipSync is not available in the browser checker');
}
