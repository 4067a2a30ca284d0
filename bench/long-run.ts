/**
 * A long run (issue 14): 5,000 ens for one service against an integration backend that takes 2 s per
 * ens, through `setdiba simulate --backend-latency 2000` (real trigger, consumer, Jira emulator and
 * reference backend; virtual time, so twenty minutes of backend take seconds). A Forge consumer has
 * 900 s; the run stops starting integrations after its 600 s budget and continues in a new job.
 * Goals: every ens integrated exactly once (one backend call each); no job longer than 900 s.
 * The same for a retry run (bench/_long-retry.ts): ens blocked for want of a certificate, then
 * "Executa" once it is uploaded; the retry is cut and resumed as the same retry. The same 5,000 ens and
 * 2 s backend: the batch's 5,000 open rows go to the KVS when `setdiba.run` would pass Jira's 32 KB
 * (src/domain/open-rows-spill.ts), and come back to the property as the retry empties them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopSpreadsheetParser } from '../src/spreadsheet';
import { dependentBodies, template } from '../test/integration/pipeline/fixtures';
import { longRetry } from './_long-retry';
import { simulateTemplate } from './_simulate-template';
import type { Benchmark } from './run';

const ROWS = 5_000;
const BACKEND_LATENCY_MS = 2_000;
const CONSUMER_LIMIT_MS = 900_000;

const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

export const bench: Benchmark = {
  name: `long run: ${ROWS} ens, backend ${BACKEND_LATENCY_MS} ms per ens`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'setdiba-bench-long-'));
    try {
      const file = join(dir, 'plantilla.xlsx');
      // The retry run below takes the same 5,000 ens: the workbook is built once.
      const workbook = template(dependentBodies(ROWS, 'OVER'));
      writeFileSync(file, workbook);
      const wallStarted = Date.now();
      const result = await simulateTemplate(file, dir, { deliveries: 1, latencyMs: 0, backendLatencyMs: BACKEND_LATENCY_MS });
      const wallMs = Date.now() - wallStarted;
      const perEns = [...result.backendCallsPerEns.values()];
      const once = perEns.filter((n) => n === 1).length;
      const integrated = result.report.integrations.filter((x) => x.result === 'integrated').length;
      const state = result.report.issues[0]?.properties['setdiba.run'] as { state?: string } | undefined;
      const lines = [
        `rows: ${ROWS}; ens sent to the backend: ${perEns.length}, each exactly once: ${once === perEns.length && perEns.length === ROWS ? 'yes ✓' : `no ✗ (${perEns.length - once} more than once)`}; integrated: ${integrated}`,
        `jobs: ${result.jobs.pushed} queued (1 from the trigger + ${result.jobs.pushed - 1} continuations), ${result.jobs.deliveries} deliveries; run state: ${state?.state ?? '—'}`,
        `longest job: ${minutes(result.jobs.longestMs)} virtual (goal < ${minutes(CONSUMER_LIMIT_MS)}) ${result.jobs.longestMs < CONSUMER_LIMIT_MS ? '✓' : '✗'}`,
        `whole run: ${minutes(result.clockElapsedMs)} virtual, ${(wallMs / 1000).toFixed(1)} s wall; Jira calls: ${result.report.calls.total}`,
        `failures: ${result.failures.length === 0 ? 'none' : result.failures.join('; ')}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);

      const retryStarted = Date.now();
      const retry = await longRetry(workbook, BACKEND_LATENCY_MS);
      const retryCalls = [...retry.callsPerKey.values()];
      const retryOnce = retryCalls.length === ROWS && retryCalls.every((n) => n === 1);
      process.stdout.write(
        [
          `retry run: ${ROWS} ens blocked by the certificate, then "Executa", backend ${BACKEND_LATENCY_MS} ms per ens; each ens sent once: ${retryOnce ? 'yes ✓' : `no ✗ (${retryCalls.length} keys, ${retryCalls.filter((n) => n > 1).length} sent more than once)`}; integrated: ${retry.integrated}`,
          `retry jobs: ${retry.jobs} (1 from the panel + ${retry.jobs - 1} continuation${retry.jobs === 2 ? '' : 's'}); longest ${minutes(retry.longestJobMs)} virtual ${retry.longestJobMs < CONSUMER_LIMIT_MS ? '✓' : '✗'}; whole retry ${minutes(retry.virtualMs)} virtual, ${((Date.now() - retryStarted) / 1000).toFixed(1)} s wall`,
          `history: ${retry.runKinds.join(', ')} (goal: batch, retry); run state: ${retry.state ?? '—'}; failures: ${retry.failures.length === 0 ? 'none' : retry.failures.join('; ')}`,
        ].join('\n') + '\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await stopSpreadsheetParser();
    }
  },
};
