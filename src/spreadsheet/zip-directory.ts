/**
 * The structure of an untrusted zip (xlsx, xlsm, ods), read only as far as the guard needs it: the end of
 * central directory, the central directory, and each entry's local header. Nothing is inflated here.
 *
 * Anything a spreadsheet never needs and an attacker might use is refused: multi-disk and ZIP64 archives
 * (a file under 5 MiB never needs ZIP64; a ZIP64 sentinel is only accepted when the entry's ZIP64 extra
 * field gives the real value), encrypted entries (told apart: the user can do something about a password,
 * see ZipRefusal), methods other than stored and deflate, entries whose
 * local header disagrees with the central directory, entries that overlap one another or the directory
 * (the "overlapping files" zip bomb), duplicate names, and a central directory whose size or count lies.
 *
 * Format: APPNOTE.TXT (PKWARE), sections 4.3.6–4.3.16 and 4.5.3.
 */

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const END_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
const MAX_COMMENT = 0xffff;
const U16_SENTINEL = 0xffff;
const U32_SENTINEL = 0xffffffff;
const ZIP64_EXTRA = 0x0001;

/** Bit 0 (encrypted), bit 6 (strong encryption), bit 13 (encrypted central directory). */
const FLAG_ENCRYPTED = 0x2041;
/** Bit 3: sizes and CRC follow the data in a descriptor; the local header may hold zeros. */
const FLAG_DATA_DESCRIPTOR = 0x0008;

export interface ZipEntry {
  /** The raw name bytes read one byte per character (latin1), which is how SheetJS names zip parts. */
  name: string;
  /** The raw name bytes, so a re-packed archive names the part exactly as the original did. */
  rawName: Uint8Array;
  /** General purpose flags of the central directory record. */
  flags: number;
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  /** Declared, not trusted: the guard compares it with what really comes out. */
  uncompressedSize: number;
  /** Absolute offset of the entry's (compressed) data. */
  dataOffset: number;
}

/**
 * Why an archive is refused: 'encrypted' when an entry is password-protected (ZipCrypto or AES, which
 * also uses the encrypted flag), which the user can undo; 'corrupt' for everything else.
 */
export type ZipRefusal = 'encrypted' | 'corrupt';

export type ZipDirectoryResult = { ok: true; entries: ZipEntry[] } | { ok: false; reason: ZipRefusal; detail: string };

class ZipStructureError extends Error {
  constructor(
    message: string,
    readonly reason: ZipRefusal,
  ) {
    super(message);
  }
}

function fail(detail: string, reason: ZipRefusal = 'corrupt'): never {
  throw new ZipStructureError(detail, reason);
}

export function readZipDirectory(bytes: Uint8Array): ZipDirectoryResult {
  try {
    return { ok: true, entries: readEntries(bytes) };
  } catch (error: unknown) {
    if (error instanceof ZipStructureError) return { ok: false, reason: error.reason, detail: error.message };
    throw error;
  }
}

function readEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(bytes, view);
  const disk = view.getUint16(end + 4, true);
  const directoryDisk = view.getUint16(end + 6, true);
  const entriesOnDisk = view.getUint16(end + 8, true);
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === U16_SENTINEL || directorySize === U32_SENTINEL || directoryOffset === U32_SENTINEL) fail('ZIP64 end of central directory');
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== count) fail('multi-disk archive');
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > end) fail('central directory overlaps its end record');

  const entries: ZipEntry[] = [];
  const extents: { start: number; end: number }[] = [];
  const names = new Set<string>();
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_BYTES > directoryEnd || view.getUint32(at, true) !== SIG_CENTRAL) fail('central directory shorter than its count');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const recordEnd = at + CENTRAL_BYTES + nameLength + extraLength + commentLength;
    if (recordEnd > directoryEnd) fail('central directory record runs past the directory');
    const rawName = bytes.subarray(at + CENTRAL_BYTES, at + CENTRAL_BYTES + nameLength);
    const name = latin1(rawName);
    // Before the method: an AES-encrypted entry states method 99, and is refused for its password.
    if (flags & FLAG_ENCRYPTED) fail(`${name}: encrypted entry`, 'encrypted');
    if (method !== 0 && method !== 8) fail(`${name}: compression method ${method}`);
    if (view.getUint16(at + 34, true) !== 0) fail(`${name}: entry on another disk`);
    const extra = bytes.subarray(at + CENTRAL_BYTES + nameLength, at + CENTRAL_BYTES + nameLength + extraLength);
    const sizes = withZip64(name, extra, {
      uncompressed: view.getUint32(at + 24, true),
      compressed: view.getUint32(at + 20, true),
      offset: view.getUint32(at + 42, true),
    });
    if (method === 0 && sizes.compressed !== sizes.uncompressed) fail(`${name}: stored entry with two sizes`);
    if (names.has(name)) fail(`${name}: duplicate entry`);
    names.add(name);

    const crc32 = view.getUint32(at + 16, true);
    const dataOffset = checkLocalHeader(bytes, view, { name, rawName, flags, method, crc32, ...sizes });
    const dataEnd = dataOffset + sizes.compressed;
    if (dataEnd > directoryOffset) fail(`${name}: data runs into the central directory`);
    extents.push({ start: sizes.offset, end: dataEnd });
    entries.push({ name, rawName, flags, method, crc32, compressedSize: sizes.compressed, uncompressedSize: sizes.uncompressed, dataOffset });
    at = recordEnd;
  }
  if (at !== directoryEnd) fail('central directory longer than its count');

  // Two entries sharing bytes is how an "overlapping files" bomb multiplies one deflate stream.
  extents.sort((a, b) => a.start - b.start);
  for (let i = 1; i < extents.length; i++) if (extents[i]!.start < extents[i - 1]!.end) fail('overlapping entries');
  return entries;
}

