/**
 * The ticket pipeline as the issue panel sees it (src/usecases/panel/deps.ts PanelPipeline): the plan
 * without writing, a run handed to the same queue as product events, the progress kept in the run state
 * and the lease, and the workbook a split attaches. Used identically by Forge and the sandbox.
 */
import { kvsKeys } from '../domain/idempotency';
import { backendErrorText } from '../domain/report/backend-errors';
import { writeTableWorkbook } from '../spreadsheet/write-workbook';
import type { Service } from '../domain/services';
import { parseRunState, RUN_PROPERTY, type RunState } from '../domain/run-state';
import type { Lang } from '../i18n';
import { tPanel } from '../i18n/catalog/panel';
import { pipelineText } from '../i18n/catalog/pipeline';
import { claimQueuedRun, clearQueuedRun, queuedRunOf, type QueuedRun } from '../usecases/process-ticket/queued-run';
import { liveLeaseHolder, type LeaseHolder } from '../usecases/process-ticket/lease';
import { readRunProgress, type RunProgressValue } from '../usecases/process-ticket/run-progress';
import { cloneFileName } from '../usecases/process-ticket/clones';
import { mapLimit } from '../usecases/process-ticket/concurrency';
import { reportContext } from '../usecases/process-ticket/describe';
import type { PanelPipeline, TicketPreview, TicketProgress } from '../usecases/panel/deps';
import type { PreviewOutcome } from '../usecases/preview-ticket';
import { rowIdOf } from '../usecases/panel/panel-property';
import type { Pipeline } from './pipeline';
import { runHistory } from './run-history';

interface IntegratedRecord {
  result: 'integrated' | 'already_integrated';
  issueKey: string;
}

/** "Integrant els ens: 120 de 311" and the like, for the panel's "En curs" line. */
function runStepText(lang: Lang, progress: RunProgressValue): string {
  switch (progress.step) {
    case 'reading':
      return tPanel(lang, 'runStepReading');
    case 'tickets':
      return tPanel(lang, 'runStepTickets');
    case 'integrating':
      return tPanel(lang, 'runStepIntegrating', { done: progress.done, total: progress.total });
    case 'reporting':
      return tPanel(lang, 'runStepReporting');
  }
}

const INTEGRABLE = new Set(['integrate', 'wait', 'mux-pending']);

const REGISTRY_READS_IN_FLIGHT = 8;

const UNREADABLE_KEYS = new Set(['file.unreadable', 'file.encrypted', 'file.too_large', 'sheet.no_header', 'file.parse_died', 'file.no_rows']);

