/** What every `setdiba` command is (the table of commands is in commands.ts). */

/** Where a command writes and reads; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Relative paths are resolved against this directory. */
  cwd: string;
}

/** Exit codes shared by every command: 2 is also every usage error. */
export const EXIT = { ok: 0, problems: 1, unusable: 2 } as const;

/** A command as its module exports it; its usage lines are in the table (commands.ts), loaded without it. */
export interface CliCommand {
  name: string;
  /** Throws UsageError (src/cli/options.ts) for bad arguments; returns the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
