/**
 * The fallback for raising a service ticket when the site refuses the Request Type field on the
 * platform create: JSM's documented create (POST /rest/servicedeskapi/request, on behalf of the
 * customer), then the `setdiba.run` property in a second call.
 *
 * JSM's create takes no properties, so between the two calls the ticket exists untagged and the clone
 * search cannot find it. Exactly once still holds because the create-once lock records each step:
 * 1. before the create, the lock says `via: 'jsm'` with what identifies the ticket (summary, reporter,
 *    the time the attempt started);
 * 2. right after Jira answers, the lock gets the new key (a retry then completes that ticket);
 * 3. only a crash between 1's create and 2 leaves no key: the retry looks for an untagged request of
 *    that reporter with that summary, created after the attempt started, and adopts it instead of
 *    raising a second one.
 */
import type { JiraPort, NewRequest } from '../../ports/jira';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { Clock } from '../../ports/clock';
import { RUN_PROPERTY } from '../../domain/run-state';
import type { PipelineHooks, PipelineLog } from './deps';

export interface CloneLock {
  state: 'creating' | 'created';
  key: string | null;
  /** Set when the ticket is raised through JSM's create: what the retry needs to find it untagged. */
  jsm?: { summary: string; reporterAccountId: string | null; startedAt: string };
}

interface JsmCloneDeps {
  jira: JiraPort;
  kvs: KeyValueStore;
  clock: Clock;
  hooks?: PipelineHooks;
  log?: PipelineLog;
}

/** Jira's clock and ours may differ a little; a request this much older than the attempt is not ours. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Untagged requests of one customer looked at; the one we raised is the newest or close to it. */
const CANDIDATES = 20;

export async function raiseCloneViaJsm(
  deps: JsmCloneDeps,
  args: { lockKey: string; originKey: string; request: NewRequest; runState: unknown },
): Promise<string> {
  const { lockKey, originKey, request } = args;
  const jsm = { summary: request.summary, reporterAccountId: request.raiseOnBehalfOf, startedAt: deps.clock.now().toISOString() };
  await deps.kvs.set(lockKey, { state: 'creating', key: null, jsm } satisfies CloneLock);
  const { issueKey } = await deps.jira.createRequest(request);
  // Dying here is the one case the retry resolves by search (findUntaggedJsmClone).
  await deps.hooks?.afterStep?.('clone-requested', originKey);
  await deps.kvs.set(lockKey, { state: 'created', key: issueKey, jsm } satisfies CloneLock);
  await deps.jira.setIssueProperty(issueKey, RUN_PROPERTY, args.runState);
  return issueKey;
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * The request an attempt raised through JSM and died before recording: same reporter, same summary,
 * no run property, created after the attempt started. Null when there is none (the create never
 * happened, so raising now is safe).
 */
export async function findUntaggedJsmClone(deps: JsmCloneDeps, projectKey: string, jsm: NonNullable<CloneLock['jsm']>): Promise<string | null> {
  const jql = [
    `project = ${quote(projectKey)}`,
    jsm.reporterAccountId ? `reporter = ${quote(jsm.reporterAccountId)}` : 'reporter = currentUser()',
    `issue.property[${RUN_PROPERTY}].originKey is EMPTY`,
  ].join(' AND ');
  const page = await deps.jira.searchJql(`${jql} ORDER BY created DESC`);
  const since = Date.parse(jsm.startedAt) - CLOCK_SKEW_MS;
  for (const key of page.keys.slice(0, CANDIDATES)) {
    const issue = await deps.jira.getIssue(key);
    const created = issue?.created ? Date.parse(issue.created) : Number.NaN;
    // An unreadable creation time is taken as ours: adopting beats raising a duplicate.
    if (issue && issue.summary === jsm.summary && !(created < since)) return key;
  }
  return null;
}
