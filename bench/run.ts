/**
 * `npm run bench` (tsx bench/run.ts [name…]): runs every benchmark module in bench/.
 *
 * Convention: a benchmark is a file `bench/<name>.ts` (any name but run.ts; files starting with "_" are
 * helpers and are skipped) whose module exports `bench: Benchmark` — a name and an async `run()` that
 * prints its own figures. Benchmarks run one after the other, in file-name order; give names on the command
 * line to run only those (`npm run bench -- reader`). Benchmarks print figures and goals; they never fail
 * on a number (speed goals are not test assertions), only on an error.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface Benchmark {
  name: string;
  run(): Promise<void>;
}

function isBenchmark(value: unknown): value is Benchmark {
  return typeof value === 'object' && value !== null && typeof (value as Benchmark).run === 'function' && typeof (value as Benchmark).name === 'string';
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_') && !f.endsWith('.d.ts'))
    .filter((f) => only.length === 0 || only.includes(basename(f, '.ts')))
    .sort();
  if (files.length === 0) throw new Error(`no benchmark matches ${only.join(', ')}`);
  for (const file of files) {
    const module = (await import(join(__dirname, file))) as { bench?: unknown };
    if (!isBenchmark(module.bench)) throw new Error(`bench/${file} does not export \`bench: Benchmark\``);
    process.stdout.write(`\n== ${module.bench.name} (bench/${file})\n`);
    await module.bench.run();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
