/**
 * Helper of the benchmarks that time the code as it ships: the JavaScript `tsc -p tsconfig.build.json`
 * writes to dist/ (what `npm run build` produces and bin/setdiba.js runs), not the TypeScript sources
 * as tsx runs them. tsx compiles with esbuild's keepNames, which wraps functions and classes in naming
 * helpers the tsc build does not have, and a worker thread started under tsx loads tsx's hooks too.
 *
 * `shippedBuild()` rebuilds dist/ when any source is newer than its compiled file (or has none), and says
 * which build it hands back, so a benchmark can print what it measured.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
/** Folders tsconfig.build.json leaves out of the build. */
const NOT_BUILT = new Set([join(SRC, 'sandbox')]);

export interface ShippedBuild {
  /** Absolute path of dist/. */
  dir: string;
  /** One line for the benchmark's output: which code it measured and how fresh it is. */
  description: string;
}

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!NOT_BUILT.has(path)) yield* sources(path);
    } else if (/\.(ts|tsx|js)$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

/** The first source whose compiled file is missing or older than it, or null when dist/ is current. */
function staleSource(): string | null {
  for (const source of sources(SRC)) {
    const compiled = join(DIST, relative(SRC, source)).replace(/\.tsx?$/, '.js');
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) return relative(ROOT, source);
  }
  return null;
}

export function shippedBuild(): ShippedBuild {
  const stale = staleSource();
  const command = 'tsc -p tsconfig.build.json';
  if (stale === null) return { dir: DIST, description: `dist/ (${command}), up to date with src/` };
  process.stdout.write(`building dist/ with ${command} (${stale} is newer than its build)…\n`);
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // tsc writes the JavaScript even when it reports type errors; the figures are then still the
  // shipped code's, but the output says the build was not clean.
  if (tsc.status !== 0 && staleSource() !== null) throw new Error(`${command} failed:\n${tsc.stdout}${tsc.stderr}`);
  const clean = tsc.status === 0 ? 'rebuilt just now' : `rebuilt just now, but tsc reported errors:\n${tsc.stdout.trim()}`;
  return { dir: DIST, description: `dist/ (${command}), ${clean}` };
}
