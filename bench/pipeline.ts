/**
 * Ticket pipeline: Jira calls, round trips of latency and run-state writes per ticket, through
 * `setdiba simulate` (real trigger, consumer, JiraClient and emulator), each printed beside its goal
 * (issue 14). Nothing is asserted: speed goals are never test assertions.
 *
 * Round trips of latency, with 100 ms on every Jira call: the longest chain of app calls to Jira each
 * started after the previous one ended (trigger included). The older measure — wall time with latency
 * minus wall time without, divided by the latency — is printed too; it moves with the machine's load.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulateResult } from '../src/cli/simulate';
import type { JiraCallTiming } from '../src/cli/simulate-world';
import { stopSpreadsheetParser } from '../src/spreadsheet';
import { ajuntaments, template } from '../test/integration/pipeline/fixtures';
import { simulateTemplate } from './_simulate-template';
import type { Benchmark } from './run';

const LATENCY_MS = 100;

interface Case {
  name: string;
  bytes: Uint8Array;
  /** Goals for this case (issue 14); null: no goal, figure printed for comparison. */
  goals: { calls: number | null; roundTrips: number | null };
}

const CASES: Case[] = [
  { name: '1 service (OVER), 10 rows', bytes: template(ajuntaments(10, 'OVER')), goals: { calls: 12, roundTrips: null } },
  { name: '1 service (OVER), 311 rows', bytes: template(ajuntaments(311, 'OVER')), goals: { calls: 12, roundTrips: null } },
  {
    name: '4 services (MUX, e-NOTUM, e-TAULER, OVER), 40 rows',
    bytes: template([
      ...ajuntaments(10, 'MUX', 0),
      ...ajuntaments(10, 'e-NOTUM', 10),
      ...ajuntaments(10, 'e-TAULER', 20),
      ...ajuntaments(10, 'OVER', 30),
    ]),
    goals: { calls: 30, roundTrips: 10 },
  },
];

/**
 * Round trips of latency: the longest chain of calls each started after the previous one ended (calls
 * that overlap run side by side and count once). Unlike wall time, the emulator's own work on a call
 * (spec and ADF checks, slow on a loaded machine) does not add to it.
 */
export function roundTrips(calls: readonly JiraCallTiming[]): number {
  const byEnd = [...calls].sort((a, b) => a.endMs - b.endMs);
  const depth: number[] = [];
  byEnd.forEach((call, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) if (byEnd[j]!.endMs <= call.startMs) before = Math.max(before, depth[j]!);
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}

const isWrite = (call: JiraCallTiming) => call.method !== 'GET';
const RUN_PROPERTY_PATH = /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/setdiba\.run$/;

/** The most `setdiba.run` writes any one issue got. */
function runStateWritesPerIssue(calls: readonly JiraCallTiming[]): number {
  const perIssue = new Map<string, number>();
  for (const call of calls) {
    const issue = call.method === 'PUT' ? RUN_PROPERTY_PATH.exec(call.path)?.[1] : undefined;
    if (issue) perIssue.set(issue, (perIssue.get(issue) ?? 0) + 1);
  }
  return Math.max(0, ...perIssue.values());
}

const SERVICE_ORDER = ['MUX', 'e-NOTUM', 'e-TAULER', 'OVER'];

/** Whether the split tickets' keys follow the service order (their summaries start "[<service>]"). */
function splitInServiceOrder(result: SimulateResult): { inOrder: boolean; keys: string } {
  const clones = result.report.issues.flatMap((issue) => {
    const service = /^\[([^\]]+)\]/.exec(issue.summary)?.[1];
    return service ? [{ key: issue.key, service, n: Number(issue.key.split('-').pop()) }] : [];
  });
  const byKey = [...clones].sort((a, b) => a.n - b.n).map((c) => c.service);
  const byService = [...clones].sort((a, b) => SERVICE_ORDER.indexOf(a.service) - SERVICE_ORDER.indexOf(b.service)).map((c) => c.service);
  return { inOrder: byKey.join() === byService.join(), keys: [...clones].sort((a, b) => a.n - b.n).map((c) => `${c.key} ${c.service}`).join(', ') };
}

const mark = (value: number, goal: number | null) => (goal === null ? '' : value <= goal ? ' ✓' : ' ✗');

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) process.stdout.write(`${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`);
}

export const bench: Benchmark = {
  name: 'ticket pipeline',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'setdiba-bench-'));
    try {
      const file = join(dir, 'plantilla.xlsx');
      const simulateFile = async (bytes: Uint8Array, latencyMs: number, deliveries = 1): Promise<SimulateResult> => {
        writeFileSync(file, bytes);
        return simulateTemplate(file, dir, { deliveries, latencyMs });
      };
      // First use of the parser thread and the certificate library: not what is measured.
      await simulateFile(CASES[0]!.bytes, 0);

      const rows: string[][] = [
        ['case', 'Jira calls (goal)', `round trips at ${LATENCY_MS} ms (goal)`, 'same, from wall time', 'setdiba.run writes per issue (goal ≤ 2)'],
      ];
      let fourServices: SimulateResult | null = null;
      for (const c of CASES) {
        const base = await simulateFile(c.bytes, 0);
        const slow = await simulateFile(c.bytes, LATENCY_MS);
        if (c === CASES[2]) fourServices = slow;
        const trips = roundTrips(slow.jiraCalls);
        const wallTrips = (slow.report.elapsedMs - base.report.elapsedMs) / LATENCY_MS;
        const writes = runStateWritesPerIssue(slow.jiraCalls);
        rows.push([
          c.name,
          `${slow.report.calls.total} (${c.goals.calls === null ? '—' : `≤ ${c.goals.calls}`})${mark(slow.report.calls.total, c.goals.calls)}`,
          `${trips} (${c.goals.roundTrips === null ? '—' : `≤ ${c.goals.roundTrips}`})${mark(trips, c.goals.roundTrips)}`,
          wallTrips.toFixed(1),
          `${writes}${mark(writes, 2)}`,
        ]);
      }
      printTable(rows);

      // A duplicate delivery of the created event, after the first has been processed.
      const four = CASES[2]!;
      const once = await simulateFile(four.bytes, 0, 1);
      const twice = await simulateFile(four.bytes, 0, 2);
      const extraCalls = twice.report.calls.total - once.report.calls.total;
      const extraWrites = twice.jiraCalls.filter(isWrite).length - once.jiraCalls.filter(isWrite).length;
      process.stdout.write(
        `duplicate delivery: ${extraCalls} more Jira calls (goal ≤ 2)${mark(extraCalls, 2)}, ${extraWrites} more writes (goal 0)${mark(extraWrites, 0)}\n`,
      );
      if (fourServices) {
        const order = splitInServiceOrder(fourServices);
        process.stdout.write(`split tickets in service order (one bulk create, no extra round trip): ${order.inOrder ? 'yes ✓' : 'no ✗'} (${order.keys})\n`);
      }
      process.stdout.write('calls do not depend on the number of rows: compare the 10- and 311-row lines.\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await stopSpreadsheetParser();
    }
  },
};
