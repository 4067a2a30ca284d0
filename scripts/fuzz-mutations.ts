/**
 * The fuzzer's inputs: templates the repo generates (test/fixtures, the same writers the tests use) and
 * seeded mutations of them, so a run is reproduced exactly by its seed. Each mutation knows the container
 * it targets: byte flips, truncation and chunk duplication for any file; zip header edits, and XML edits
 * re-zipped with valid CRCs (so they reach the parser) for .xlsx/.ods; FAT, directory and BIFF record
 * edits for .xls; separators, quotes, control characters and long fields for .csv.
 */
import { strToU8, strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { allMunicipalitiesSheet } from '../test/fixtures/template-rows';
import { csvFile, workbookFile } from '../test/fixtures/workbook-files';

export type Rng = () => number;

/** mulberry32: small, fast and the same everywhere. */
export function rngFrom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, max: number): number => Math.floor(rng() * max);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;

export interface SeedFile {
  fileName: string;
  bytes: Uint8Array;
}

/** One template per format the reader accepts, with real identifiers (and a date column filled). */
export function seedFiles(): SeedFile[] {
  const rows = allMunicipalitiesSheet(40, { productionDate: '15/03/2027' });
  return [
    { fileName: 'plantilla.xlsx', bytes: workbookFile([{ name: 'MUX', rows }], 'xlsx') },
    { fileName: 'plantilla.xls', bytes: workbookFile([{ name: 'MUX', rows }], 'xls') },
    { fileName: 'plantilla.ods', bytes: workbookFile([{ name: 'MUX', rows }], 'ods') },
    { fileName: 'plantilla.csv', bytes: csvFile(rows, ';', 'utf-8-bom') },
  ];
}

/** Values that sit on boundaries parsers get wrong. */
const INTERESTING_32 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
const INTERESTING_NUMBERS = ['0', '-1', '65536', '1048576', '16384', '2000000000', '4294967296', '1e308', 'NaN', '99999999999999999999'];

function copy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function writeU32(bytes: Uint8Array, at: number, value: number, width: 2 | 4): void {
  if (at + width > bytes.length) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (width === 2) view.setUint16(at, value & 0xffff, true);
  else view.setUint32(at, value >>> 0, true);
}

function flip(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = copy(bytes);
  for (let i = 1 + int(rng, 8); i > 0; i--) {
    const at = int(rng, out.length);
    out[at] = out[at]! ^ (1 << int(rng, 8));
  }
  return out;
}

function truncate(bytes: Uint8Array, rng: Rng): Uint8Array {
  return bytes.slice(0, int(rng, bytes.length));
}

function duplicateChunk(bytes: Uint8Array, rng: Rng): Uint8Array {
  const start = int(rng, bytes.length);
  const chunk = bytes.subarray(start, start + 1 + int(rng, 4096));
  const at = int(rng, bytes.length);
  const out = new Uint8Array(bytes.length + chunk.length);
  out.set(bytes.subarray(0, at));
  out.set(chunk, at);
  out.set(bytes.subarray(at), at + chunk.length);
  return out;
}

/** Offsets of every zip record signature (local, central, end). */
function zipRecords(bytes: Uint8Array): { at: number; kind: 'local' | 'central' | 'end' }[] {
  const found: { at: number; kind: 'local' | 'central' | 'end' }[] = [];
  for (let at = 0; at + 4 <= bytes.length; at++) {
    if (bytes[at] !== 0x50 || bytes[at + 1] !== 0x4b) continue;
    const tag = bytes[at + 2]! | (bytes[at + 3]! << 8);
    if (tag === 0x0403) found.push({ at, kind: 'local' });
    else if (tag === 0x0201) found.push({ at, kind: 'central' });
    else if (tag === 0x0605) found.push({ at, kind: 'end' });
  }
  return found;
}

/** Header fields (offset, width) per record kind: APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16. */
const ZIP_FIELDS: Record<'local' | 'central' | 'end', [number, 2 | 4][]> = {
  local: [[6, 2], [8, 2], [14, 4], [18, 4], [22, 4], [26, 2], [28, 2]],
  central: [[8, 2], [10, 2], [16, 4], [20, 4], [24, 4], [28, 2], [30, 2], [32, 2], [34, 2], [42, 4]],
  end: [[4, 2], [6, 2], [8, 2], [10, 2], [12, 4], [16, 4], [20, 2]],
};

