/**
 * From the pipeline's plan and the panel's own property to what the panel shows. Pure: everything
 * here is decided from its arguments, so the tests can check each state without Jira.
 */
import { rowDecisionId } from '../../domain/plan/decisions';
import { LABEL_MUX_PENDING } from '../../domain/plan/build-plan';
import { expiryWarning } from '../../domain/certificate';
import type { PlannedRow, ReviewReason, ServicePlan } from '../../domain/plan';
import type {
  ChecklistStep,
  MuxView,
  PanelState,
  PlanView,
  RowStatus,
  RowView,
  ServicePlanView,
  UserView,
} from '../../contracts/panel';
import type { Lang } from '../../i18n';
import { tPanel, type PanelMessageKey } from '../../i18n/catalog/panel';
import type { PanelCaller, TicketPreview, TicketProgress } from './deps';
import { calendarDayInMadrid, muxRowDate, muxRowDue } from '../../domain/plan/mux-dates';
import { latestDecisions, panelMuxDates, rowIdOf, type PanelProperty } from './panel-property';
import { fileRank, markReplaced } from './replaced-rows';

const REVIEW_KEYS: Record<ReviewReason, PanelMessageKey> = {
  'no-service': 'reviewNoService',
  'unreadable-file': 'reviewUnreadableFile',
  'no-template': 'reviewNoTemplate',
  'no-rows': 'reviewNoRows',
  'waiting-confirmation': 'reviewWaitingConfirmation',
  certificate: 'reviewCertificate',
  'service-disabled': 'reviewServiceDisabled',
  'mux-owner-missing': 'reviewMuxOwnerMissing',
  'integration-failed': 'reviewIntegrationFailed',
};

export interface ViewInput {
  caller: PanelCaller;
  preview: TicketPreview;
  progress: TicketProgress;
  property: PanelProperty;
  /** Display names of the accounts the plan names (MUX owner), looked up by the caller. */
  users: ReadonlyMap<string, UserView>;
  now: Date;
  /** Today in Europe/Madrid, yyyy-mm-dd. */
  today: string;
  /** A row problem explained for people in the caller's language. */
  describe: (problem: PlannedRow['problems'][number]) => string;
}

/** The ticket's creation day in Madrid, when Jira says: a MUX go-live date before it is a typing mistake. */
export function ticketCreatedOn(preview: Pick<TicketPreview, 'facts'>): string | null {
  return preview.facts.createdAt ? calendarDayInMadrid(new Date(preview.facts.createdAt)) : null;
}

export function rowStatus(planned: PlannedRow, rowId: string, input: Pick<ViewInput, 'preview' | 'property'>): RowStatus {
  const result = input.preview.results.get(rowId);
  if (result) return result;
  const decided = latestDecisions(input.property).get(rowId);
  // Assisted mode: an ens whose step an agent marked done was integrated by hand.
  const byHand = (): boolean => {
    const { service, codiEns } = planned.entity;
    return input.preview.backendMode === 'assisted' && !!service && !!codiEns && input.property.checklist[checklistStepId(service, codiEns)]?.done === true;
  };
  switch (planned.decision) {
    case 'integrate':
      return byHand() ? 'integrated' : 'pending';
    case 'wait':
      if (decided?.decision === 'confirm' && byHand()) return 'integrated';
      return decided ? (decided.decision === 'confirm' ? 'confirmed' : 'rejected') : 'waiting';
    case 'reject':
      return 'rejected';
    case 'mux-pending':
      // A row with its own date (template or panel) is scheduled, not "missing its date".
      return muxRowDate(rowId, planned.entity, panelMuxDates(input.property)).date ? 'mux-scheduled' : 'mux-pending';
    default:
      return 'blocked';
  }
}

