/**
 * A structural check of OLE2 (Compound File) containers, the .xls format, before SheetJS reads them.
 *
 * SheetJS follows a stream's sector chain through the FAT without remembering where it has been when the
 * stream starts outside the chains it indexed first (xlsx.js get_sector_list). A FAT entry that points
 * back into the chain then makes it push onto an array forever. A worker's heap limit does not contain
 * that: V8 aborts the whole process on such growth ("Reached heap limit", nodejs/node#47224), so the
 * crafted file must be refused before it reaches the parser. This follows every chain SheetJS would
 * follow, the same way it does, and refuses cycles.
 */
const ENTRY_BYTES = 128;
const STREAM = 2;
/** Streams this large live in the regular FAT (smaller ones in the mini stream, whose walk is bounded). */
const MINI_STREAM_CUTOFF = 4096;

export type Ole2Check = { ok: true } | { ok: false; detail: string };

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
  const chain = (start: number): number[] | null => {
    const seen = new Set<number>();
    for (let sector: number | null = start; sector !== null && sector >= 0; sector = next(sector)) {
      if (seen.has(sector)) return null;
      seen.add(sector);
    }
    return [...seen];
  };

  const directory = chain(int32(0x30) ?? -2);
  if (directory === null) return { ok: false, detail: 'directory chain loops' };
  for (const sector of directory) {
    if (sector >= sectorCount) continue;
    for (let entry = offsetOf(sector); entry + ENTRY_BYTES <= Math.min(offsetOf(sector + 1), bytes.length); entry += ENTRY_BYTES) {
      if (bytes[entry + 0x42] !== STREAM) continue;
      const size = int32(entry + 0x78) ?? 0;
      if (size >= MINI_STREAM_CUTOFF && chain(int32(entry + 0x74) ?? -2) === null) {
        return { ok: false, detail: 'stream sector chain loops' };
      }
    }
  }
  return { ok: true };
}
