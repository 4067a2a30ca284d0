/**
 * The structure of an untrusted zip (xlsx, xlsm, ods), read only as far as the guard needs it: the end of
 * central directory, the central directory, and each entry's local header. Nothing is inflated here.
 *
 * Anything a spreadsheet never needs and an attacker might use is refused: multi-disk archives, encrypted
 * entries (told apart: the user can do something about a password,
 * see ZipRefusal), methods other than stored and deflate, entries whose
 * local header disagrees with the central directory, entries that overlap one another or the directory
 * (the "overlapping files" zip bomb), duplicate names, and a central directory whose size or count lies.
 *
 * ZIP64 is read, not refused: a file under 5 MiB never needs it, but writers add it anyway (Info-ZIP
 * `zip -fz`, yazl and archiver with zip64 forced, Java for streamed entries). A ZIP64 end record is
 * followed through its locator and must agree with the classic end record wherever that one is not a
 * 0xFFFF/0xFFFFFFFF sentinel; an entry's sentinel is only accepted when its ZIP64 extra field gives the
 * real value. Every other check then applies to the real values, so the caps hold as for any zip.
 *
 * Format: APPNOTE.TXT (PKWARE), sections 4.3.6–4.3.16 (4.3.14-15: ZIP64 end record and locator) and 4.5.3.
 */

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const END_BYTES = 22;
const END64_BYTES = 56;
const LOCATOR64_BYTES = 20;
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
  const { disk, directoryDisk, entriesOnDisk, count, directorySize, directoryOffset, recordsStart } = endRecords(view, end);
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== count) fail('multi-disk archive');
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > recordsStart) fail('central directory overlaps its end record');

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

interface EndValues {
  disk: number;
  directoryDisk: number;
  entriesOnDisk: number;
  count: number;
  directorySize: number;
  directoryOffset: number;
  /** Where the end records start (the ZIP64 one when there is one): the directory must end before. */
  recordsStart: number;
}

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(`ZIP64 ${what} out of range`);
  return Number(value);
}

/**
 * The directory's place and size from the classic end record, or from the ZIP64 end record when a locator
 * sits right before the classic one. Where both state a value, they must agree (unless the classic one is
 * the sentinel that means "see ZIP64").
 */
function endRecords(view: DataView, end: number): EndValues {
  const classic: EndValues = {
    disk: view.getUint16(end + 4, true),
    directoryDisk: view.getUint16(end + 6, true),
    entriesOnDisk: view.getUint16(end + 8, true),
    count: view.getUint16(end + 10, true),
    directorySize: view.getUint32(end + 12, true),
    directoryOffset: view.getUint32(end + 16, true),
    recordsStart: end,
  };
  const locator = end - LOCATOR64_BYTES;
  const hasLocator = locator >= 0 && view.getUint32(locator, true) === SIG_LOCATOR64;
  if (!hasLocator) {
    if (classic.count === U16_SENTINEL || classic.directorySize === U32_SENTINEL || classic.directoryOffset === U32_SENTINEL) {
      fail('ZIP64 sentinel without a ZIP64 end record');
    }
    return classic;
  }
  if (view.getUint32(locator + 4, true) !== 0 || view.getUint32(locator + 16, true) !== 1) fail('multi-disk archive (ZIP64 locator)');
  const record = safeNumber(view.getBigUint64(locator + 8, true), 'end record offset');
  if (record + END64_BYTES > locator || view.getUint32(record, true) !== SIG_END64) fail('no ZIP64 end record where its locator points');
  // The record's own size field counts what follows it (44 for version 1); an extensible data sector
  // may follow, which no spreadsheet writer uses, but it must still end at the locator.
  if (safeNumber(view.getBigUint64(record + 4, true), 'end record size') + 12 !== locator - record) fail('ZIP64 end record size disagrees with its place');
  const zip64: EndValues = {
    disk: view.getUint32(record + 16, true),
    directoryDisk: view.getUint32(record + 20, true),
    entriesOnDisk: safeNumber(view.getBigUint64(record + 24, true), 'entry count'),
    count: safeNumber(view.getBigUint64(record + 32, true), 'entry count'),
    directorySize: safeNumber(view.getBigUint64(record + 40, true), 'directory size'),
    directoryOffset: safeNumber(view.getBigUint64(record + 48, true), 'directory offset'),
    recordsStart: record,
  };
  const agree = (a: number, b: number, sentinel: number): boolean => a === sentinel || a === b;
  if (
    !agree(classic.disk, zip64.disk, U16_SENTINEL) ||
    !agree(classic.directoryDisk, zip64.directoryDisk, U16_SENTINEL) ||
    !agree(classic.entriesOnDisk, zip64.entriesOnDisk, U16_SENTINEL) ||
    !agree(classic.count, zip64.count, U16_SENTINEL) ||
    !agree(classic.directorySize, zip64.directorySize, U32_SENTINEL) ||
    !agree(classic.directoryOffset, zip64.directoryOffset, U32_SENTINEL)
  ) {
    fail('ZIP64 and classic end records disagree');
  }
  return zip64;
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
