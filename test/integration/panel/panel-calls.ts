/**
 * Calls the issue panel's real resolver (handlePanelCall) against the harness's emulator, as a given
 * user, the way the Custom UI does: the issue key from the context, the payload as sent.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { panelPipeline } from '../../../src/composition/panel-pipeline';
import type { PanelState } from '../../../src/contracts/panel';
import { handlePanelCall } from '../../../src/handlers/panel-resolver';
import type { PanelDeps } from '../../../src/usecases/panel';
import type { Clock } from '../../../src/ports/clock';
import { fastClock, type Harness } from '../pipeline/harness';

export type PanelAnswer = { ok: true; state: PanelState } | { ok: false; code: string; message: string };

export function panelCalls(h: Harness, clock: Clock = fastClock) {
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
    clock,
    pipeline: panelPipeline(h.pipeline),
  });
  /** The answer as the panel gets it: the state, or the refusal's code and sentence. */
  const attempt = async (accountId: string, issueKey: string, functionKey: string, payload: unknown = {}): Promise<PanelAnswer> => {
    const result = await handlePanelCall(makeDeps, { functionKey, payload, issueKey, accountId });
    return result.ok ? { ok: true, state: result.data as PanelState } : { ok: false, code: result.error.code, message: result.error.message };
  };
  /** The state, or a thrown error with the refusal's sentence. */
  const call = async (accountId: string, issueKey: string, functionKey: string, payload: unknown = {}): Promise<PanelState> => {
    const answer = await attempt(accountId, issueKey, functionKey, payload);
    if (!answer.ok) throw new Error(`${functionKey}: ${answer.message}`);
    return answer.state;
  };
  return { attempt, call };
}
