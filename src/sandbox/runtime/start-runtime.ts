import { Activity } from './activity';
import type { PartStatus, SandboxRuntime } from './types';

export interface RuntimeOptions {
  log?: (line: string) => void;
}

/**
 * Assembles the sandbox from the app's real pieces. Each piece that is not in this checkout yet (the
 * app is being built) is listed as missing and the page shows what exists.
 */
export async function startRuntime(_options: RuntimeOptions = {}): Promise<SandboxRuntime> {
  const activity = new Activity();
  const parts: PartStatus[] = [{ name: 'Jira emulator', ok: false, detail: 'src/emulator does not exist yet' }];
  return {
    projectKey: 'SUP',
    parts,
    users: [],
    activity,
    samples: [],
    jiraAs: () => null,
    jiraAsApp: null,
    resolvers: {},
    raiseRequest: async () => {
      throw new Error('the Jira emulator is not available yet');
    },
    stop: async () => undefined,
  };
}
