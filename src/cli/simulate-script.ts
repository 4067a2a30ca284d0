/**
 * `setdiba simulate --script <scenario.json> [--json] [--lang ca|es|en]`: a ticket's whole life as one
 * command (src/cli/scenario/, format in docs/cli.md). Prints one JSON document with everything
 * `simulate` prints plus each step's outcome, every issue as its reporter sees it and every request
 * the integration backend received; or, without --json, a readable account step by step.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import type { Lang } from '../i18n';
import { pipelineText } from '../i18n/catalog/pipeline';
import { tScenario } from '../i18n/catalog/scenario';
import { EXIT, type CliIo } from './command';
import { UsageError } from './options';
import type { DailyWatch } from './scenario/clock';
import { formatCustomerViews, formatStep } from './scenario/format';
import { runScenario } from './scenario/run-scenario';
import { scenarioProblems, scenarioSchema, type Scenario } from './scenario/schema';
import { formatReport } from './simulate-report';

export async function loadScenario(path: string, io: CliIo, lang: Lang): Promise<{ scenario: Scenario; dir: string }> {
  const file = resolve(io.cwd, path);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(tScenario(lang, 'usage.read', { file: path, detail }));
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(tScenario(lang, 'usage.invalid', { file: path, problems: scenarioProblems(parsed.error as z.ZodError).join('; ') }));
  }
  return { scenario: parsed.data, dir: dirname(file) };
}

export async function runScript(
  options: { script: string; json: boolean; lang: Lang; dailyWatch?: DailyWatch },
  io: CliIo,
): Promise<number> {
  const { scenario, dir } = await loadScenario(options.script, io, options.lang);
  if (!options.json) io.stdout(`${tScenario(options.lang, 'report.title', { file: options.script })}${scenario.title ? `: ${scenario.title}` : ''}\n\n`);
  let index = 0;
  const { report, failures } = await runScenario(scenario, {
    dir,
    lang: options.lang,
    ...(options.dailyWatch ? { dailyWatch: options.dailyWatch } : {}),
    onStep: (trace) => {
      if (!options.json) io.stdout(`${formatStep(trace, index, options.lang)}\n`);
      index += 1;
    },
  });
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(formatReport(report, options.lang));
    io.stdout(`\n${formatCustomerViews(report, options.lang)}`);
  }
  for (const failure of failures) io.stderr(`${pipelineText(options.lang)('simulate.failed')}: ${failure}\n`);
  return failures.length > 0 ? EXIT.problems : EXIT.ok;
}
