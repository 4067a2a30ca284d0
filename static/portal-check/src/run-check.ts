/**
 * Runs a check off the page's thread: the file's size is checked before a byte is read, the bytes go
 * to a Web Worker (check-worker.js, built next to the app), and a worker that has not answered in time
 * is terminated, so a hostile file can neither freeze the page nor keep working behind it.
 */
import type { Lang } from '../../../src/i18n';
import { MiB_BYTES, SPREADSHEET_LIMITS } from '../../../src/spreadsheet/limits';
import type { CheckView } from './check-view';
import type { CheckAnswer, CheckRequest } from './worker/check-worker';

/** Generous next to the reader's own limits (Node answers any file within 5 s): browsers are slower. */
export const CHECK_TIMEOUT_MS = 10_000;

export type CheckOutcome =
  | { kind: 'done'; view: CheckView }
  | { kind: 'too-large'; limitMib: number }
  | { kind: 'timeout' }
  | { kind: 'failed' };

export interface WorkerLike {
  onmessage: ((event: { data: CheckAnswer }) => void) | null;
  onerror: (() => void) | null;
  postMessage(message: CheckRequest, transfer: Transferable[]): void;
  terminate(): void;
}

export function startCheckWorker(): WorkerLike {
  // Next to index.html and index.js (static/portal-check/build-worker.mjs), in Forge and in the sandbox.
  return new Worker(new URL('check-worker.js', document.baseURI), { type: 'module' }) as unknown as WorkerLike;
}

export async function runCheck(
  file: File,
  lang: Lang,
  options: { timeoutMs?: number; createWorker?: () => WorkerLike } = {},
): Promise<CheckOutcome> {
  if (file.size > SPREADSHEET_LIMITS.maxFileBytes) return { kind: 'too-large', limitMib: SPREADSHEET_LIMITS.maxFileBytes / MiB_BYTES };
  const bytes = await file.arrayBuffer();
  let worker: WorkerLike;
  try {
    worker = (options.createWorker ?? startCheckWorker)();
  } catch {
    return { kind: 'failed' };
  }
  return new Promise<CheckOutcome>((resolve) => {
    const finish = (outcome: CheckOutcome) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), options.timeoutMs ?? CHECK_TIMEOUT_MS);
    worker.onmessage = (event) => finish(event.data.ok ? { kind: 'done', view: event.data.view } : { kind: 'failed' });
    worker.onerror = () => finish({ kind: 'failed' });
    worker.postMessage({ bytes, fileName: file.name, lang }, [bytes]);
  });
}
