/**
 * The run history the panel shows (panel contract HistoryEntry), from the runs the pipeline records in
 * the run state: newest first, who asked (display names looked up once per person), the outcome, the
 * tickets raised and the comments posted, and a one-line summary in the caller's language.
 */
import type { RunRecord, RunState } from '../domain/run-state';
import type { HistoryEntry, UserView } from '../contracts/panel';
import type { pipelineText } from '../i18n/catalog/pipeline';
import type { JiraPort } from '../ports/jira';
import { reasonText } from '../usecases/process-ticket/decision-run';
import { DAILY_WATCH_ACTOR } from '../usecases/process-ticket/run-history';

type Translate = ReturnType<typeof pipelineText>;

const OUTCOME: Record<RunRecord['outcome'], HistoryEntry['outcome']> = {
  running: 'running',
  done: 'done',
  review: 'needs-review',
  failed: 'failed',
};

/** Result kinds in the order the results comment counts them. */
const PARTS = ['integrated', 'already', 'checklist', 'muxPending', 'waiting', 'blocked', 'disabled', 'failed', 'rejected'];

function summary(record: RunRecord, state: RunState, t: Translate): string {
  if (record.outcome === 'failed' && record.message) return t('history.failed', { message: record.message });
  if (record.kind === 'noop') return t('history.noop');
  const total = Object.values(record.counts).reduce((a, b) => a + b, 0);
  const counts =
    total > 0
      ? // A run counts the rows of every ticket it worked on, not of the ticket whose history shows it.
        t('history.counts', {
          total,
          parts: PARTS.filter((k) => (record.counts[k] ?? 0) > 0).map((k) => t(`results.part.${k}`, { n: record.counts[k] ?? 0 })),
        })
      : '';
  // Who forced a MUX ens is the entry's `by`; the why is said here.
  const forced = record.forced ? t('history.muxForced', { ens: record.forced.ens, reason: record.forced.reason }) : '';
  // The reasons agents gave for what they confirmed or rejected in the panel.
  const reasons = (record.reasons ?? []).map((reason) => reasonText(reason, t)).join(' ');
  if (record.kind !== 'batch') return [forced, reasons, counts].filter((x) => x !== '').join(' ');
  const batch = state.batches.find((b) => b.id === record.id);
  const files = (batch?.attachmentIds ?? []).map((id) => state.attachments[id]?.fileName ?? id);
  return [files.length > 0 ? t('results.files', { files: files.join(', ') }) : '', counts].filter((x) => x !== '').join(' ');
}

export async function runHistory(jira: JiraPort, state: RunState, t: Translate): Promise<HistoryEntry[]> {
  const people = [...new Set(state.runs.map((r) => r.trigger?.requestedBy).filter((id): id is string => !!id && id !== DAILY_WATCH_ACTOR))];
  const found = await Promise.all(people.map((accountId) => jira.getUser(accountId).catch(() => null)));
  const users = new Map<string, UserView>(people.map((accountId, i) => [accountId, { accountId, displayName: found[i]?.displayName ?? accountId }]));
  // Runs the daily watch started are no person's: the history names the watch, in the caller's language.
  users.set(DAILY_WATCH_ACTOR, { accountId: DAILY_WATCH_ACTOR, displayName: t('history.byWatch') });
  return [...state.runs].reverse().map((record) => {
    const by = record.trigger?.requestedBy ? (users.get(record.trigger.requestedBy) ?? null) : null;
    return {
      id: record.id,
      at: record.startedAt,
      // The watch queues its runs the way the panel does; the history says who really started them.
      trigger: record.trigger?.requestedBy === DAILY_WATCH_ACTOR ? 'watch' : (record.trigger?.cause ?? 'retry'),
      by,
      outcome: OUTCOME[record.outcome],
      summary: summary(record, state, t),
      createdTickets: record.created,
      comments: record.comments.map((c) => ({ id: c.id, public: c.public })),
    };
  });
}
