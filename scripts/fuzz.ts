/**
 * `npm run fuzz -- [--seed N] [--count N] [--out DIR] [--via dist|tsx]`: a seeded mutation fuzzer of the
 * template reader, run as users run it: each mutant is read by a whole `setdiba check <file> --json`
 * process, at most two at a time. Goals for every file (issue 11):
 *
 *   exit code 0, 1 or 2; stdout exactly one JSON document; stderr empty   ("functional": must always hold)
 *   answered within 5 s; peak RSS under 300 MB                              ("budget": machine-dependent)
 *
 * Prints counts by outcome and the slowest and heaviest files, and saves every file that breaks a goal
 * (with the command that reproduces it) under --out (default: a folder in the system's temp dir). Exits 1
 * when a functional goal broke; budget overruns are printed and saved, and fail the run only with --strict.
 *
 * --via dist (default) runs the shipped build (bin/setdiba.js over dist/, rebuilt first when stale), as
 * the budget goals mean; --via tsx runs the sources (what the short run in `npm test` uses, so it always
 * tests the current code; its times include tsx's start-up and say nothing about the budget).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mutant, rngFrom, seedFiles, type Mutant } from './fuzz-mutations';

const ROOT = join(__dirname, '..');
const BUDGET_MS = 5000;
const BUDGET_RSS_MB = 300;
/** A process still running after this is killed (and counted as a "hang"). */
const KILL_AFTER_MS = 30_000;
const PARALLEL = 2;

export interface FuzzOptions {
  seed: number;
  count: number;
  out: string;
  via: 'dist' | 'tsx';
  /** Progress and summary lines (default: stdout). */
  print?: (line: string) => void;
}

export type Violation = 'exit-code' | 'stdout-not-one-json' | 'stderr' | 'hang' | 'slow' | 'heavy';
const FUNCTIONAL: readonly Violation[] = ['exit-code', 'stdout-not-one-json', 'stderr', 'hang'];

export interface FileOutcome {
  index: number;
  mutation: string;
  fileName: string;
  exitCode: number | null;
  /** The first problem code of the answer, or "readable". */
  answer: string;
  ms: number;
  /** Peak resident memory of the process (VmHWM), when the system tells it. */
  rssMb: number | null;
  violations: Violation[];
  /** The first line the process wrote on stderr, if any. */
  stderr: string;
}

export interface FuzzReport {
  outcomes: FileOutcome[];
  functionalFailures: FileOutcome[];
  budgetOverruns: FileOutcome[];
}

function command(via: FuzzOptions['via'], file: string): string[] {
  if (via === 'tsx') return ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'check', file, '--json'];
  return [join(ROOT, 'bin', 'setdiba.js'), 'check', file, '--json'];
}

/** The high-water mark of a process's resident memory, in MB (Linux /proc), or null. */
function peakRssMb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** One `setdiba check <file> --json` process: its exit, output, wall time and peak RSS (also used by bench/reader.ts). */
export function runCheckProcess(via: FuzzOptions['via'], file: string): Promise<{ exitCode: number | null; stdout: string; stderr: string; ms: number; rssMb: number | null; hung: boolean }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, command(via, file), {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let rssMb: number | null = null;
    let hung = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // VmHWM only grows: the last reading before the process ends is its peak, give or take the last 10 ms.
    const poll = setInterval(() => {
      if (child.pid !== undefined) rssMb = peakRssMb(child.pid) ?? rssMb;
    }, 10);
    const kill = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(kill);
      resolve({ exitCode: code, stdout, stderr, ms: Number(process.hrtime.bigint() - started) / 1e6, rssMb, hung });
    });
  });
}

