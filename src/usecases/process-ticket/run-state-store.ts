/** The run state on the ticket (issue property `setdiba.run`), read tolerantly and written whole. */
import { RUN_PROPERTY, emptyRunState, fitRunState, parseRunState, type RunState } from '../../domain/run-state';
import type { Clock } from '../../ports/clock';
import type { JiraPort } from '../../ports/jira';
import type { PipelineLog } from './deps';

export async function readRunState(jira: JiraPort, issueKey: string, log: PipelineLog): Promise<RunState | null> {
  return runStateOf(await jira.getIssueProperty(issueKey, RUN_PROPERTY), issueKey, log);
}

/** The run state from the property's stored value (read with the issue or on its own); null: none yet. */
export function runStateOf(raw: unknown, issueKey: string, log: PipelineLog): RunState | null {
  if (raw === null || raw === undefined) return null;
  const state = parseRunState(raw);
  // A state this version cannot read is not taken as "nothing done": every step still finds its earlier
  // effect by its own key (clone by property, comments by key, integrations by registry).
  if (!state) log.warn('run state unreadable; continuing from lookups', { issueKey });
  return state ?? emptyRunState();
}

export async function writeRunState(jira: JiraPort, clock: Pick<Clock, 'now'>, issueKey: string, state: RunState): Promise<RunState> {
  const stamped = fitRunState({ ...state, updatedAt: clock.now().toISOString() });
  await jira.setIssueProperty(issueKey, RUN_PROPERTY, stamped);
  return stamped;
}
