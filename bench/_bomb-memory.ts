/**
 * Helper of bench/reader.ts, run in a child process of its own so that its peak memory (maxRSS) says
 * what reading one zip bomb costs: `node --import tsx bench/_bomb-memory.ts <file>` prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readTemplate } from '../src/spreadsheet/read-template';
import { stopSpreadsheetParser } from '../src/spreadsheet/parser-host';

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: _bomb-memory.ts <file>');
  const bytes = new Uint8Array(readFileSync(path));
  global.gc?.();
  const baselineKiB = process.resourceUsage().maxRSS;
  const started = process.hrtime.bigint();
  const result = await readTemplate({ bytes, fileName: basename(path) });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const peakKiB = process.resourceUsage().maxRSS;
  await stopSpreadsheetParser();
  process.stdout.write(`${JSON.stringify({ baselineKiB, peakKiB, ms, problems: result.problems.map((p) => ({ code: p.code, params: p.params })) })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