function rowView(planned: PlannedRow, input: ViewInput, describe: (p: PlannedRow['problems'][number]) => string): RowView {
  const { entity } = planned;
  const id = rowIdOf(entity);
  return {
    id,
    attachmentId: entity.attachmentId,
    fileName: entity.fileName,
    sheet: entity.sheet,
    row: entity.row,
    name: entity.name,
    codiEns: entity.codiEns,
    ine: entity.ine6 ?? entity.ine,
    nif: entity.nif,
    dir3: entity.dir3,
    serviceAsWritten: entity.serviceAsWritten,
    service: entity.service,
    productionDate: entity.productionDate,
    decision: planned.decision,
    status: rowStatus(planned, id, input),
    replacedBy: null,
    problems: [
      ...planned.problems.map((problem) => ({
        severity: problem.severity,
        column: problem.column,
        value: problem.value,
        message: describe(problem),
      })),
      // A failed integration is a problem of the row too, so the "only rows with problems" filter shows it.
      ...(input.preview.failures?.has(id)
        ? [{ severity: 'error' as const, column: null, value: null, message: input.preview.failures.get(id) ?? '' }]
        : []),
    ],
  };
}

function inReadingOrder(rows: readonly PlannedRow[], rank: (attachmentId: string) => number): PlannedRow[] {
  // Stable reading order: files as they were added (a corrected file often keeps the first one's name,
  // so the name alone would interleave their rows), then sheet, row — what an agent sees in the spreadsheet.
  return [...rows].sort(
    (a, b) =>
      rank(a.entity.attachmentId) - rank(b.entity.attachmentId) ||
      a.entity.fileName.localeCompare(b.entity.fileName) ||
      a.entity.sheet.localeCompare(b.entity.sheet) ||
      a.entity.row - b.entity.row,
  );
}

function servicePlanView(
  service: ServicePlan,
  lang: Lang,
  users: ReadonlyMap<string, UserView>,
  statusOf: ReadonlyMap<string, RowStatus>,
): ServicePlanView {
  // A row a later file replaced is counted as replaced only: its ens is counted with the later row.
  const current = service.rows.filter((row) => statusOf.get(rowIdOf(row.entity)) !== 'replaced');
  // The plan was made by the last run; rows an agent has decided since no longer await confirmation.
  const stillWaiting = current.some((row) => statusOf.get(rowIdOf(row.entity)) === 'waiting');
  const reasons = service.reviewReasons.filter((reason) => reason !== 'waiting-confirmation' || stillWaiting);
  const count = (decision: PlannedRow['decision']) => current.filter((row) => row.decision === decision).length;
  return {
    service: service.service,
    target: service.target.kind,
    targetKey: service.target.kind === 'existing' ? service.target.key : null,
    environment: service.environment,
    assignee: service.assignee ? (users.get(service.assignee) ?? { accountId: service.assignee, displayName: service.assignee }) : null,
    labels: [...service.labels],
    counts: {
      integrate: count('integrate'),
      wait: count('wait'),
      reject: count('reject'),
      muxPending: count('mux-pending'),
      blocked: count('blocked'),
      disabled: count('service-disabled'),
      replaced: service.rows.length - current.length,
    },
    reviewReasons: reasons.map((reason) => tPanel(lang, REVIEW_KEYS[reason])),
  };
}

const isDone = (status: RowStatus): boolean => status === 'integrated' || status === 'already-integrated';

/**
 * One sentence per write a run would make now. Rows already integrated, or waiting for an agent, make
 * no write; so a re-run after everything is done lists nothing.
 */