function zipHeaderEdit(bytes: Uint8Array, rng: Rng): Uint8Array {
  const records = zipRecords(bytes);
  if (records.length === 0) return flip(bytes, rng);
  const out = copy(bytes);
  const record = pick(rng, records);
  const [offset, width] = pick(rng, ZIP_FIELDS[record.kind]);
  writeU32(out, record.at + offset, pick(rng, INTERESTING_32), width);
  return out;
}

/** An XML edit that keeps the zip valid: the part is changed and the archive re-written with right CRCs. */
function xmlEdit(bytes: Uint8Array, rng: Rng): Uint8Array {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes);
  } catch {
    return flip(bytes, rng);
  }
  const names = Object.keys(parts).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
  if (names.length === 0) return flip(bytes, rng);
  const name = pick(rng, names);
  let xml = strFromU8(parts[name]!);
  const edit = int(rng, 7);
  if (edit === 0) {
    // A number attribute set to a boundary value (repeats, indices, sizes, digit counts).
    const numbers = [...xml.matchAll(/="(\d+)"/g)];
    if (numbers.length > 0) {
      const match = pick(rng, numbers);
      xml = `${xml.slice(0, match.index)}="${pick(rng, INTERESTING_NUMBERS)}"${xml.slice(match.index! + match[0].length)}`;
    }
  } else if (edit === 1) {
    // An element copied many times over (what sheet aliasing and repeated rows look like).
    const elements = [...xml.matchAll(/<([\w:]+)\b[^>]*\/>/g)];
    if (elements.length > 0) {
      const match = pick(rng, elements);
      xml = xml.slice(0, match.index) + match[0].repeat(1 + int(rng, 2000)) + xml.slice(match.index!);
    }
  } else if (edit === 2) {
    const start = int(rng, xml.length);
    xml = xml.slice(0, start) + xml.slice(start + int(rng, 200));
  } else if (edit === 3) {
    const at = xml.indexOf('>', int(rng, xml.length));
    if (at > 0) xml = `${xml.slice(0, at)}${' x=""'.repeat(1 + int(rng, 20000))}${xml.slice(at)}`;
  } else if (edit === 4) {
    const at = int(rng, xml.length);
    xml = `${xml.slice(0, at)}${pick(rng, ['<text:s text:c="99999"/>', '&#0;', '&amp;'.repeat(1000), '<![CDATA[', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', 'x'.repeat(40000)])}${xml.slice(at)}`;
  } else if (edit === 5) {
    // Swap two attribute values of the same name (references pointing elsewhere).
    const refs = [...xml.matchAll(/\b(r:id|Target|r|sheetId|table:style-name)="([^"]*)"/g)];
    if (refs.length > 1) {
      const a = pick(rng, refs);
      xml = xml.replace(a[0], `${a[1]}="${pick(rng, refs)[2]}"`);
    }
  } else {
    xml = xml.slice(0, int(rng, xml.length));
  }
  parts[name] = strToU8(xml);
  // mimetype stays first and stored, as ODS requires.
  const ordered: Zippable = {};
  if (parts['mimetype']) ordered['mimetype'] = [parts['mimetype'], { level: 0 }];
  for (const [n, data] of Object.entries(parts)) if (n !== 'mimetype') ordered[n] = data;
  return zipSync(ordered, { level: 6 });
}

/** FAT or directory edits of an OLE2 container ([MS-CFB] 2.3, 2.6). */
function ole2Edit(bytes: Uint8Array, rng: Rng): Uint8Array {
  if (bytes.length < 1024) return flip(bytes, rng);
  const out = copy(bytes);
  const view = new DataView(out.buffer);
  const sectorSize = 1 << view.getUint16(0x1e, true);
  const sectorOffset = (n: number): number => (n + 1) * sectorSize;
  const sectors = Math.ceil(out.length / sectorSize) - 1;
  const value = pick(rng, [-1, -2, -3, -4, 0, 1, sectors - 1, sectors, sectors + 4, int(rng, sectors), 0x7fffffff]);
  if (rng() < 0.4) {
    const fat = view.getInt32(0x4c, true);
    if (fat >= 0 && sectorOffset(fat + 1) <= out.length) writeU32(out, sectorOffset(fat) + 4 * int(rng, sectorSize / 4), value, 4);
  } else {
    const directory = view.getInt32(0x30, true);
    if (directory >= 0 && sectorOffset(directory + 1) <= out.length) {
      const entry = sectorOffset(directory) + 128 * int(rng, sectorSize / 128);
      const [offset, width] = pick(rng, [[0x42, 1], [0x44, 4], [0x48, 4], [0x4c, 4], [0x74, 4], [0x78, 4]] as const);
      if (width === 1) out[entry + offset] = pick(rng, [0, 1, 2, 3, 4, 5, 6, 255]);
      else writeU32(out, entry + offset, pick(rng, [value, 4096, 8192, 0x7fffffff]), 4);
    }
  }
  return out;
}

