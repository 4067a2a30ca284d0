// @ts-check
'use strict';
/**
 * Helper of bench/reader.ts, run in a child process of its own (plain `node --expose-gc`, the compiled
 * build) so that its peak memory (maxRSS) says what reading one zip bomb costs:
 *
 *   node --expose-gc bench/_bomb-memory.js <dist dir> <file>
 *
 * Prints one JSON line: baseline and peak maxRSS in KiB, the read's milliseconds and the problems.
 */
const { readFileSync } = require('node:fs');
const { basename, join } = require('node:path');

async function main() {
  const [dist, path] = process.argv.slice(2);
  if (!dist || !path) throw new Error('usage: _bomb-memory.js <dist dir> <file>');
  /** @type {typeof import('../src/spreadsheet/read-template')} */
  const { readTemplate } = require(join(dist, 'spreadsheet/read-template.js'));
  /** @type {typeof import('../src/spreadsheet/parser-host')} */
  const { stopSpreadsheetParser } = require(join(dist, 'spreadsheet/parser-host.js'));
  const bytes = new Uint8Array(readFileSync(path));
  global.gc?.();
  const baselineKiB = process.resourceUsage().maxRSS;
  const started = process.hrtime.bigint();
  const result = await readTemplate({ bytes, fileName: basename(path) });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const peakKiB = process.resourceUsage().maxRSS;
  await stopSpreadsheetParser();
  const problems = result.problems.map((p) => ({ code: p.code, params: p.params }));
  process.stdout.write(`${JSON.stringify({ baselineKiB, peakKiB, ms, problems })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
