/**
 * The short seeded run of the fuzzer (scripts/fuzz.ts) that `npm test` includes: a handful of mutants of
 * the repo's templates, each read by a whole `setdiba check --json` process (from the sources, via tsx).
 * What a user or a script would notice must hold for every one: exit code 0/1/2, exactly one JSON
 * document on stdout, nothing on stderr, no hang. Time and memory are the budget of `npm run fuzz`
 * (the shipped build), printed there and never asserted here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFuzz } from '../../../scripts/fuzz';

it('every mutant of a short seeded run gets one JSON answer and a clean exit', async () => {
  const out = mkdtempSync(join(tmpdir(), 'setdiba-fuzz-test-'));
  const lines: string[] = [];
  try {
    const report = await runFuzz({ seed: 11, count: 6, out, via: 'tsx', print: (line) => lines.push(line) });
    expect(report.outcomes).toHaveLength(6);
    expect(report.functionalFailures.map((o) => `#${o.index} ${o.mutation}: ${o.violations.join(', ')} ${o.stderr}`)).toEqual([]);
    // Each mutant got a real answer: a template read, or a clear file problem.
    expect(report.outcomes.every((o) => o.answer !== 'no answer')).toBe(true);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 600_000);
