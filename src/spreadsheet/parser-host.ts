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
 *
 * When no thread can start (worker threads forbidden, as under `node --permission` without
 * `--allow-worker`; ERR_WORKER_* errors; a start-up timeout) that is the system's problem, never the file's:
 * it is logged as such and the same bundled script runs in this thread instead ("in-process fallback").
 * Callers only get here with files that passed every pre-parse guard (read-template.ts), which is what
 * makes parsing without the thread's heap cap and kill switch acceptable; a file that still kills the
 * invocation is stopped by the pipeline's poison-file mark. If even that cannot run, ParserUnavailableError
 * is thrown: a system error to retry, not a damaged file.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { RetryableError } from '../domain/errors';
import type { RawCell, RawWorkbook } from '../domain/template/types';
// Missing? It is build output: `npm run build` (or `npm ci`) writes it, and jest does before tests.
import { PARSE_WORKER_SOURCE } from './generated/parse-worker-source';
import { SPREADSHEET_LIMITS } from './limits';

export interface ParseRequest {
  /** Transferred to the thread when it owns its whole buffer (the caller must not use it afterwards), else copied. */
  bytes: Uint8Array;
  sheetRows: number;
  maxColumns: number;
  /** Characters the answer may take (default SPREADSHEET_LIMITS.maxAnswerChars). */
  maxAnswerChars?: number;
  /** 'encryption-only': just tell whether an OLE2 file is an encrypted OOXML package. */
  mode: 'parse' | 'encryption-only';
}

export type ParseOutcome =
  | { ok: true; workbook: RawWorkbook }
  | { ok: true; encrypted: false }
  | { ok: false; reason: 'encrypted' | 'corrupt' | 'too_large' | 'timeout' | 'crashed'; detail: string };

/**
 * No parser could run at all (no thread, and the in-process fallback failed): a system error that the
 * platform retries (RetryableError), never a file problem.
 */
export class ParserUnavailableError extends RetryableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, null, options);
    this.name = 'ParserUnavailableError';
  }
}

/** Where a system problem of the parser is told (a Forge log line, stderr in the CLI). Replaceable. */
export type ParserSystemLog = (message: string, data: Record<string, unknown>) => void;
let systemLog: ParserSystemLog = (message, data) => console.warn(`[setdiba] SYSTEM: ${message}`, JSON.stringify(data));

export function setParserSystemLog(log: ParserSystemLog): void {
  systemLog = log;
}

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
  z.object({ ok: z.literal(false), reason: z.enum(['encrypted', 'corrupt', 'too_large']), detail: z.string() }),
]);

/**
 * Starting a thread and loading SheetJS is not the parse: 0.15 s on a healthy machine, 2-3 s when two
 * cores carry a load of 20. Past this bound the thread is taken as sick (a system problem) and the file is
 * parsed in-process. Generous on purpose: a fallback loses the thread's kill switch and heap cap, so it is
 * for a thread that will not come, not for a slow one. The 5 s budget of a whole `setdiba check`
 * (limits.ts) counts the healthy start-up.
 */
const STARTUP_TIMEOUT_MS = 4000;

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

/** A start-up failure that will not go away in this process (the permission model forbids threads). */
let threadsForbidden = false;

function startWorker(): Promise<Worker> {
  return new Promise<Worker>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(PARSE_WORKER_SOURCE, {
        eval: true,
        resourceLimits: { maxOldGenerationSizeMb: SPREADSHEET_LIMITS.parserHeapMb },
      });
    } catch (error: unknown) {
      // ERR_ACCESS_DENIED (node --permission without --allow-worker) and ERR_WORKER_* throw here.
      if ((error as NodeJS.ErrnoException | null)?.code === 'ERR_ACCESS_DENIED') threadsForbidden = true;
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
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

type BoundedRequest = ParseRequest & { maxAnswerChars: number };
let inProcessHandle: ((request: BoundedRequest) => unknown) | null = null;

/**
 * The bundled worker script evaluated in this thread, once: without a parentPort it only exports
 * handle(). Its only import is node:worker_threads, so a stand-in require is all it needs, and it works
 * the same from src/, dist/ and the Forge bundle.
 */
function inProcessParser(): (request: BoundedRequest) => unknown {
  if (inProcessHandle) return inProcessHandle;
  const module = { exports: {} as Record<string, unknown> };
  const standInRequire = (id: string): unknown => {
    if (id === 'node:worker_threads' || id === 'worker_threads') return { parentPort: null };
    throw new Error(`the parse worker script asked for ${id}`);
  };
  // Our own build output, not input: evaluating it is how the thread runs it too (`eval: true`).
  new Function('require', 'module', 'exports', PARSE_WORKER_SOURCE)(standInRequire, module, module.exports);
  const handle: unknown = module.exports['handle'];
  if (typeof handle !== 'function') throw new Error('the parse worker script exports no handle()');
  inProcessHandle = handle as (request: BoundedRequest) => unknown;
  return inProcessHandle;
}

function parseInProcess(request: BoundedRequest, why: string): ParseOutcome {
  systemLog('spreadsheet parser thread could not start; parsing in-process', { reason: why });
  let answer: unknown;
  try {
    answer = inProcessParser()(request);
  } catch (error: unknown) {
    throw new ParserUnavailableError(`no spreadsheet parser could run (${why})`, { cause: error });
  }
  return outcomeOf(answer);
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}

async function runOnce(request: ParseRequest, timeoutMs: number): Promise<ParseOutcome> {
  const bounded: BoundedRequest = { ...request, maxAnswerChars: request.maxAnswerChars ?? SPREADSHEET_LIMITS.maxAnswerChars };
  if (threadsForbidden) return parseInProcess(bounded, 'worker threads are forbidden in this process');
  warm ??= startWorker();
  let worker: Worker;
  try {
    worker = await warm;
  } catch (error: unknown) {
    warm = null;
    return parseInProcess(bounded, errorText(error));
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
    worker.postMessage({ ...bounded, bytes: sent }, [sent.buffer as ArrayBuffer]);
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
  return outcomeOf(settled.data);
}

/**
 * The parser's answer, checked. Its size was bounded as the parser built it (maxAnswerChars); a thread or
 * script that answered something else is told as a damaged file's answer, never trusted.
 */
function outcomeOf(answer: unknown): ParseOutcome {
  const parsed = responseSchema.safeParse(answer);
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
