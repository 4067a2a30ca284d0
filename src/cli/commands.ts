/**
 * The `setdiba` command table. To add a command, write `src/cli/<name>.ts` exporting a CliCommand
 * (src/cli/command.ts) and list it here with its usage lines and a `load` that imports it; main.ts
 * dispatches on the first argument and lists every command's usage line in the help.
 *
 * Commands are imported only when they run: `--help` and `check` would otherwise load `simulate`'s
 * emulator, reference backend, composition and handlers (hundreds of modules) for nothing.
 */
import type { Lang } from '../i18n';
import type { CliCommand } from './command';

export interface CommandEntry {
  name: string;
  /** One usage line per language, shown by `setdiba --help` and after a usage error. */
  usage: Readonly<Record<Lang, string>>;
  load(): Promise<CliCommand>;
  /** The command may start the spreadsheet parser thread, which main.ts stops when it returns. */
  parses: boolean;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'check',
    usage: {
      ca: 'setdiba check <fitxer> [--service <servei>] [--lang ca|es|en] [--json]',
      es: 'setdiba check <fichero> [--service <servicio>] [--lang ca|es|en] [--json]',
      en: 'setdiba check <file> [--service <service>] [--lang ca|es|en] [--json]',
    },
    load: async () => (await import('./check')).checkCommand,
    parses: true,
  },
  {
    name: 'template',
    usage: {
      ca: 'setdiba template <servei> [-o fitxer.xlsx] [--lang ca|es|en]',
      es: 'setdiba template <servicio> [-o fichero.xlsx] [--lang ca|es|en]',
      en: 'setdiba template <service> [-o file.xlsx] [--lang ca|es|en]',
    },
    load: async () => (await import('./template')).templateCommand,
    parses: false,
  },
  {
    name: 'simulate',
    usage: {
      ca: 'setdiba simulate <fitxer>... [--summary T] [--description T] [--reporter CORREU] [--org NOM] [--settings FITXER.json] [--backend http|assisted] [--deliveries N] [--concurrent] [--latency MS] [--backend-latency MS] [--faults 429:0.2,500:0.1] [--seed N] [--json]\n  setdiba simulate --script ESCENARI.json [--json]',
      es: 'setdiba simulate <fichero>... [--summary T] [--description T] [--reporter CORREO] [--org NOMBRE] [--settings FICHERO.json] [--backend http|assisted] [--deliveries N] [--concurrent] [--latency MS] [--backend-latency MS] [--faults 429:0.2,500:0.1] [--seed N] [--json]\n  setdiba simulate --script ESCENARIO.json [--json]',
      en: 'setdiba simulate <file>... [--summary T] [--description T] [--reporter EMAIL] [--org NAME] [--settings FILE.json] [--backend http|assisted] [--deliveries N] [--concurrent] [--latency MS] [--backend-latency MS] [--faults 429:0.2,500:0.1] [--seed N] [--json]\n  setdiba simulate --script SCENARIO.json [--json]',
    },
    load: async () => (await import('./simulate')).simulateCommand,
    parses: true,
  },
];
