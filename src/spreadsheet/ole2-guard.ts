/**
 * A structural check of OLE2 (Compound File) containers, the .xls format, before SheetJS reads them.
 *
 * SheetJS (CFB read_directory, get_sector_list) follows the FAT chain of every directory entry that
 * declares 4096 bytes or more, whatever its type (stream, storage, unknown), without remembering where it
 * has been. A FAT entry that points back into the chain makes it push onto an array forever, and a worker's
 * heap limit does not contain that: V8 aborts the whole process ("Reached heap limit", nodejs/node#47224).
 * Its path builder (build_full_paths) re-queues nodes reachable twice through the left/right/child links,
 * so a cycle there grows a queue to hundreds of MB. This check follows what SheetJS would follow, the way
 * it does, and refuses: looping chains, chains that leave the file, a directory whose links are no tree.
 * Format: [MS-CFB] 2.2 (header), 2.3 (FAT), 2.6 (directory entries and their red-black tree).
 */
const ENTRY_BYTES = 128;
const ROOT = 5;
/** Entries this large live in the regular FAT (smaller ones in the mini stream, whose walk is bounded). */
const MINI_STREAM_CUTOFF = 4096;
const NO_STREAM = -1;

export type Ole2Check = { ok: true } | { ok: false; detail: string };

interface Entry {
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

export function checkOle2Structure(bytes: Uint8Array): Ole2Check {
  if (bytes.length < 512) return { ok: false, detail: 'shorter than a header' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const int32 = (offset: number): number | null => (offset + 4 <= bytes.length ? view.getInt32(offset, true) : null);
  const majorVersion = view.getUint16(0x1a, true);
  const sectorSize = majorVersion === 3 ? 512 : majorVersion === 4 ? 4096 : 0;
  if (sectorSize === 0) return { ok: false, detail: `major version ${majorVersion}` };
  const entriesPerSector = sectorSize / 4;
  const sectorCount = Math.ceil(bytes.length / sectorSize) - 1;
  const offsetOf = (sector: number): number => (sector + 1) * sectorSize;

  // FAT sectors: up to 109 listed in the header, then the DIFAT chain (last entry of each links onward).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const sector = int32(0x4c + i * 4);
    if (sector === null || sector < 0) break;
    fatSectors.push(sector);
  }
  const seenDifat = new Set<number>();
  for (let difat = int32(0x44) ?? -2; difat >= 0 && difat < sectorCount; ) {
    if (seenDifat.has(difat)) return { ok: false, detail: 'DIFAT chain loops' };
    seenDifat.add(difat);
    for (let i = 0; i < entriesPerSector - 1; i++) {
      const sector = int32(offsetOf(difat) + i * 4);
      if (sector === null || sector === -2) break;
      fatSectors.push(sector);
    }
    difat = int32(offsetOf(difat) + (entriesPerSector - 1) * 4) ?? -2;
  }

  /** The FAT entry of a sector as SheetJS reads it; null where it stops following (no such FAT sector). */
  const next = (sector: number): number | null => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerSector)];
    if (fatSector === undefined || fatSector < 0 || fatSector >= sectorCount) return null;
    return int32(offsetOf(fatSector) + (sector % entriesPerSector) * 4);
  };
  /** The sectors of a chain; a string says why it is refused. */
  const chain = (start: number): number[] | string => {
    const seen = new Set<number>();
    for (let sector: number | null = start; sector !== null && sector >= 0; sector = next(sector)) {
      if (seen.has(sector)) return 'loops';
      if (sector >= sectorCount) return 'runs past the end of the file';
      seen.add(sector);
    }
    return [...seen];
  };

  const directory = chain(int32(0x30) ?? -2);
  if (typeof directory === 'string') return { ok: false, detail: `directory chain ${directory}` };
  const entries: Entry[] = [];
  for (const sector of directory) {
    for (let at = offsetOf(sector); at + ENTRY_BYTES <= Math.min(offsetOf(sector + 1), bytes.length); at += ENTRY_BYTES) {
      entries.push({
        type: bytes[at + 0x42]!,
        left: view.getInt32(at + 0x44, true),
        right: view.getInt32(at + 0x48, true),
        child: view.getInt32(at + 0x4c, true),
        start: view.getInt32(at + 0x74, true),
        size: view.getInt32(at + 0x78, true),
      });
    }
  }

  // Every large entry's chain, as SheetJS walks it (once per start sector). A sound file's chains share no
  // sector, so together they cannot be longer than the file: that bounds the work whatever the directory says.
  const walked = new Set<number>();
  let steps = 0;
  for (const [index, entry] of entries.entries()) {
    if (entry.type === ROOT || entry.size < MINI_STREAM_CUTOFF || walked.has(entry.start)) continue;
    if (entry.start < 0) continue; // SheetJS finds no sector there and stops at once
    walked.add(entry.start);
    const sectors = chain(entry.start);
    if (typeof sectors === 'string') return { ok: false, detail: `entry ${index} (type ${entry.type}): sector chain ${sectors}` };
    steps += sectors.length;
    if (steps > sectorCount) return { ok: false, detail: 'sector chains longer than the file' };
  }
  return checkTree(entries);
}

/**
 * The left/right/child links must form a tree: every entry reached from at most one link, and none only
 * from a cycle. An entry no link reaches is harmless (unused slots); a cycle or a shared node is not.
 */
function checkTree(entries: readonly Entry[]): Ole2Check {
  const parents = new Uint32Array(entries.length);
  for (const [index, entry] of entries.entries()) {
    for (const link of [entry.left, entry.right, entry.child]) {
      if (link === NO_STREAM) continue;
      if (link < 0 || link >= entries.length) return { ok: false, detail: `entry ${index} links to ${link}, outside the directory` };
      if (link === 0 || link === index) return { ok: false, detail: `entry ${index} links back to ${link}` };
      parents[link]! += 1;
      if (parents[link]! > 1) return { ok: false, detail: `entry ${link} is linked twice` };
    }
  }
  // With at most one parent each, an entry that cannot be reached from one without a parent sits on a cycle.
  const reached = new Uint8Array(entries.length);
  const stack: number[] = [];
  for (let index = 0; index < entries.length; index++) if (parents[index] === 0) stack.push(index);
  while (stack.length > 0) {
    const index = stack.pop()!;
    if (reached[index]) continue;
    reached[index] = 1;
    const entry = entries[index]!;
    for (const link of [entry.left, entry.right, entry.child]) if (link !== NO_STREAM && !reached[link]) stack.push(link);
  }
  const cycle = reached.indexOf(0);
  return cycle === -1 ? { ok: true } : { ok: false, detail: `entry ${cycle} sits on a cycle of links` };
}
