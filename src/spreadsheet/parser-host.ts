/**
 * Runs SheetJS in a worker thread that can be killed. One thread is kept warm between reads (loading SheetJS
 * costs more than parsing a typical template) and unref'd while idle, so it never keeps a process alive. A
 * parse that overruns its time, or crashes the thread (its heap is capped), gets the thread terminated and
 * awaited before the caller hears back: nothing is left running.
 *
 * The thread runs parse-worker.js bundled with SheetJS into one script (generated/parse-worker-source.js,
 * made by scripts/build-parse-worker.js) and passed as text (`eval: true`), not a file loaded by path:
 * the Forge bundler follows this import like any other, and the text needs no node_modules at run time.
 *
 * The pipeline must also remember attempts: a job that died while parsing an attachment must not parse it
 * again on the platform's retry (a "poison" file would burn the whole timeout on every retry).
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { RawCell, RawWorkbook } from '../domain/template/types';
// Missing? It is build output: `npm run build` (or `npm ci`) writes it, and jest does before tests.
import { PARSE_WORKER_SOURCE } from './generated/parse-worker-source';
import { SPREADSHEET_LIMITS } from './limits';

export interface ParseRequest {
  /** Transferred to the thread when it owns its whole buffer (the caller must not use it afterwards), else copied. */
  bytes: Uint8Array;
  sheetRows: number;
  maxColumns: number;
  /** 'encryption-only': just tell whether an OLE2 file is an encrypted OOXML package. */
  mode: 'parse' | 'encryption-only';
}

export type ParseOutcome =
  | { ok: true; workbook: RawWorkbook }
  | { ok: true; encrypted: false }
  | { ok: false; reason: 'encrypted' | 'corrupt' | 'timeout' | 'crashed'; detail: string };

function isRawRows(value: unknown): value is RawCell[][] {
  if (!Array.isArray(value)) return false;
  for (const row of value) {
    if (!Array.isArray(row)) return false;
    for (const cell of row) {
      const type = typeof cell;
      if (cell !== null && type !== 'string' && type !== 'boolean' && !(type === 'number' && Number.isFinite(cell))) return false;
    }
  }
  return true;
}

// The thread is ours, but what it returns was derived from an untrusted file: checked at the boundary.
// Rows are checked by a plain loop inside the schema: thousands of cells, and a union per cell is slow.
const responseSchema = z.union([
  z.object({
    ok: z.literal(true),
    sheets: z.array(z.object({ name: z.string(), rows: z.custom<RawCell[][]>(isRawRows, 'rows of plain cells') })),
    date1904: z.boolean(),
  }),
  z.object({ ok: z.literal(true), encrypted: z.literal(false) }),
  z.object({ ok: z.literal(false), reason: z.enum(['encrypted', 'corrupt']), detail: z.string() }),
]);

/** Starting a thread and loading SheetJS is not the parse; it gets its own, generous, bound. */
const STARTUP_TIMEOUT_MS = 30_000;

let warm: Promise<Worker> | null = null;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Listeners are always removed one by one: Worker keeps internal listeners of its own (they start and
 * ref its message port), which removeAllListeners() would take away.
 */
function listen(worker: Worker, handlers: { message?: (data: unknown) => void; error?: (error: Error) => void; exit?: (code: number) => void }): () => void {
  if (handlers.message) worker.on('message', handlers.message);
  if (handlers.error) worker.on('error', handlers.error);
  if (handlers.exit) worker.on('exit', handlers.exit);
  return () => {
    if (handlers.message) worker.off('message', handlers.message);
    if (handlers.error) worker.off('error', handlers.error);
    if (handlers.exit) worker.off('exit', handlers.exit);
  };
}

/** Detaches the idle listeners of the warm thread before a parse takes it over. */
const idleListeners = new WeakMap<Worker, () => void>();

/**
 * Between reads the thread must not keep the process alive, and an 'error' it might still emit must have a
 * listener (an unheard 'error' event would throw in the host).
 */
