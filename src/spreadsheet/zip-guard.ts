/**
 * Inflates the parts of an untrusted zip (xlsx, xlsm, ods) while counting the bytes that really come out,
 * and stops as soon as one part or all of them pass their cap. A zip bomb, or a zip whose headers lie
 * about sizes (CVE-2026-38359 made SheetJS allocate 4 GB for one), is refused after at most a few MB of
 * work. The caller then re-packs the verified parts (see repackStored) so that the parser never sees the
 * original archive: whatever tricks its central directory plays, SheetJS only gets what was counted here.
 */
import { Unzip, UnzipInflate, zipSync, type Unzipped } from 'fflate';

export interface ZipCaps {
  maxPartBytes: number;
  maxTotalBytes: number;
  /** Parts to inflate; the others (images, VBA, printer settings) are skipped without being inflated. */
  keep: (name: string) => boolean;
}

export type ZipInflateResult =
  | { ok: true; parts: Map<string, Uint8Array<ArrayBuffer>> }
  | { ok: false; reason: 'too_large'; limitBytes: number }
  | { ok: false; reason: 'corrupt'; detail: string };

/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most ~1032:1, so one push yields
 * at most ~4 MB before the cap is checked again (bench: a 512 MiB bomb costs ~35 MB of memory).
 */
const PUSH_BYTES = 4 * 1024;

export function inflateZipCapped(bytes: Uint8Array, caps: ZipCaps): ZipInflateResult {
  const parts = new Map<string, Uint8Array<ArrayBuffer>>();
  let failure: Exclude<ZipInflateResult, { ok: true }> | null = null;
  let total = 0;
  let open = 0;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (failure || !caps.keep(file.name)) return; // not started: its data is passed over, never inflated
    if (parts.has(file.name)) {
      failure = { ok: false, reason: 'corrupt', detail: `duplicate part ${file.name}` };
      return;
    }
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let size = 0;
    open++;
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = { ok: false, reason: 'corrupt', detail: `${file.name}: ${error.message}` };
        return;
      }
      size += data.length;
      total += data.length;
      if (size > caps.maxPartBytes) failure = { ok: false, reason: 'too_large', limitBytes: caps.maxPartBytes };
      else if (total > caps.maxTotalBytes) failure = { ok: false, reason: 'too_large', limitBytes: caps.maxTotalBytes };
      if (failure) return;
      if (data.length > 0) chunks.push(data);
      if (!final) return;
      open--;
      // A local header that states a size the data does not have is a forged archive.
      if (file.originalSize !== undefined && file.originalSize !== size) {
        failure = { ok: false, reason: 'corrupt', detail: `${file.name}: declared ${file.originalSize} bytes, inflated ${size}` };
        return;
      }
      parts.set(file.name, concat(chunks, size));
    };
    file.start();
  };
  try {
    for (let offset = 0; offset < bytes.length && !failure; offset += PUSH_BYTES) {
      const end = Math.min(offset + PUSH_BYTES, bytes.length);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (error: unknown) {
    // fflate throws on truncated or malformed archives (e.g. "unexpected EOF").
    failure ??= { ok: false, reason: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  }
  if (failure) return failure;
  if (open > 0) return { ok: false, reason: 'corrupt', detail: 'truncated archive' };
  return { ok: true, parts };
}

function concat(chunks: readonly Uint8Array<ArrayBuffer>[], size: number): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The verified parts as a fresh zip without compression: cheap to write, and cheap for SheetJS to read. */
export function repackStored(parts: ReadonlyMap<string, Uint8Array<ArrayBuffer>>): Uint8Array {
  const files: Unzipped = Object.create(null) as Unzipped;
  for (const [name, data] of parts) files[name] = data;
  return zipSync(files, { level: 0 });
}