function judge(index: number, m: Mutant, run: Awaited<ReturnType<typeof runCheckProcess>>, via: FuzzOptions['via']): FileOutcome {
  const violations: Violation[] = [];
  if (run.hung) violations.push('hang');
  if (run.exitCode === null || ![0, 1, 2].includes(run.exitCode)) violations.push('exit-code');
  let answer = 'no answer';
  try {
    const json = JSON.parse(run.stdout) as { problems?: { code?: unknown }[] };
    answer = typeof json.problems?.[0]?.code === 'string' ? json.problems[0].code : 'readable';
  } catch {
    violations.push('stdout-not-one-json');
  }
  if (run.stderr.length > 0) violations.push('stderr');
  // The budget means the shipped build; under tsx, times and memory include its compiler.
  if (via === 'dist' && run.ms > BUDGET_MS) violations.push('slow');
  if (via === 'dist' && run.rssMb !== null && run.rssMb > BUDGET_RSS_MB) violations.push('heavy');
  const stderr = run.stderr.split('\n', 1)[0] ?? '';
  return { index, mutation: m.mutation, fileName: m.fileName, exitCode: run.exitCode, answer, ms: run.ms, rssMb: run.rssMb, violations, stderr };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  if (options.via === 'dist') {
    // Imported here: the tsx run (the tests) must not rebuild dist/.
    const { shippedBuild } = await import('../bench/_shipped-build');
    print(`code: ${shippedBuild().description}`);
  }
  const rng = rngFrom(options.seed);
  const seeds = seedFiles();
  const work = mkdtempSync(join(tmpdir(), 'setdiba-fuzz-'));
  const outcomes: FileOutcome[] = [];
  // Drawn up front, in index order from one generator: the run is the same whatever the timing.
  const mutants = Array.from({ length: options.count }, (_, i) => mutant(seeds, rng, i));
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      if (index >= options.count) return;
      const m = mutants[index]!;
      const ext = m.fileName.split('.').pop()!;
      const file = join(work, `${index}.${ext}`);
      writeFileSync(file, m.bytes);
      const outcome = judge(index, m, await runCheckProcess(options.via, file), options.via);
      outcomes.push(outcome);
      if (outcome.violations.length > 0) {
        mkdirSync(options.out, { recursive: true });
        const saved = join(options.out, `seed${options.seed}-${index}-${outcome.violations.join('+')}.${ext}`);
        writeFileSync(saved, m.bytes);
        print(`  goal broken (${outcome.violations.join(', ')}) by #${index} ${m.mutation}: saved ${saved}${outcome.stderr ? `; stderr: ${outcome.stderr}` : ''}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  outcomes.sort((a, b) => a.index - b.index);
  const report: FuzzReport = {
    outcomes,
    functionalFailures: outcomes.filter((o) => o.violations.some((v) => FUNCTIONAL.includes(v))),
    budgetOverruns: outcomes.filter((o) => o.violations.includes('slow') || o.violations.includes('heavy')),
  };
  summarise(report, options, print);
  return report;
}

function summarise(report: FuzzReport, options: FuzzOptions, print: (line: string) => void): void {
  const counts = new Map<string, number>();
  for (const o of report.outcomes) counts.set(`exit ${o.exitCode} ${o.answer}`, (counts.get(`exit ${o.exitCode} ${o.answer}`) ?? 0) + 1);
  print(`fuzz: seed ${options.seed}, ${report.outcomes.length} files via ${options.via}`);
  for (const [outcome, n] of [...counts].sort((a, b) => b[1] - a[1])) print(`  ${String(n).padStart(5)}  ${outcome}`);
  const top = (key: 'ms' | 'rssMb'): string =>
    [...report.outcomes]
      .sort((a, b) => (b[key] ?? 0) - (a[key] ?? 0))
      .slice(0, 5)
      .map((o) => `#${o.index} ${o.mutation} ${key === 'ms' ? `${o.ms.toFixed(0)} ms` : `${o.rssMb?.toFixed(0) ?? '?'} MB`}`)
      .join('; ');
  print(`  slowest: ${top('ms')}`);
  print(`  heaviest: ${top('rssMb')}`);
  print(`  functional goals broken: ${report.functionalFailures.length}; over 5 s or 300 MB: ${report.budgetOverruns.length}` +
    (report.functionalFailures.length + report.budgetOverruns.length > 0 ? ` (saved under ${options.out})` : ''));
}

function optionValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const number = (name: string, fallback: number): number => {
    const value = Number(optionValue(args, name) ?? fallback);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} takes a whole number`);
    return value;
  };
  const via = optionValue(args, '--via') ?? 'dist';
  if (via !== 'dist' && via !== 'tsx') throw new Error('--via takes dist or tsx');
  const options: FuzzOptions = {
    seed: number('--seed', 1),
    count: number('--count', 200),
    out: optionValue(args, '--out') ?? join(tmpdir(), 'setdiba-fuzz-findings'),
    via,
  };
  if (!existsSync(join(ROOT, 'bin', 'setdiba.js'))) throw new Error('bin/setdiba.js is missing');
  const report = await runFuzz(options);
  const failed = report.functionalFailures.length > 0 || (args.includes('--strict') && report.budgetOverruns.length > 0);
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  });
}
