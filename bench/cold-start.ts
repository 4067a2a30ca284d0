/**
 * Cold start (issue 14): whole processes timed side by side, alternating, each against its reference.
 *  - a process that requires the Forge entry point (dist/index.js, what every function loads cold)
 *    against one that requires SheetJS alone (goal ≤ 1.0×);
 *  - `setdiba --help` against `node -e 0` (goal ≤ 2×);
 *  - `setdiba check` of the 311-row template against a process that requires SheetJS and parses the
 *    same file (goal ≤ 1.3×);
 *  - what each Forge function loads on its way in (the trigger's path: neither SheetJS nor the
 *    parse-worker source);
 *  - the bundle `npm run bundle` writes (forge-bundle/), when it is there.
 * Figures are printed, never asserted (speed goals are not test assertions).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { allMunicipalitiesSheet } from '../test/fixtures/template-rows';
import { workbookFile } from '../test/fixtures/workbook-files';
import type { Benchmark } from './run';
import { shippedBuild } from './_shipped-build';

// BENCH_ROUNDS lowers it on a crowded machine (the ratios, not the milliseconds, are the figures).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'setdiba.js');

interface Process {
  label: string;
  args: string[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeOnce(p: Process): number {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, p.args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // `check` exits 1 when the file has problems; only a crash (2 with a stack, or a signal) is an error.
  if (child.status === null || (child.status > 1 && !/check|help/.test(p.label))) throw new Error(`${p.label} failed: ${child.stderr}`);
  return ms;
}

/** Times each pair alternating (reference, subject, reference, …) so load drifts hit both alike. */
function compare(pairs: readonly { subject: Process; reference: Process; goal: number }[]): string[] {
  const times = pairs.map(() => ({ subject: [] as number[], reference: [] as number[] }));
  for (const p of pairs) {
    timeOnce(p.reference);
    timeOnce(p.subject);
  }
  for (let round = 0; round < ROUNDS; round++) {
    pairs.forEach((p, i) => {
      times[i]!.reference.push(timeOnce(p.reference));
      times[i]!.subject.push(timeOnce(p.subject));
    });
  }
  return pairs.map((p, i) => {
    const t = times[i]!;
    const ratio = median(t.subject) / median(t.reference);
    const best = Math.min(...t.subject) / Math.min(...t.reference);
    const flag = ratio > p.goal ? '  ← median above goal' : '';
    return (
      `${p.subject.label}: median ${median(t.subject).toFixed(0)} ms (best ${Math.min(...t.subject).toFixed(0)}) against ` +
      `${p.reference.label}: ${median(t.reference).toFixed(0)} ms (best ${Math.min(...t.reference).toFixed(0)}) → ` +
      `${ratio.toFixed(2)}× median, ${best.toFixed(2)}× best (goal ≤ ${p.goal.toFixed(1)}×)${flag}`
    );
  });
}

function loadedBy(dist: string, label: string, modules: string[]): string {
  const child = spawnSync(process.execPath, [join(__dirname, '_loaded-modules.js'), dist, ...modules], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (child.status !== 0) return `${label}: could not load (${child.stderr.trim().split('\n')[0]})`;
  const f = JSON.parse(child.stdout) as { modules: number; sheetjs: boolean; parseWorker: boolean; zod: boolean };
  return `${label}: ${f.modules} modules; SheetJS ${f.sheetjs ? 'loaded' : 'not loaded'}, parse-worker source ${f.parseWorker ? 'loaded' : 'not loaded'}`;
}

export const bench: Benchmark = {
  name: 'cold start',
  async run() {
    const build = shippedBuild();
    const dist = build.dir;
    const dir = mkdtempSync(join(tmpdir(), 'setdiba-bench-'));
    try {
      const file = join(dir, 'plantilla.xlsx');
      writeFileSync(file, workbookFile([{ name: 'e-NOTUM', rows: allMunicipalitiesSheet() }], 'xlsx'));
      const loadBefore = loadavg()[0]!;
      const sheetjs: Process = { label: 'require SheetJS', args: ['-e', "require('xlsx')"] };
      const pairs = [
        { subject: { label: 'require dist/index.js', args: ['-e', `require(${JSON.stringify(join(dist, 'index.js'))})`] }, reference: sheetjs, goal: 1.0 },
        { subject: { label: 'setdiba --help', args: [BIN, '--help'] }, reference: { label: 'node -e 0', args: ['-e', '0'] }, goal: 2.0 },
        {
          subject: { label: 'setdiba check (311 rows)', args: [BIN, 'check', file] },
          reference: { label: 'SheetJS parse of the same file', args: [join(__dirname, '_sheetjs-parse.js'), file] },
          goal: 1.3,
        },
      ];
      const bundle = join(ROOT, 'forge-bundle');
      const bundleEntry = existsSync(bundle) ? readdirSync(bundle).find((f) => /^index\.c?js$/.test(f)) : undefined;
      if (bundleEntry) {
        pairs.push({ subject: { label: `require forge-bundle/${bundleEntry}`, args: ['-e', `require(${JSON.stringify(join(bundle, bundleEntry))})`] }, reference: sheetjs, goal: 1.0 });
      }
      const lines = compare(pairs);
      process.stdout.write(
        [
          `code measured: ${build.description}; ${ROUNDS} rounds, whole processes, alternating`,
          `  machine: ${availableParallelism()} CPUs, load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} (1 min)`,
          ...lines.map((l) => `  ${l}`),
          bundleEntry ? '' : '  forge-bundle/ not built (npm run bundle): bundle not measured',
          '  what each Forge function loads on its way in (entry point + its lazy imports):',
          `    ${loadedBy(dist, 'entry point alone', [])}`,
          `    ${loadedBy(dist, 'trigger and consumer (handler + Forge composition)', ['handlers/trigger.js', 'composition/forge.js'])}`,
          `    ${loadedBy(dist, 'settings resolver', ['handlers/settings-resolver.js'])}`,
          `    ${loadedBy(dist, 'panel resolver', ['handlers/panel-resolver.js'])}`,
          '',
        ].filter((l) => l !== '').join('\n') + '\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