export function panelPipeline(pipeline: Pipeline): PanelPipeline {
  const { deps } = pipeline;

  /**
   * A service ticket the app raised holds only the workbook the split attached, which is never read
   * back as a template. Its rows are the original's rows for its service, as the split planned them:
   * they are shown here, and their decisions, MUX dates and runs live on the original (`home`), whose
   * runs integrate them under their keys. Once the clone has rows of its own (a corrected file attached
   * to it), those are its rows and it is its own home.
   */
  const asClone = async (clone: PreviewOutcome): Promise<{ outcome: PreviewOutcome; home: string } | null> => {
    const { originKey, service } = clone.state;
    if (clone.state.role !== 'clone' || !originKey || !service || !clone.plan) return null;
    if (clone.plan.services.some((sp) => sp.rows.length > 0)) return null;
    const origin = await pipeline.previewTicket(originKey);
    const own = origin?.plan?.services.find((sp) => sp.service === service);
    if (!origin?.plan || !own) return null;
    const plan = { ...origin.plan, ticketKey: clone.facts.key, services: [{ ...own, target: { kind: 'self' as const } }], unassigned: [], unreadable: [], selfReviewReasons: [] };
    return {
      home: originKey,
      outcome: {
        ...origin,
        facts: clone.facts,
        recognition: clone.recognition,
        plan,
        // The split's workbook is this ticket's file: the rows listed are its rows.
        attachments: clone.attachments.map((a) => (a.status === 'produced' ? { ...a, status: 'read' as const, rowCount: own.rows.length } : a)),
      },
    };
  };

  const preview = async (issueKey: string, lang: Lang): Promise<TicketPreview | null> => {
    const self = await pipeline.previewTicket(issueKey);
    if (!self) return null;
    const delegated = await asClone(self);
    const outcome = delegated?.outcome ?? self;
    const t = pipelineText(lang);
    // Held and MUX rows too: an agent's decision or the MUX owner may have had them integrated since.
    const lookups = (outcome.plan?.services ?? []).flatMap((sp) =>
      sp.rows.flatMap((row) =>
        INTEGRABLE.has(row.decision) && row.entity.codiEns
          ? [{ rowId: rowIdOf(row.entity), ticketKey: outcome.state.tickets[sp.service] ?? issueKey, key: kvsKeys.integrated(sp.environment, sp.service, row.entity.codiEns) }]
          : [],
      ),
    );
    // The registry is read a few rows at a time rather than one row after another (hundreds of rows).
    const known = await mapLimit(lookups, REGISTRY_READS_IN_FLIGHT, (lookup) => deps.kvs.get<IntegratedRecord>(lookup.key));
    const results = new Map<string, 'integrated' | 'already-integrated' | 'failed'>();
    const failures = new Map<string, string>();
    // Rows a run left failed: their own status and the reason, until a run integrates them.
    for (const [rowId, open] of outcome.openRows) {
      if (open.result !== 'failed') continue;
      results.set(rowId, 'failed');
      failures.set(rowId, backendErrorText(open.code, null, t));
    }
    for (const [i, lookup] of lookups.entries()) {
      const record = known[i];
      if (!record) continue;
      results.set(lookup.rowId, record.issueKey === lookup.ticketKey && record.result === 'integrated' ? 'integrated' : 'already-integrated');
    }
    return {
      facts: outcome.facts,
      recognition: outcome.recognition,
      settings: outcome.settings,
      plan: outcome.plan,
      attachments: outcome.attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        status: a.status,
        reason: a.reason ? t(UNREADABLE_KEYS.has(a.reason) ? `unreadable.${a.reason}` : 'unreadable.file.unreadable') : null,
        rowCount: a.rowCount,
      })),
      results,
      failures,
      settledRows: outcome.settledRows,
      appliedDecisions: new Set(outcome.state.decisions.applied),
      backendMode: outcome.settings.backend.mode,
      home: delegated?.home ?? issueKey,
    };
  };

  // Progress is asked every few seconds while the panel is open and needs the runs, the family and the
  // times, never a batch's open rows: the property alone, not the KVS lists a big batch keeps there.
  const runStateOf = async (issueKey: string): Promise<RunState | null> => parseRunState(await deps.jira.getIssueProperty(issueKey, RUN_PROPERTY));

  /**
   * A service ticket's history: its own runs, and the original's runs that worked on it (raised it,
   * commented on it) or that a person asked for and found nothing to do.
   */
  const historyOf = async (issueKey: string, state: RunState | null, origin: RunState | null, t: ReturnType<typeof pipelineText>) => {
    const own = state ? await runHistory(deps.jira, state, t) : [];
    if (!origin) return own;
    const runs = origin.runs.filter(
      (r) => r.created.includes(issueKey) || r.comments.some((c) => c.issueKey === issueKey) || (r.kind === 'noop' && r.trigger?.cause === 'panel'),
    );
    const theirs = await runHistory(deps.jira, { ...origin, runs }, t);
    return [...own, ...theirs].sort((a, b) => b.at.localeCompare(a.at));
  };

  const progress = async (issueKey: string, lang: Lang): Promise<TicketProgress> => {
    const t = pipelineText(lang);
    const now = deps.clock.now();
    const [state, lease, queued, ownProgress] = await Promise.all([
      runStateOf(issueKey),
      liveLeaseHolder(deps.kvs, now, issueKey),
      queuedRunOf(deps.kvs, now, issueKey),
      readRunProgress(deps.kvs, issueKey),
    ]);
    const originKey = state?.role === 'clone' ? state.originKey : issueKey;
    const cloned = !!originKey && originKey !== issueKey;
    // A split's service ticket is worked by the original's runs: theirs is its lease, queue and history.
    const [origin, originLease, originQueued, originProgress] = cloned
      ? await Promise.all([
          runStateOf(originKey),
          liveLeaseHolder(deps.kvs, now, originKey),
          queuedRunOf(deps.kvs, now, originKey),
          readRunProgress(deps.kvs, originKey),
        ])
      : [state, null, null, null];
    const running = !!lease || !!originLease;
    // What the run holding the lease says it does; never what a run that is gone left behind.
    const doing = (holder: LeaseHolder | null, progress: RunProgressValue | null): RunProgressValue | null =>
      holder && progress?.eventId === holder.eventId ? progress : null;
    const step = doing(lease, ownProgress) ?? doing(originLease, originProgress);
    const waiting = [queued, originQueued].filter((q): q is QueuedRun => !!q).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))[0] ?? null;
    const family = new Map<string, Service | null>();
    if (originKey) family.set(originKey, null);
    for (const [service, key] of Object.entries(origin?.tickets ?? {}) as [Service, string][]) family.set(key, service);
    // The tickets of the family and the people in the history, in one round trip.
    const [siblings, history] = await Promise.all([
      family.size > 1
        ? Promise.all(
            [...family].map(async ([key, service]) => {
              const issue = await deps.jira.getIssue(key);
              return {
                key,
                service,
                summary: issue?.summary ?? '',
                status: issue?.status ?? '',
                labels: issue?.labels ?? [],
                role: key === originKey ? ('original' as const) : ('clone' as const),
                current: key === issueKey,
              };
            }),
          )
        : [],
      historyOf(issueKey, state, cloned ? origin : null, t),
    ]);
    return {
      run: running
        ? { status: 'running', since: state?.updatedAt ?? null, step: step ? runStepText(lang, step) : null }
        : waiting
          ? { status: 'queued', since: waiting.queuedAt, step: null }
          : { status: 'idle', since: null, step: null },
      history,
      siblings,
      cloneOf: state?.role === 'clone' ? state.originKey : null,
    };
  };

  return {
    preview,
    enqueueRun: async (request) => {
      const now = deps.clock.now();
      const queuedAt = now.toISOString();
      // A job already waiting for this ticket will read it as it is when it runs: nothing more to queue.
      if (!(await claimQueuedRun(deps.kvs, now, request.issueKey, { queuedAt, requestedBy: request.requestedBy, why: request.reason }))) return;
      try {
        await pipeline.queue.push([
          {
            issueKey: request.issueKey,
            cause: 'panel',
            reason: request.reason,
            requestedBy: request.requestedBy,
            ...(request.services ? { services: [...request.services] } : {}),
            queuedAt,
          },
        ]);
      } catch (error) {
        await clearQueuedRun(deps.kvs, request.issueKey, queuedAt);
        throw error;
      }
    },
    progress,
    serviceWorkbook: async (issueKey, service, lang, rows) => ({
      fileName: cloneFileName(service, issueKey),
      bytes: await deps.templates.write(rows, service, lang),
    }),
    tableWorkbook: async (sheetName, header, rows) => writeTableWorkbook({ sheetName, header, rows }),
    describeProblem: (problem, lang) => reportContext(deps.templates, lang).describe(problem),
  };
}
