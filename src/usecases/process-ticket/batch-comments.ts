/**
 * The comments a batch run plans (pure: nothing here talks to Jira). Per ticket, at most one public
 * comment in the requester's language (phase A: needs only the plan and the tickets) and one internal
 * results comment in the agents' language (phase B: needs the integration results).
 */
import type { Plan, ReviewReason, ServicePlan, SourcedEntity } from '../../domain/plan/types';
import { correctionsComment, type RejectedRow } from '../../domain/report/corrections-comment';
import { muxNotice, noRowsNotice, noTemplateNotice, reviewNotice, splitNotice, unreadableNotice } from '../../domain/report/notices';
import { statusComment } from '../../domain/report/status-comment';
import type { ReportContext, RowResult } from '../../domain/report/types';
import type { Service } from '../../domain/services';
import type { Settings } from '../../domain/settings';
import type { JiraUser } from '../../ports/jira';
import type { ServiceTicket } from './clones';
import { openRowKey, type BatchState } from '../../domain/run-state';
import { joinSections, muxToldKey, plannedComment, type PlannedComment } from './comments';
import { resultsSection, serviceReport } from './results-report';

const rejected = (sp: ServicePlan | undefined): RejectedRow[] =>
  (sp?.rows ?? []).filter((r) => r.decision === 'reject').map((r) => ({ entity: r.entity, problems: r.problems }));

const muxRows = (sp: ServicePlan | undefined) =>
  sp?.service === 'MUX' ? sp.rows.filter((r) => r.decision === 'mux-pending').map((r) => r.entity) : [];

const toldKey = (entity: SourcedEntity) => muxToldKey(entity.codiEns ?? entity.ine ?? entity.name ?? '', entity.productionDate);

/**
 * The MUX notice of a ticket names only what its earlier notices did not say: an ens not asked about
 * yet, or one whose date has been given since. A corrected file listing the same ens again repeats nothing.
 */
function muxSection(sp: ServicePlan | undefined, told: ReadonlySet<string>, t: ReportContext['t']) {
  const fresh = muxRows(sp).filter((entity) => !told.has(toldKey(entity)));
  return { body: muxNotice(fresh, t), told: fresh.map(toldKey) };
}

const withMuxTold = (comment: PlannedComment | null, told: readonly string[]): PlannedComment | null =>
  comment && told.length > 0 ? { ...comment, muxTold: told } : comment;

export interface PublicCommentsInput {
  plan: Plan;
  issueKey: string;
  batchKey: string;
  /** The tickets of the plan other than the original (raised now or earlier). */
  others: readonly ServiceTicket[];
  /** On a clone: its own service. */
  selfService: Service | null;
  noTemplate: boolean;
  /** The batch's files gave no row at all. */
  noRowsRead: boolean;
  /** What the run did with each service's rows, for the requester's status. */
  results: Partial<Record<Service, RowResult[]>>;
  /** In the requester's language. */
  pub: ReportContext;
  isPublic: boolean;
  /** `<service>:<codiEns>` of rows earlier batches left blocked or failed (openBefore). */
  openBefore?: ReadonlySet<string>;
  /** What earlier comments on each ticket said of its MUX ens (muxToldOn); nothing when not given. */
  muxTold?: (issueKey: string) => ReadonlySet<string>;
}

/** The rows earlier batches left blocked or failed, as `<service>:<codiEns>`. */
export function openBefore(batches: readonly BatchState[], batchKey: string): Set<string> {
  const open = new Set<string>();
  for (const batch of batches) {
    if (batch.id === batchKey) continue;
    for (const key of [...batch.open.blocked, ...Object.values(batch.open.failed).flat()]) open.add(key);
  }
  return open;
}

/**
 * Nothing changed for the requester on a ticket when a corrected file only lists again its ens already
 * in production, or still blocked or failed as before: its status would repeat the last one.
 */
function unchanged(service: Service, rows: readonly RowResult[], before: ReadonlySet<string>): boolean {
  return (
    rows.length > 0 &&
    rows.every(
      (r) => r.result === 'already' || ((r.result === 'blocked' || r.result === 'failed') && before.has(openRowKey(service, r.entity.codiEns ?? ''))),
    )
  );
}

/**
 * The original's public comment (split notice, MUX dates, what to correct, unreadable files, "no
 * rows") and each other ticket's (MUX dates, what to correct).
 */
