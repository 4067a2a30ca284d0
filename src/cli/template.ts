/**
 * `setdiba template <service> [-o file.xlsx] [--lang ca|es|en]`: writes the blank template of a service
 * ("plantilla verge") with its instructions, drop-down and text-formatted code columns.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SERVICE_SLUG } from '../domain/services';
import { tTemplate } from '../i18n/catalog/template';
import { writeTemplateWorkbook } from '../spreadsheet/write-workbook';
import { EXIT, type CliCommand, type CliIo } from './command';
import { langFrom, parseCommandArgs, serviceOption, UsageError } from './options';

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const lang = langFrom(args);
  const { values, positionals } = parseCommandArgs(args, { output: { type: 'string', short: 'o' } }, lang);
  const written = positionals[0];
  if (written === undefined || positionals.length > 1) throw new UsageError(tTemplate(lang, 'cli.error.missingService'));
  const service = serviceOption(written, lang);
  const file = typeof values.output === 'string' ? values.output : `plantilla-setdiba-${SERVICE_SLUG[service]}.xlsx`;
  try {
    await writeFile(resolve(io.cwd, file), writeTemplateWorkbook({ service, lang }));
  } catch (error: unknown) {
    io.stderr(`${tTemplate(lang, 'cli.error.write', { file, detail: error instanceof Error ? error.message : String(error) })}\n`);
    return EXIT.unusable;
  }
  io.stdout(`${tTemplate(lang, 'cli.template.written', { service, file })}\n`);
  return EXIT.ok;
}

export const templateCommand: CliCommand = {
  name: 'template',
  run,
};
