/**
 * `setdiba check <file> [--service <name>] [--lang ca|es|en] [--json]`: reads a template the way the app
 * does and reports every problem with its sheet, row, column, value and what to do.
 * Exit: 0 readable without errors (warnings allowed), 1 readable with errors, 2 unreadable or usage error.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Service } from '../domain/services';
import { unreadableResult } from '../domain/template/read-workbook';
import type { TemplateReadResult } from '../domain/template/types';
import type { Lang } from '../i18n';
import { describeLocation, describeProblem, tTemplate } from '../i18n/catalog/template';
import { MiB_BYTES, SPREADSHEET_LIMITS } from '../spreadsheet/limits';
import { setParserSystemLog } from '../spreadsheet/parser-host';
import { readTemplate } from '../spreadsheet/read-template';
import { EXIT, type CliCommand, type CliIo } from './command';
import { langFrom, parseCommandArgs, serviceOption, UsageError } from './options';

export function exitCodeOf(result: TemplateReadResult): number {
  if (!result.readable) return EXIT.unusable;
  const hasError = result.problems.length > 0 || result.entities.some((e) => !e.valid);
  return hasError ? EXIT.problems : EXIT.ok;
}

/** The --json document (the shape is an interface: agents and scripts parse it). */
export function checkJson(result: TemplateReadResult, lang: Lang) {
  return {
    file: result.file,
    services: result.services,
    entities: result.entities.map((e) => ({
      sheet: e.sheet,
      row: e.row,
      service: e.service,
      serviceAsWritten: e.serviceAsWritten,
      name: e.name,
      codiEns: e.codiEns,
      ine: e.ine,
      nif: e.nif,
      dir3: e.dir3,
      productionDate: e.productionDate,
      valid: e.valid,
      problems: e.problems.map((p) => {
        const text = describeProblem(p, lang);
        return { field: p.field, code: p.code, severity: p.severity, message: text.message, hint: text.hint, column: p.column, value: p.value };
      }),
    })),
    problems: result.problems.map((p) => {
      const text = describeProblem(p, lang);
      return { code: p.code, severity: p.severity, message: text.message, hint: text.hint };
    }),
  };
}

export function checkReport(result: TemplateReadResult, lang: Lang): string {
  const t = (key: Parameters<typeof tTemplate>[1], params?: Parameters<typeof tTemplate>[2]): string => tTemplate(lang, key, params);
  const lines: string[] = [];
  if (!result.readable) {
    lines.push(t('cli.check.unreadable', { file: result.file }));
  } else {
    const invalid = result.entities.filter((e) => !e.valid).length;
    const warnings = result.entities.reduce((n, e) => n + e.problems.filter((p) => p.severity === 'warning').length, 0);
    lines.push(
      t('cli.check.summary', { file: result.file, entities: result.entities.length, valid: result.entities.length - invalid, invalid, warnings }),
      t('cli.check.services', { services: result.services.length > 0 ? result.services.join(', ') : t('cli.check.noServices') }),
    );
  }
  for (const problem of result.problems) {
    const text = describeProblem(problem, lang);
    lines.push('', `${t('cli.check.error')}  ${text.message}`, `       ${t('cli.check.todo', { hint: text.hint })}`);
  }
  for (const entity of result.entities) {
    for (const problem of entity.problems) {
      const text = describeProblem(problem, lang);
      const label = problem.severity === 'error' ? t('cli.check.error') : t('cli.check.warning');
      lines.push(
        '',
        `${label.padEnd(5)}  ${describeLocation({ sheet: entity.sheet, row: entity.row, column: problem.column, value: problem.value }, lang)}`,
        `       ${text.message}`,
        `       ${t('cli.check.todo', { hint: text.hint })}`,
      );
    }
  }
  if (exitCodeOf(result) === EXIT.ok) lines.push('', t('cli.check.allGood'));
  return `${lines.join('\n')}\n`;
}

/** Reads the file without loading one that is obviously too large into memory. */
async function readCheckedFile(path: string, shownAs: string, service: Service | null): Promise<TemplateReadResult> {
  const info = await stat(path);
  if (info.size > SPREADSHEET_LIMITS.maxFileBytes) {
    return unreadableResult(shownAs, 'file.too_large', { unit: 'bytes', limit: SPREADSHEET_LIMITS.maxFileBytes / MiB_BYTES });
  }
  const bytes = new Uint8Array(await readFile(path));
  const result = await readTemplate({ bytes, fileName: shownAs }, { service });
  return result;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  // A parser thread that could not start (a loaded machine, threads forbidden) changes nothing in the answer:
  // the file is then parsed in this thread. stdout/stderr are the answer's alone (one JSON document with --json).
  setParserSystemLog(() => undefined);
  const lang = langFrom(args);
  const { values, positionals } = parseCommandArgs(args, { service: { type: 'string' }, json: { type: 'boolean' } }, lang);
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) throw new UsageError(tTemplate(lang, 'cli.error.missingFile'));
  const service = typeof values.service === 'string' ? serviceOption(values.service, lang) : null;
  let result: TemplateReadResult;
  try {
    result = await readCheckedFile(resolve(io.cwd, file), file, service);
  } catch (error: unknown) {
    io.stderr(`${tTemplate(lang, 'cli.error.fileNotFound', { file, detail: error instanceof Error ? error.message : String(error) })}\n`);
    return EXIT.unusable;
  }
  io.stdout(values.json ? `${JSON.stringify(checkJson(result, lang), null, 2)}\n` : checkReport(result, lang));
  return exitCodeOf(result);
}

export const checkCommand: CliCommand = {
  name: 'check',
  run,
};
