/**
 * getPanelState and preview: everything the first screen shows, in one call. Nothing is written.
 */
import type { PanelState, UserView } from '../../contracts/panel';
import type { JiraPort } from '../../ports/jira';
import type { PanelCaller, PanelDeps, TicketPreview, TicketProgress } from './deps';
import { PanelActionError } from './errors';
import { calendarDayInMadrid } from '../../domain/plan/mux-dates';
import { readPanelProperty, type PanelProperty } from './panel-property';
import { buildPanelState } from './views';

/** The calendar day in Madrid: a MUX go-live date is reached at local midnight, not UTC's. */
export const madridToday = calendarDayInMadrid;

async function lookupUsers(jira: JiraPort, accountIds: readonly string[]): Promise<Map<string, UserView>> {
  const unique = [...new Set(accountIds)];
  const found = await Promise.all(unique.map((accountId) => jira.getUser(accountId).catch(() => null)));
  const users = new Map<string, UserView>();
  unique.forEach((accountId, index) => {
    users.set(accountId, { accountId, displayName: found[index]?.displayName ?? accountId });
  });
  return users;
}

export interface LoadedPanel {
  /** Where this ticket's decisions are kept and runs applied (the original, for a split's ticket). */
  home: string;
  preview: TicketPreview;
  progress: TicketProgress;
  property: PanelProperty;
  state: PanelState;
}

export async function loadPanel(deps: PanelDeps, caller: PanelCaller): Promise<LoadedPanel> {
  const [preview, progress, ownProperty] = await Promise.all([
    deps.pipeline.preview(caller.issueKey, caller.lang),
    deps.pipeline.progress(caller.issueKey, caller.lang),
    readPanelProperty(deps.jiraAsApp, caller.issueKey),
  ]);
  let property = ownProperty;
  if (!preview) throw new PanelActionError('not_found', 'errorNotFound');
  // A split's ticket keeps its decisions on the original (see PanelPipeline.preview's `home`).
  const home = preview.home ?? caller.issueKey;
  if (home !== caller.issueKey) property = await readPanelProperty(deps.jiraAsApp, home);
  const owner = preview.settings.services.MUX.ownerAccountId;
  const assignees = preview.plan?.services.map((service) => service.assignee).filter((id): id is string => !!id) ?? [];
  const users = await lookupUsers(deps.jiraAsApp, owner ? [owner, ...assignees] : assignees);
  const state = buildPanelState({
    caller,
    preview,
    progress,
    property,
    users,
    now: deps.clock.now(),
    today: madridToday(deps.clock.now()),
    describe: (problem) => deps.pipeline.describeProblem(problem, caller.lang),
  });
  return { preview, progress, property, state, home };
}

export async function getPanelState(deps: PanelDeps, caller: PanelCaller): Promise<PanelState> {
  return (await loadPanel(deps, caller)).state;
}