export function describeWrites(input: ViewInput, rows: readonly RowView[]): string[] {
  const { preview, caller, users } = input;
  const plan = preview.plan;
  if (!plan) return [];
  const lang = caller.lang;
  const key = plan.ticketKey;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const writes: string[] = [];
  const serial = preview.settings.certificate.current?.serialNumber ?? '';
  let newTickets = 0;
  // What the run does with rows an earlier run read is what the pipeline does: it retries the blocked
  // and failed ones (not settled) and applies decisions not yet applied; the rest it leaves alone.
  const settled = preview.settledRows ?? new Set<string>();
  const applied = preview.appliedDecisions ?? new Set<string>();
  const latest = latestDecisions(input.property);
  const willTouch = (row: RowView): boolean => {
    if (!settled.has(row.id)) return true;
    const decided = latest.get(row.id);
    return !!decided && !applied.has(rowDecisionId(decided.decision, decided.by));
  };
  // The labels each existing ticket has now: the original's from the facts, the clones' from the family.
  const labelsOf = (ticketKey: string): readonly string[] =>
    ticketKey === key ? preview.facts.labels : (input.progress.siblings.find((s) => s.key === ticketKey)?.labels ?? []);
  for (const service of plan.services) {
    const views = service.rows.map((planned) => byId.get(rowIdOf(planned.entity))).filter((row): row is RowView => !!row);
    const target = service.target.kind === 'existing' ? service.target.key : key;
    if (service.target.kind === 'new') {
      newTickets += 1;
      writes.push(tPanel(lang, 'writeCreateTicket', { service: service.service, count: service.rows.length, key }));
    } else if (service.target.kind === 'self') {
      // Once every MUX ens is in production the run takes the label away; it never puts it back.
      const current = views.filter((row) => row.status !== 'replaced');
      const muxDone = service.service === 'MUX' && current.length > 0 && current.every((row) => isDone(row.status));
      const wanted = muxDone ? service.labels.filter((label) => label !== LABEL_MUX_PENDING) : service.labels;
      const missing = wanted.filter((label) => !preview.facts.labels.includes(label));
      if (missing.length > 0) writes.push(tPanel(lang, 'writeLabels', { labels: missing.join(', '), key }));
    }
    const alreadyAssigned = service.target.kind === 'self' && preview.facts.assigneeAccountId === service.assignee;
    if (service.assignee && service.target.kind !== 'existing' && !alreadyAssigned) {
      const name = users.get(service.assignee)?.displayName ?? service.assignee;
      writes.push(tPanel(lang, 'writeAssign', { key: service.target.kind === 'new' ? `[${service.service}]` : target, name }));
    }
    // An ens a corrected file lists again is integrated once: count ens, not rows.
    const toIntegrate = new Set(
      views.filter((row) => ['pending', 'confirmed', 'failed'].includes(row.status) && willTouch(row)).map((row) => row.codiEns ?? row.id),
    ).size;
    if (toIntegrate > 0 && plan.certificate === 'valid') {
      const params = { count: toIntegrate, service: service.service, env: service.environment, serial, key: target };
      writes.push(tPanel(lang, preview.backendMode === 'assisted' ? 'writeChecklist' : 'writeIntegrate', params));
    }
    const toCorrect = views.filter((row) => row.status === 'rejected' && willTouch(row)).length;
    // The requester hears of every run that changes something for them: what to correct, else the status.
    if (toCorrect > 0 && preview.settings.comments.publicToRequester) {
      writes.push(tPanel(lang, 'writePublicComment', { key: target, count: toCorrect }));
    } else if (toIntegrate > 0 && plan.certificate === 'valid' && preview.settings.comments.publicToRequester) {
      writes.push(tPanel(lang, 'writeStatusComment', { key: target }));
    }
    if (toIntegrate > 0 || toCorrect > 0) writes.push(tPanel(lang, 'writeResultsComment', { key: target }));
    if (service.reviewReasons.length > 0 && !labelsOf(target).includes('setdiba-revisar')) {
      writes.push(tPanel(lang, 'writeReviewLabel', { key: target }));
    }
  }
  if (newTickets > 0) writes.push(tPanel(lang, 'writeSplitComment', { key }));
  // Two services on the same ticket may each ask for its results comment: say it once.
  return [...new Set(writes)];
}

function muxView(input: ViewInput, rows: readonly RowView[]): MuxView {
  // A MUX row a later file replaced waits for nothing: the later row carries the ens and its date.
  const muxRows = rows.filter((row) => row.service === 'MUX' && row.status !== 'replaced');
  const dates = panelMuxDates(input.property);
  const ens = muxRows
    .filter((row) => row.decision === 'mux-pending')
    .map((row) => {
      const { date, source } = muxRowDate(row.id, { productionDate: row.productionDate }, dates);
      return { rowId: row.id, codiEns: row.codiEns, name: row.name, date, source, status: row.status, due: !isDone(row.status) && muxRowDue(date, input.today) };
    });
  const owner = input.preview.settings.services.MUX.ownerAccountId;
  const recorded = input.property.mux;
  const recordedDate = recorded?.date ?? null;
  const templateDates = [...new Set(muxRows.map((row) => row.productionDate).filter((d): d is string => !!d))].sort();
  return {
    applicable: muxRows.length > 0,
    templateDates,
    recordedDate,
    recordedBy: recorded?.recordedBy ? { accountId: recorded.recordedBy.accountId, displayName: recorded.recordedBy.displayName } : null,
    owner: owner ? (input.users.get(owner) ?? { accountId: owner, displayName: owner }) : null,
    callerIsOwner: owner !== null && owner === input.caller.accountId,
    dateReached: ens.some((e) => e.due),
    earliestDate: ticketCreatedOn(input.preview),
    integrated: muxRows.length > 0 && muxRows.every((row) => isDone(row.status)),
    ens,
  };
}

