/**
 * Ticket pipeline: Jira calls and wall time per ticket, with 100 ms emulated latency on every Jira
 * call, through `setdiba simulate` (real trigger, consumer, JiraClient and emulator).
 * Goals (issue 4): calls independent of the number of rows; wall time within 10 round trips of
 * latency (independent calls run concurrently).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate, type SimulateOptions } from '../src/cli/simulate';
import { stopSpreadsheetParser } from '../src/spreadsheet';
import { ajuntaments, template } from '../test/integration/pipeline/fixtures';
import type { Benchmark } from './run';

const LATENCY_MS = 100;

interface Case {
  name: string;
  bytes: Uint8Array;
}

const CASES: Case[] = [
  { name: '10 rows, 1 service (OVER)', bytes: template(ajuntaments(10, 'OVER')) },
  { name: '311 rows, 1 service (OVER)', bytes: template(ajuntaments(311, 'OVER')) },
  {
    name: '4 services (MUX, e-NOTUM, e-TAULER, OVER), 40 rows',
    bytes: template([
      ...ajuntaments(10, 'MUX', 0),
      ...ajuntaments(10, 'e-NOTUM', 10),
      ...ajuntaments(10, 'e-TAULER', 20),
      ...ajuntaments(10, 'OVER', 30),
    ]),
  },
];

export const bench: Benchmark = {
  name: 'ticket pipeline',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'setdiba-bench-'));
    try {
      const rows: string[][] = [['case', 'Jira calls', 'wall ms (0 ms latency)', `wall ms (${LATENCY_MS} ms)`, 'round trips of latency']];
      let warm = false;
      for (const c of CASES) {
        const file = join(dir, 'plantilla.xlsx');
        writeFileSync(file, c.bytes);
        const run = async (latencyMs: number) => {
          const options: SimulateOptions = {
            files: [file],
            summary: 'Alta integracions SetDIBA',
            description: '',
            reporter: null,
            org: null,
            settingsFile: null,
            backend: 'http',
            deliveries: 1,
            concurrent: false,
            latencyMs,
            faults: [],
            seed: 1,
            json: true,
            script: null,
          };
          return (await simulate(options, { stdout: () => undefined, stderr: () => undefined, cwd: dir })).report;
        };
        // The same run without latency gives the fixed cost (parser thread, certificate, emulator
        // checks); what the latency adds, divided by it, is the number of sequential round trips.
        if (!warm) {
          // First use of the parser thread and the certificate library: not what is measured.
          await run(0);
          warm = true;
        }
        const base = await run(0);
        const slow = await run(LATENCY_MS);
        const trips = (slow.elapsedMs - base.elapsedMs) / LATENCY_MS;
        rows.push([c.name, String(slow.calls.total), String(base.elapsedMs), String(slow.elapsedMs), trips.toFixed(1)]);
      }
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const r of rows) process.stdout.write(`${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`);
      process.stdout.write(
        `goal: calls independent of rows (compare the 10- and 311-row lines; the long one adds one CSV attachment because its table exceeds Jira's comment size); wall time within 10 round trips of latency (trigger included).\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await stopSpreadsheetParser();
    }
  },
};