export function publicComments(input: PublicCommentsInput): PlannedComment[] {
  const { plan, issueKey, batchKey, others, pub, isPublic } = input;
  const comments: PlannedComment[] = [];
  const own = plan.services.find((s) => s.target.kind === 'self');
  const ownService = own?.service ?? null;
  // The split notice names each ticket once, ever: in the comment of the batch that planned it new. A
  // corrected file holding rows of an earlier split's services finds those tickets existing.
  const created = others
    .filter((t) => plan.services.find((s) => s.service === t.service)?.target.kind === 'new')
    .map((t) => ({ service: t.service, key: t.key }));
  // The status says what is in production and what waits; rejected rows are in "what to correct", MUX
  // rows waiting for their date in the MUX notice.
  const status = (service: Service | null | undefined) =>
    service ? statusComment(service, (input.results[service] ?? []).filter((r) => r.result !== 'rejected' && r.result !== 'muxPending'), pub) : null;
  const told = (key: string) => input.muxTold?.(key) ?? new Set<string>();
  const ownMux = muxSection(own, told(issueKey), pub.t);
  const selfPublic = joinSections([
    status(ownService),
    splitNotice(created, plan.splitMode === 'umbrella' && !input.selfService ? null : ownService, pub.t),
    ownMux.body,
    correctionsComment([...rejected(own), ...plan.unassigned.map((r) => ({ entity: r.entity, problems: r.problems }))], pub),
    unreadableNotice(plan.unreadable, pub),
    !input.noTemplate && input.noRowsRead && plan.unreadable.length === 0 ? noRowsNotice(pub.t) : null,
  ]);
  const selfPublicComment = withMuxTold(plannedComment(issueKey, batchKey, 'public', selfPublic, isPublic), ownMux.told);
  if (selfPublicComment) comments.push(selfPublicComment);
  for (const t of others) {
    const sp = plan.services.find((s) => s.service === t.service);
    if (sp?.target.kind === 'existing' && unchanged(t.service, input.results[t.service] ?? [], input.openBefore ?? new Set())) continue;
    const mux = muxSection(sp, told(t.key), pub.t);
    const body = joinSections([status(t.service), mux.body, correctionsComment(rejected(sp), pub)]);
    const comment = withMuxTold(plannedComment(t.key, batchKey, 'public', body, isPublic), mux.told);
    if (comment) comments.push(comment);
  }
  return comments;
}

export interface ResultsCommentsInput {
  plan: Plan;
  issueKey: string;
  batchKey: string;
  /** The ticket that holds each service of the plan (the original when none was raised). */
  keyOf: (service: Service) => string;
  results: Partial<Record<Service, RowResult[]>>;
  noTemplate: boolean;
  settings: Settings;
  now: Date;
  mode: 'assisted' | 'http';
  /** The MUX owner as Jira gave it (for the name), or null. */
  muxOwner: JiraUser | null;
  /** In the agents' language. */
  internal: ReportContext;
}

/**
 * Each ticket's results comment, the original's review notes,
 * and the tickets where an integration failed (they get `setdiba-revisar`).
 */
export function resultsComments(input: ResultsCommentsInput): { comments: PlannedComment[]; failedTickets: string[] } {
  const { plan, issueKey, batchKey, internal } = input;
  const comments: PlannedComment[] = [];
  const failedTickets: string[] = [];
  for (const sp of plan.services) {
    const key = input.keyOf(sp.service);
    const rows = input.results[sp.service] ?? [];
    const reviewReasons: ReviewReason[] = [...sp.reviewReasons];
    if (rows.some((r) => r.result === 'failed')) {
      reviewReasons.push('integration-failed');
      failedTickets.push(key);
    }
    const report = serviceReport(input.settings, input.now, input.muxOwner, {
      service: sp.service,
      environment: sp.environment,
      ticketKey: key,
      mode: input.mode,
      rows,
      certificateStatus: plan.certificate,
      reviewReasons,
    });
    const selfExtra = key === issueKey ? reviewNotice(plan.selfReviewReasons, internal.t) : null;
    const section = resultsSection(report, internal);
    const comment = plannedComment(key, batchKey, 'results', joinSections([section.body, selfExtra]), false);
    if (comment) comments.push(comment);
  }
  if (!plan.services.some((sp) => input.keyOf(sp.service) === issueKey)) {
    // The ticket keeps no service (umbrella, or nothing readable): a note for the agents if needed.
    const body = joinSections([input.noTemplate ? noTemplateNotice(internal.t) : null, reviewNotice(plan.selfReviewReasons, internal.t)]);
    const comment = plannedComment(issueKey, batchKey, 'results', body, false);
    if (comment) comments.push(comment);
  }
  return { comments, failedTickets };
}