function idle(worker: Worker): void {
  const current = warm;
  const forget = (): void => {
    if (warm === current) warm = null;
  };
  idleListeners.set(worker, listen(worker, { error: forget, exit: forget }));
  worker.unref();
}

function busy(worker: Worker): void {
  idleListeners.get(worker)?.();
  idleListeners.delete(worker);
  worker.ref();
}

function startWorker(): Promise<Worker> {
  return new Promise<Worker>((resolve, reject) => {
    const worker = new Worker(PARSE_WORKER_SOURCE, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: SPREADSHEET_LIMITS.parserHeapMb },
    });
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      detach();
      void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const timer = setTimeout(() => fail(new Error('spreadsheet parser did not start')), STARTUP_TIMEOUT_MS);
    const detach = listen(worker, {
      message: () => {
        clearTimeout(timer);
        detach();
        idle(worker);
        resolve(worker);
      },
      error: fail,
      exit: (code) => fail(new Error(`spreadsheet parser exited with code ${code}`)),
    });
  });
}

async function discard(worker: Worker): Promise<void> {
  warm = null;
  // terminate() settles once the thread has stopped, even one stuck in an endless loop.
  await worker.terminate();
}

type Settled = { kind: 'message'; data: unknown } | { kind: 'timeout' } | { kind: 'died'; detail: string };

async function runOnce(request: ParseRequest, timeoutMs: number): Promise<ParseOutcome> {
  warm ??= startWorker();
  let worker: Worker;
  try {
    worker = await warm;
  } catch (error: unknown) {
    warm = null;
    return { ok: false, reason: 'crashed', detail: error instanceof Error ? error.message : String(error) };
  }
  busy(worker);
  let detach = (): void => undefined;
  const settled = await new Promise<Settled>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    const finish = (outcome: Settled): void => {
      clearTimeout(timer);
      resolve(outcome);
    };
    detach = listen(worker, {
      message: (data) => finish({ kind: 'message', data }),
      error: (error) => finish({ kind: 'died', detail: error.message }),
      exit: (code) => finish({ kind: 'died', detail: `exit code ${code}` }),
    });
    // Only a buffer the bytes own entirely is transferred; a view into a larger one is copied.
    const { bytes } = request;
    const owned = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const sent = owned ? bytes : bytes.slice();
    worker.postMessage({ ...request, bytes: sent }, [sent.buffer as ArrayBuffer]);
  });
  detach();
  if (settled.kind === 'timeout') {
    await discard(worker);
    return { ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  }
  if (settled.kind === 'died') {
    await discard(worker);
    return { ok: false, reason: 'crashed', detail: settled.detail };
  }
  idle(worker);
  let data: unknown;
  try {
    data = typeof settled.data === 'string' ? JSON.parse(settled.data) : null;
  } catch {
    data = null;
  }
  const parsed = responseSchema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'corrupt', detail: 'unexpected answer from the parser' };
  const response = parsed.data;
  if (!response.ok) return response;
  if ('encrypted' in response) return response;
  return { ok: true, workbook: { sheets: response.sheets, date1904: response.date1904 } };
}

/** Parses in the worker thread; requests are served one at a time, each with its own time limit. */
export function parseInWorker(request: ParseRequest, timeoutMs: number = SPREADSHEET_LIMITS.parseTimeoutMs): Promise<ParseOutcome> {
  const next = queue.then(() => runOnce(request, timeoutMs));
  queue = next.catch(() => undefined);
  return next;
}

/** Terminates the warm thread (tests, and the CLI before it exits). A later parse starts a new one. */
export async function stopSpreadsheetParser(): Promise<void> {
  const pending = warm;
  warm = null;
  if (!pending) return;
  try {
    const worker = await pending;
    busy(worker);
    await worker.terminate();
  } catch {
    // It never started: nothing to stop.
  }
}
