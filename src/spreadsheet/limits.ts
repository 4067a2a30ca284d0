/**
 * How much work an untrusted file may cause before it is refused. Called directly, every spreadsheet
 * library runs out of memory, hangs or loops on some small crafted file; these bounds come first.
 */
const MiB = 1024 * 1024;

export const SPREADSHEET_LIMITS = {
  /** The file itself. */
  maxFileBytes: 5 * MiB,
  /** Real inflated bytes of one zip part (a sheet, the shared strings…), whatever the zip declares. */
  maxPartBytes: 16 * MiB,
  /** Real inflated bytes of all parts together. */
  maxTotalInflatedBytes: 32 * MiB,
  /** The parser runs in a worker thread that is terminated after this long (a crafted .xls loops forever). */
  parseTimeoutMs: 5000,
  /** Heap of the parser thread: a memory blow-up kills the thread, not the process. */
  parserHeapMb: 256,
} as const;

export const MiB_BYTES = MiB;
