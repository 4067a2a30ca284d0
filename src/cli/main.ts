/**
 * Entry point of `setdiba` (bin/setdiba.js requires the compiled dist/cli/main.js). Dispatches on the first
 * argument through the command table in commands.ts.
 */
import { DEFAULT_LANG, LANGS, type Lang } from '../i18n';
import { tTemplate } from '../i18n/catalog/template';
import { EXIT, type CliIo } from './command';
import { COMMANDS } from './commands';
import { UsageError } from './options';

function usage(lang: Lang): string {
  return `${tTemplate(lang, 'cli.usage')}\n${COMMANDS.map((c) => `  ${c.usage[lang]}`).join('\n')}\n`;
}

/** Best effort: the language of a usage error comes from --lang when it is valid. */
function langOf(args: readonly string[]): Lang {
  const index = args.indexOf('--lang');
  const value = index >= 0 ? args[index + 1] : args.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return (LANGS as readonly string[]).includes(value ?? '') ? (value as Lang) : DEFAULT_LANG;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const lang = langOf(argv);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage(lang));
    return name === undefined ? EXIT.unusable : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`${tTemplate(lang, 'cli.error.unknownCommand', { command: name })}\n${usage(lang)}`);
    return EXIT.unusable;
  }
  try {
    return await (await command.load()).run(args, io);
  } catch (error: unknown) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n${usage(lang)}`);
    return EXIT.unusable;
  } finally {
    // Only a command that may have started the parser thread loads its host (and the worker source) here.
    if (command.parses) await (await import('../spreadsheet/parser-host')).stopSpreadsheetParser();
  }
}

async function main(): Promise<void> {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
  try {
    process.exitCode = await runCli(process.argv.slice(2), io);
  } catch (error: unknown) {
    process.stderr.write(`setdiba: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.unusable;
  }
}

// Run when started as the program (bin/setdiba.js, `tsx src/cli/main.ts`), not when a test imports runCli.
const entry = require.main?.filename ?? '';
if (require.main === module || /[\\/]bin[\\/]setdiba(\.js)?$/.test(entry)) void main();