/** An edit of one BIFF8 record (id, length or a data byte) of the Workbook stream. */
function biffEdit(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = copy(bytes);
  // The BIFF8 BOF record: id 0x0809, length 16, version 0x0600.
  let at = -1;
  for (let i = 512; i + 6 <= out.length; i++) {
    if (out[i] === 0x09 && out[i + 1] === 0x08 && out[i + 2] === 0x10 && out[i + 3] === 0 && out[i + 4] === 0 && out[i + 5] === 0x06) {
      at = i;
      break;
    }
  }
  if (at < 0) return flip(bytes, rng);
  const records: number[] = [];
  for (let i = at; i + 4 <= out.length && records.length < 5000; ) {
    records.push(i);
    const length = out[i + 2]! | (out[i + 3]! << 8);
    if ((out[i]! | (out[i + 1]! << 8)) === 0x000a) break; // EOF
    i += 4 + length;
  }
  const record = pick(rng, records);
  const edit = int(rng, 3);
  if (edit === 0) writeU32(out, record + 2, pick(rng, [0, 1, 0x2020, 0xffff, 8224, (out[record + 2]! | (out[record + 3]! << 8)) + 1]), 2);
  else if (edit === 1) writeU32(out, record, pick(rng, [0x0009, 0x0809, 0x00fc, 0x00fd, 0x0203, 0x027e, 0x0204, 0x003c, 0x0085, 0xffff]), 2);
  else if (record + 5 < out.length) out[record + 4 + int(rng, Math.max(1, Math.min(16, out.length - record - 4)))] = int(rng, 256);
  return out;
}

function csvEdit(bytes: Uint8Array, rng: Rng): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  const at = int(rng, text.length);
  const insert = pick(rng, [',', ';', '"', '""', '\n', '\r', '\t', '\u0000', 'é', '\ufffd', 'sep=,\n', 'x'.repeat(100_000), '\n'.repeat(6000), '"unterminated', '3/15/27', '2027/03/15']);
  const lines = text.split('\n');
  const edited = rng() < 0.2 ? [...lines, ...lines, ...lines].join('\n') : text.slice(0, at) + insert + text.slice(at);
  return new TextEncoder().encode(edited);
}

type Mutation = (bytes: Uint8Array, rng: Rng) => Uint8Array;

const COMMON: Record<string, Mutation> = { flip, truncate, 'duplicate-chunk': duplicateChunk };
const BY_FORMAT: Record<string, Record<string, Mutation>> = {
  xlsx: { ...COMMON, 'zip-header': zipHeaderEdit, 'xml-rezipped': xmlEdit, 'xml-rezipped-2': xmlEdit },
  ods: { ...COMMON, 'zip-header': zipHeaderEdit, 'xml-rezipped': xmlEdit, 'xml-rezipped-2': xmlEdit },
  xls: { ...COMMON, 'ole2-fat-directory': ole2Edit, 'biff-record': biffEdit, 'biff-record-2': biffEdit },
  csv: { ...COMMON, 'csv-edit': csvEdit, 'csv-edit-2': csvEdit },
};

export interface Mutant {
  fileName: string;
  bytes: Uint8Array;
  /** What was done, e.g. "xlsx/xml-rezipped". */
  mutation: string;
}

/** The `index`-th mutant of a seeded run: one or two mutations of one seed file. */
export function mutant(seeds: readonly SeedFile[], rng: Rng, index: number): Mutant {
  const seed = seeds[index % seeds.length]!;
  const format = seed.fileName.split('.').pop()!;
  const mutations = BY_FORMAT[format]!;
  const names = Object.keys(mutations);
  let bytes = seed.bytes;
  const applied: string[] = [];
  for (let n = rng() < 0.25 ? 2 : 1; n > 0; n--) {
    const name = pick(rng, names);
    bytes = mutations[name]!(bytes, rng);
    applied.push(name.replace(/-2$/, ''));
  }
  return { fileName: seed.fileName, bytes, mutation: `${format}/${applied.join('+')}` };
}
