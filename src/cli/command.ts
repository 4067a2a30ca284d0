/** What every `setdiba` command is (the table of commands is in commands.ts). */
import type { Lang } from '../i18n';

/** Where a command writes and reads; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Relative paths are resolved against this directory. */
  cwd: string;
}

/** Exit codes shared by every command: 2 is also every usage error. */
export const EXIT = { ok: 0, problems: 1, unusable: 2 } as const;

export interface CliCommand {
  name: string;
  /** One usage line per language, shown by `setdiba --help` and after a usage error. */
  usage: Readonly<Record<Lang, string>>;
  /** Throws UsageError (src/cli/options.ts) for bad arguments; returns the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