/**
 * The end of central directory record: the last signature whose comment fits in the file. The comment may
 * itself contain the signature bytes, hence the fit check rather than the first match.
 */
function findEnd(bytes: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, bytes.length - END_BYTES - MAX_COMMENT);
  for (let at = bytes.length - END_BYTES; at >= lowest; at--) {
    if (bytes[at] !== 0x50 || view.getUint32(at, true) !== SIG_END) continue;
    if (at + END_BYTES + view.getUint16(at + 20, true) <= bytes.length) return at;
  }
  return fail('no end of central directory (truncated?)');
}

interface Sizes {
  uncompressed: number;
  compressed: number;
  offset: number;
}

/**
 * A field set to 0xFFFFFFFF means "see the ZIP64 extra field", which holds the 8-byte values of exactly
 * those fields, in this order: uncompressed size, compressed size, local header offset.
 */
function withZip64(name: string, extra: Uint8Array, sizes: Sizes): Sizes {
  const wanted = (['uncompressed', 'compressed', 'offset'] as const).filter((key) => sizes[key] === U32_SENTINEL);
  if (wanted.length === 0) return sizes;
  const field = extraField(extra, ZIP64_EXTRA);
  if (!field || field.length < wanted.length * 8) fail(`${name}: ZIP64 size without its extra field`);
  const view = new DataView(field.buffer, field.byteOffset, field.byteLength);
  const resolved = { ...sizes };
  wanted.forEach((key, i) => {
    const value = view.getBigUint64(i * 8, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(`${name}: ZIP64 value out of range`);
    resolved[key] = Number(value);
  });
  return resolved;
}

function extraField(extra: Uint8Array, id: number): Uint8Array | null {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length; ) {
    const size = view.getUint16(at + 2, true);
    if (at + 4 + size > extra.length) return null;
    if (view.getUint16(at, true) === id) return extra.subarray(at + 4, at + 4 + size);
    at += 4 + size;
  }
  return null;
}

/** The local header must name and describe the same entry as the central directory; returns the data offset. */
function checkLocalHeader(
  bytes: Uint8Array,
  view: DataView,
  entry: { name: string; rawName: Uint8Array; flags: number; method: number; crc32: number } & Sizes,
): number {
  const { name, offset } = entry;
  if (offset + LOCAL_BYTES > bytes.length || view.getUint32(offset, true) !== SIG_LOCAL) fail(`${name}: no local header where the directory points`);
  const flags = view.getUint16(offset + 6, true);
  const nameLength = view.getUint16(offset + 26, true);
  const extraLength = view.getUint16(offset + 28, true);
  const dataOffset = offset + LOCAL_BYTES + nameLength + extraLength;
  if (dataOffset > bytes.length) fail(`${name}: local header runs past the file`);
  if (flags & FLAG_ENCRYPTED) fail(`${name}: encrypted entry`, 'encrypted');
  if (view.getUint16(offset + 8, true) !== entry.method) fail(`${name}: local header states another method`);
  if (!sameBytes(bytes.subarray(offset + LOCAL_BYTES, offset + LOCAL_BYTES + nameLength), entry.rawName)) fail(`${name}: local header names another entry`);
  // With a data descriptor the local header may hold zeros (the writer did not know the sizes yet).
  if (!(flags & FLAG_DATA_DESCRIPTOR)) {
    const local = withZip64(name, bytes.subarray(offset + LOCAL_BYTES + nameLength, dataOffset), {
      uncompressed: view.getUint32(offset + 22, true),
      compressed: view.getUint32(offset + 18, true),
      offset: 0,
    });
    if (view.getUint32(offset + 14, true) !== entry.crc32 || local.compressed !== entry.compressed || local.uncompressed !== entry.uncompressed) {
      fail(`${name}: local header and central directory disagree`);
    }
  }
  return dataOffset;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function latin1(raw: Uint8Array): string {
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
}
