import type { JiraIssue, JiraPort } from '../../../ports/jira';
import type { Activity } from '../../runtime/activity';
import { html, type Html } from '../html';
import { jiraStatusName, type Translate } from './layout';

/** At most this many tickets are listed: the sandbox is for looking at a handful of demo tickets. */
const QUEUE_LIMIT = 100;

export async function loadQueue(jira: JiraPort, projectKey: string): Promise<JiraIssue[]> {
  const keys: string[] = [];
  let token: string | null = null;
  do {
    const result = await jira.searchJql(`project = ${projectKey} ORDER BY created DESC`, token);
    keys.push(...result.keys);
    token = result.nextPageToken;
  } while (token && keys.length < QUEUE_LIMIT);
  const issues = await Promise.all(keys.slice(0, QUEUE_LIMIT).map((key) => jira.getIssue(key)));
  return issues.filter((issue): issue is JiraIssue => issue !== null);
}

export function labelList(labels: readonly string[], t: Translate): Html {
  if (labels.length === 0) return html`<span class="muted">${t('issue.noLabels')}</span>`;
  return html`<ul class="labels">${labels.map((label) => html`<li class="label">${label}</li>`)}</ul>`;
}

export function queueBody(issues: readonly JiraIssue[], projectKey: string, activity: Activity, t: Translate): Html {
  const rows = issues.map(
    (issue) => html`<tr data-issue-key="${issue.key}">
      <td><a href="/browse/${issue.key}">${issue.key}</a></td>
      <td class="summary">${issue.summary}${
        activity.isRunning(issue.key) ? html` <span class="lozenge" data-color="blue">${t('queue.processing')}</span>` : ''
      }</td>
      <td><span class="lozenge" data-status="${issue.status}">${jiraStatusName(issue.status, t)}</span></td>
      <td>${issue.assignee?.displayName ?? html`<span class="muted">${t('issue.unassigned')}</span>`}</td>
      <td>${issue.reporter?.displayName ?? ''}</td>
      <td>${labelList(issue.labels, t)}</td>
    </tr>`,
  );
  return html`<h1>${t('queue.title', { project: projectKey })}</h1>
  <div id="queue" data-live>
  ${
    issues.length === 0
      ? html`<p class="empty">${t('queue.empty')}</p>`
      : html`<table class="queue">
    <thead><tr>
      <th scope="col">${t('queue.key')}</th><th scope="col">${t('queue.summary')}</th><th scope="col">${t('queue.status')}</th>
      <th scope="col">${t('queue.assignee')}</th><th scope="col">${t('queue.reporter')}</th><th scope="col">${t('queue.labels')}</th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table>`
  }
  </div>`;
}