/** Assisted mode: one step per ens to integrate by hand; a step stays once done, so it can be unticked. */
export function checklistSteps(input: ViewInput, rows: readonly RowView[]): ChecklistStep[] | null {
  const plan = input.preview.plan;
  if (!plan || input.preview.backendMode !== 'assisted') return null;
  const environment = new Map(plan.services.map((service) => [service.service, service.environment]));
  const steps: ChecklistStep[] = [];
  for (const row of rows) {
    if (!row.service || !row.codiEns) continue;
    if (!['pending', 'confirmed', 'integrated'].includes(row.status)) continue;
    const id = checklistStepId(row.service, row.codiEns);
    const mark = input.property.checklist[id];
    steps.push({
      id,
      service: row.service,
      environment: environment.get(row.service) ?? 'PRO',
      codiEns: row.codiEns,
      name: row.name ?? row.codiEns,
      nif: row.nif,
      dir3: row.dir3,
      done: mark?.done ?? false,
      doneBy: mark?.done ? { accountId: mark.by.accountId, displayName: mark.by.displayName } : null,
      doneAt: mark?.done ? mark.by.at : null,
    });
  }
  return steps.length > 0 ? steps : null;
}

export function checklistStepId(service: string, codiEns: string): string {
  return `${service}:${codiEns}`;
}

export function buildPanelState(input: ViewInput): PanelState {
  const { preview, caller, progress } = input;
  // A split's service ticket reads rows from files of the original that are not among its own.
  const planned = preview.plan ? [...preview.plan.services.flatMap((service) => service.rows), ...preview.plan.unassigned] : [];
  const rank = fileRank([...preview.attachments.map((attachment) => attachment.id), ...planned.map((row) => row.entity.attachmentId)]);
  const rows = markReplaced(
    inReadingOrder(planned, rank).map((row) => rowView(row, input, input.describe)),
    rank,
  );
  const statusOf = new Map(rows.map((row) => [row.id, row.status]));
  const plan = preview.plan;
  const current = preview.settings.certificate.current;
  const planView: PlanView | null = plan
    ? {
        computedAt: input.today,
        certificate: {
          status: plan.certificate,
          serialNumber: current?.serialNumber ?? null,
          sha256Fingerprint: current?.sha256Fingerprint ?? null,
          notAfter: current?.notAfter ?? null,
          expiresInDays: current && plan.certificate === 'valid' ? (expiryWarning(current, input.now)?.daysLeft ?? null) : null,
        },
        services: plan.services.map((service) => servicePlanView(service, caller.lang, input.users, statusOf)),
        unassignedRowIds: plan.unassigned.map((planned) => rowIdOf(planned.entity)),
        writes: describeWrites(input, rows),
      }
    : null;
  return {
    issueKey: caller.issueKey,
    lang: caller.lang,
    recognition: {
      recognised: preview.recognition.recognised,
      rule: preview.recognition.rule,
      label: preview.settings.recognition.label,
    },
    cloneOf: progress.cloneOf,
    attachments: preview.attachments.map((attachment) => ({
      id: attachment.id,
      fileName: attachment.fileName,
      status: attachment.status,
      message: attachment.reason,
      rowCount: attachment.rowCount,
    })),
    rows,
    plan: planView,
    run: progress.run,
    history: progress.history,
    siblings: progress.siblings,
    mux: muxView(input, rows),
    checklist: checklistSteps(input, rows),
  };
}
