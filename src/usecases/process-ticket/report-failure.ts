/**
 * When a run cannot finish — a UserError, or a system error after the platform's last retry — the
 * ticket gets one internal comment saying so and the `setdiba-revisar` label, so a person picks it up.
 * Keyed like every other comment: reporting the same failure twice posts it once. The run history
 * records the failure too (the run that was in progress, or a failure entry of its own).
 */
import { settleAll } from './settle';
import { commentKey } from '../../domain/idempotency';
import { LABEL_REVIEW } from '../../domain/plan/build-plan';
import { failureNotice } from '../../domain/report/notices';
import { withRun, type RunRecord, type RunTrigger } from '../../domain/run-state';
import { pipelineText } from '../../i18n/catalog/pipeline';
import type { PipelineDeps } from './deps';
import { COMMENT_PROPERTY, commentIndex } from './comments';
import { acquireLease, TicketBusyError } from './lease';
import { readRunState, writeRunState } from './run-state-store';
import { projectKeyOf } from './ticket';

/** Enough of the error for the panel's history line; the comment has it whole. */
const MAX_MESSAGE = 300;

export async function reportFailure(
  deps: Pick<PipelineDeps, 'jira' | 'loadSettings' | 'kvs' | 'clock' | 'log'>,
  args: { issueKey: string; kind: 'final' | 'user'; message: string; occurrence: string; trigger?: RunTrigger | null },
): Promise<void> {
  const key = commentKey(args.issueKey, args.occurrence, `failure-${args.kind}`);
  const [settings, comments] = await settleAll([deps.loadSettings(projectKeyOf(args.issueKey)), deps.jira.getComments(args.issueKey)]);
  const existing = commentIndex(comments);
  let commentId = existing.get(key) ?? null;
  const work: Promise<unknown>[] = [deps.jira.editIssue(args.issueKey, { labelsAdd: [LABEL_REVIEW] })];
  if (!commentId) {
    const t = pipelineText(settings.comments.defaultLanguage);
    work.push(
      deps.jira
        .addComment(args.issueKey, {
          body: failureNotice(args.kind, args.message, t),
          public: false,
          properties: { [COMMENT_PROPERTY]: { key, kind: `failure-${args.kind}` } },
        })
        .then((comment) => void (commentId = comment.id)),
    );
  }
  await settleAll(work);
  await recordFailure(deps, args, key, commentId);
}

/**
 * Under the ticket's lease, so it never races a run. A ticket a run holds right now keeps its history
 * as that run writes it: the failure is on the ticket as a comment anyway.
 */
async function recordFailure(
  deps: Pick<PipelineDeps, 'jira' | 'kvs' | 'clock' | 'log'>,
  args: { issueKey: string; message: string; trigger?: RunTrigger | null },
  key: string,
  commentId: string | null,
): Promise<void> {
  const release = await acquireLease(deps.kvs, deps.clock, args.issueKey, { eventId: `failure:${key}`, attempt: 0 }, 60_000).catch(
    (error: unknown) => {
      if (error instanceof TicketBusyError) return null;
      throw error;
    },
  );
  if (!release) return;
  try {
    const state = await readRunState(deps, args.issueKey);
    if (!state) return;
    const now = deps.clock.now().toISOString();
    const message = args.message.slice(0, MAX_MESSAGE);
    const comments = commentId ? [{ issueKey: args.issueKey, id: commentId, public: false }] : [];
    const running = [...state.runs].reverse().find((r) => r.outcome === 'running');
    const record: RunRecord = running
      ? { ...running, outcome: 'failed', finishedAt: now, message, comments: [...running.comments, ...comments] }
      : {
          id: key,
          kind: 'failure',
          startedAt: now,
          finishedAt: now,
          trigger: args.trigger ?? null,
          outcome: 'failed',
          created: [],
          comments,
          counts: {},
          message,
        };
    await writeRunState(deps, args.issueKey, withRun(state, record));
  } finally {
    await release();
  }
}
