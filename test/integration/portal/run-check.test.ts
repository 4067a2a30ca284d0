/**
 * The checker's guard around its Web Worker (static/portal-check/src/run-check.ts): a file over the
 * size cap is refused before a byte is read or a worker started; a worker that does not answer in time
 * is terminated and the requester told so; a worker that answers is terminated too (one per check).
 */
import type { CheckView } from '../../../static/portal-check/src/check-view';
import { runCheck, type WorkerLike } from '../../../static/portal-check/src/run-check';
import { SPREADSHEET_LIMITS } from '../../../src/spreadsheet/limits';

function fakeFile(size: number, name = 'plantilla.xlsx') {
  let read = false;
  const file = {
    name,
    size,
    arrayBuffer: async () => {
      read = true;
      return new ArrayBuffer(Math.min(size, 16));
    },
  } as unknown as File;
  return { file, wasRead: () => read };
}

function fakeWorker(answer: ((w: WorkerLike) => void) | null) {
  const calls = { terminated: 0, posted: 0 };
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: () => {
      calls.posted += 1;
      if (answer) setTimeout(() => answer(worker), 5);
    },
    terminate: () => void (calls.terminated += 1),
  };
  return { worker, calls };
}

const VIEW: CheckView = { fileName: 'plantilla.xlsx', readable: true, services: ['OVER'], rows: 2, rowsWithErrors: 0, warnings: 0, fileProblems: [], problems: [], moreProblems: 0 };

describe('the checker around its worker', () => {
  it('refuses a file over the cap before reading it or starting a worker', async () => {
    const { file, wasRead } = fakeFile(SPREADSHEET_LIMITS.maxFileBytes + 1);
    let started = false;
    const outcome = await runCheck(file, 'ca', {
      createWorker: () => {
        started = true;
        return fakeWorker(null).worker;
      },
    });
    expect(outcome).toEqual({ kind: 'too-large', limitMib: 5 });
    expect(wasRead()).toBe(false);
    expect(started).toBe(false);
  });

  it('terminates a worker that does not answer in time', async () => {
    const { worker, calls } = fakeWorker(null);
    const outcome = await runCheck(fakeFile(1000).file, 'ca', { timeoutMs: 50, createWorker: () => worker });
    expect(outcome).toEqual({ kind: 'timeout' });
    expect(calls).toEqual({ posted: 1, terminated: 1 });
  });

  it('hands back the check and terminates the worker that made it', async () => {
    const { worker, calls } = fakeWorker((w) => w.onmessage?.({ data: { ok: true, view: VIEW } }));
    const outcome = await runCheck(fakeFile(1000).file, 'ca', { timeoutMs: 5_000, createWorker: () => worker });
    expect(outcome).toEqual({ kind: 'done', view: VIEW });
    expect(calls.terminated).toBe(1);
  });

  it('says the check failed when the worker breaks', async () => {
    const { worker, calls } = fakeWorker((w) => w.onerror?.());
    expect(await runCheck(fakeFile(1000).file, 'ca', { createWorker: () => worker })).toEqual({ kind: 'failed' });
    expect(calls.terminated).toBe(1);
  });
});
