/**
 * The issue panel as an agent uses it, for pipeline tests: the real resolver (handlePanelCall) over the
 * real panel pipeline, with the caller's identity on the emulator. Throws the resolver's error message
 * so a refused action fails the test that did not expect it.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { panelPipeline } from '../../../src/composition/panel-pipeline';
import type { PanelState } from '../../../src/contracts/panel';
import { handlePanelCall } from '../../../src/handlers/panel-resolver';
import type { PanelDeps } from '../../../src/usecases/panel';
import { fastClock, type Harness } from './harness';

export type PanelCall = <T = PanelState>(accountId: string, issueKey: string, functionKey: string, payload?: unknown) => Promise<T>;

export function panelFor(h: Harness): PanelCall {
  const jiraAs = (accountId: string | null) =>
    new JiraClient(
      new FetchJiraTransport({
        baseUrl: h.emulator.baseUrl,
        identity: accountId ? { kind: 'user', accountId } : { kind: 'app' },
        headers: h.emulator.authHeaders(accountId ?? h.emulator.site.appAccountId),
      }),
    );
  const makeDeps = (accountId: string): PanelDeps => ({
    jiraAsUser: jiraAs(accountId),
    jiraAsApp: jiraAs(null),
    clock: fastClock,
    pipeline: panelPipeline(h.pipeline),
  });
  return async <T,>(accountId: string, issueKey: string, functionKey: string, payload: unknown = {}): Promise<T> => {
    const result = await handlePanelCall(makeDeps, { functionKey, payload, issueKey, accountId });
    if (!result.ok) throw new Error(`${functionKey}: ${result.error.message}`);
    return result.data as T;
  };
}
