/**
 * The reader works from a single bundled file, with no node_modules and no other file next to it: what the
 * Forge bundler (webpack) deploys. The reader's entry point is bundled here with esbuild the way webpack
 * bundles src/index.ts (follow every import, Node built-ins left to the runtime), copied alone into an
 * empty temporary folder, and run there by a plain node process. Its SheetJS worker thread must start,
 * parse, and still be stoppable; before the worker was bundled as text it was a separate file loaded by path
 * (`new Worker(path)`), which such a bundle does not contain.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allMunicipalitiesSheet } from '../../fixtures/template-rows';
import { workbookFile } from '../../fixtures/workbook-files';

const ROOT = join(__dirname, '..', '..', '..');
const ENTRY = join(ROOT, 'src', 'spreadsheet', 'index.ts');

/** What the child process prints: a summary of each read, in order. */
interface ReadSummary {
  readable: boolean;
  entities: number;
  problems: { code: string; params: unknown }[];
}

/** Reads with the bundle: a template, a large one with a 1 ms time limit, and the template again. */
const RUNNER = `'use strict';
const { readFileSync } = require('node:fs');
const { readTemplate, stopSpreadsheetParser } = require('./reader.js');
const summary = (r) => ({ readable: r.readable, entities: r.entities.length, problems: r.problems.map((p) => ({ code: p.code, params: p.params })) });
(async () => {
  const file = (fileName) => ({ bytes: new Uint8Array(readFileSync(fileName)), fileName });
  const results = [];
  results.push(summary(await readTemplate(file('plantilla.xlsx'))));
  results.push(summary(await readTemplate(file('plantilla-gran.xlsx'), { timeoutMs: 1 })));
  results.push(summary(await readTemplate(file('plantilla.xlsx'))));
  await stopSpreadsheetParser();
  process.stdout.write(JSON.stringify(results));
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
`;

/** esbuild runs in its own process: inside jest's module sandbox its Uint8Array checks fail. */
function bundleReader(outfile: string): void {
  const script = `require('esbuild').buildSync({
    entryPoints: [${JSON.stringify(ENTRY)}], outfile: ${JSON.stringify(outfile)},
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error',
  });`;
  const built = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`bundling the reader failed:\n${built.stdout}${built.stderr}`);
}

/** The environment of a clean machine: no module search path, no preloaded hooks. */
function cleanEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return env;
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'setdiba-bundled-reader-'));
  bundleReader(join(dir, 'reader.js'));
  writeFileSync(join(dir, 'run.js'), RUNNER);
  writeFileSync(join(dir, 'plantilla.xlsx'), workbookFile([{ name: 'MUX', rows: allMunicipalitiesSheet(30) }], 'xlsx'));
  // Thousands of rows: a parse that cannot finish within 1 ms, even on a busy machine.
  const large = Array.from({ length: 12 }, () => allMunicipalitiesSheet()).flat();
  writeFileSync(join(dir, 'plantilla-gran.xlsx'), workbookFile([{ name: 'MUX', rows: large }], 'xlsx'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the reader bundled into one file, as Forge deploys it', () => {
  it('runs from a folder where neither SheetJS nor any other package can be found', () => {
    expect(readdirSync(dir).sort()).toEqual(['plantilla-gran.xlsx', 'plantilla.xlsx', 'reader.js', 'run.js']);
    const probe = spawnSync(process.execPath, ['-e', "require.resolve('xlsx')"], { cwd: dir, env: cleanEnv(dir), encoding: 'utf8' });
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toMatch(/Cannot find module 'xlsx'/);
  });

  it('reads a template in a worker thread, stops an overrunning parse, and reads again', () => {
    // The timeout only bounds a hung child; nothing here measures speed.
    const run = spawnSync(process.execPath, ['run.js'], { cwd: dir, env: cleanEnv(dir), encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [first, overrun, again] = JSON.parse(run.stdout) as ReadSummary[];
    expect(first).toEqual({ readable: true, entities: 30, problems: [] });
    expect(overrun).toEqual({ readable: false, entities: 0, problems: [{ code: 'file.unreadable', params: { reason: 'timeout' } }] });
    expect(again).toEqual(first);
  });
});
