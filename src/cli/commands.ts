/**
 * The `setdiba` command table. To add a command, write `src/cli/<name>.ts` exporting a CliCommand
 * (src/cli/command.ts) and list it here; main.ts dispatches on the first argument and lists every
 * command's usage line in the help.
 */
import { checkCommand } from './check';
import type { CliCommand } from './command';
import { simulateCommand } from './simulate';
import { templateCommand } from './template';

export const COMMANDS: readonly CliCommand[] = [checkCommand, templateCommand, simulateCommand];
