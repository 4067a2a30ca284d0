/**
 * The plan processTicket would follow, computed without writing anything (the issue panel's
 * "Comprova"). It reads the ticket's spreadsheets the same way, except that files an earlier run
 * could not read, or died reading, are not parsed again here either.
 */
import { errorMessage } from '../domain/errors';
import { contentHash } from '../domain/idempotency';
import { buildPlan } from '../domain/plan/build-plan';
import { recognise, type Recognition } from '../domain/plan/recognition';
import type { Plan, ServicePlan, SourcedEntity, TicketFacts, UnreadableFile } from '../domain/plan/types';
import { SERVICES } from '../domain/services';
import { plannedRowId } from '../domain/plan/decisions';
import { emptyRunState, openReason, openRowKey, type RunState } from '../domain/run-state';
import type { Settings } from '../domain/settings';
import type { PipelineDeps } from './process-ticket/deps';
import { earlierUnreadableCode, readOptionsFor, templateAttachments } from './process-ticket/read-attachments';
import { readRunState } from './process-ticket/run-state-store';
import { loadTicket, projectKeyOf } from './process-ticket/ticket';

export interface AttachmentPreview {
  id: string;
  fileName: string;
  status: 'read' | 'unreadable' | 'produced';
  /** The file-level problem code when unreadable. */
  reason: string | null;
  rowCount: number;
}

export interface PreviewOutcome {
  facts: TicketFacts;
  recognition: Recognition;
  settings: Settings;
  state: RunState;
  /** Null when the ticket is not a SetDIBA ticket (nothing was read). */
  plan: Plan | null;
  attachments: AttachmentPreview[];
  /**
   * What the run would do with rows earlier runs already read: rows left blocked or failed (the next
   * run retries them, retry-run.ts) and rows settled (nothing more will be done with them unless an
   * agent decides). Row ids `<attachmentId>:<sheet>:<row>`. Rows of new files are in neither.
   */
  openRows: Map<string, { result: 'blocked' } | { result: 'failed'; code: string }>;
  settledRows: Set<string>;
}

export async function previewTicket(deps: PipelineDeps, issueKey: string): Promise<PreviewOutcome | null> {
  const [settings, ticket, stored] = await Promise.all([
    deps.loadSettings(projectKeyOf(issueKey)),
    loadTicket(deps.jira, issueKey),
    readRunState(deps, issueKey),
  ]);
  if (!ticket) return null;
  const state = stored ?? emptyRunState();
  const recognition = recognise(ticket.facts, settings.recognition);
  if (!recognition.recognised) {
    return { facts: ticket.facts, recognition, settings, state, plan: null, attachments: [], openRows: new Map(), settledRows: new Set() };
  }

  const { selfService, options } = readOptionsFor(ticket.facts, state, settings);
  const spreadsheets = templateAttachments(ticket.issue.attachments, deps.templates);
  const entities: SourcedEntity[] = [];
  const unreadable: UnreadableFile[] = [];
  const attachments: AttachmentPreview[] = [];
  for (const attachment of spreadsheets) {
    const known = state.attachments[attachment.id];
    const earlier = earlierUnreadableCode(known);
    if (earlier) {
      unreadable.push({ attachmentId: attachment.id, fileName: attachment.filename, code: earlier, message: '' });
      attachments.push({ id: attachment.id, fileName: attachment.filename, status: 'unreadable', reason: earlier, rowCount: 0 });
      continue;
    }
    if (known?.status === 'duplicate') continue;
    const bytes = await deps.jira.getAttachmentContent(attachment.id);
    if (known?.status === 'produced' || state.produced.includes(contentHash(bytes))) {
      attachments.push({ id: attachment.id, fileName: attachment.filename, status: 'produced', reason: null, rowCount: 0 });
      continue;
    }
    let code: string | null = null;
    let message = '';
    let rows = 0;
    try {
      const result = await deps.templates.read(bytes, attachment.filename, options);
      if (!result.readable || result.entities.length === 0) code = result.problems[0]?.code ?? 'file.no_rows';
      for (const entity of result.entities) entities.push({ ...entity, attachmentId: attachment.id, fileName: attachment.filename });
      rows = result.entities.length;
    } catch (error) {
      code = 'file.unreadable';
      message = errorMessage(error);
    }
    if (code) unreadable.push({ attachmentId: attachment.id, fileName: attachment.filename, code, message });
    attachments.push({ id: attachment.id, fileName: attachment.filename, status: code ? 'unreadable' : 'read', reason: code, rowCount: rows });
  }
  // Each batch is planned on its own, as its run planned it: a corrected file that lists an ens again is
  // a new batch, not a duplicate row of the first one.
  const plans = batchGroups(state, entities, unreadable).map((group) =>
    buildPlan({
      ticketKey: issueKey,
      entities: group.entities,
      unreadable: group.unreadable,
      settings,
      now: deps.clock.now(),
      existingTickets: state.tickets,
      selfService,
      noTemplate: spreadsheets.length === 0,
    }),
  );
  const plan = mergePlans(plans);
  const { openRows, settledRows } = earlierRows(state, entities);
  return { facts: ticket.facts, recognition, settings, state, plan, attachments, openRows, settledRows };
}

interface BatchGroup {
  entities: SourcedEntity[];
  unreadable: UnreadableFile[];
}

/** Rows and unreadable files by the batch that read them (earliest first), files not read yet last. */
function batchGroups(state: RunState, entities: readonly SourcedEntity[], unreadable: readonly UnreadableFile[]): BatchGroup[] {
  const order = [...state.batches.map((b) => b.id), NEW_FILES];
  const groups = new Map<string, BatchGroup>();
  const groupOf = (attachmentId: string): BatchGroup => {
    const batch = state.attachments[attachmentId]?.batch ?? NEW_FILES;
    const id = order.includes(batch) ? batch : NEW_FILES;
    const group = groups.get(id) ?? { entities: [], unreadable: [] };
    groups.set(id, group);
    return group;
  };
  for (const entity of entities) groupOf(entity.attachmentId).entities.push(entity);
  for (const file of unreadable) groupOf(file.attachmentId).unreadable.push(file);
  const sorted = order.flatMap((id) => groups.get(id) ?? []);
  return sorted.length > 0 ? sorted : [{ entities: [], unreadable: [] }];
}

const NEW_FILES = '';

/**
 * The plans of several batches as one: each service's rows together, its target and labels as the
 * latest batch planned them (the one a run would follow now), review reasons of any batch.
 */
function mergePlans(plans: readonly Plan[]): Plan {
  const latest = plans[plans.length - 1]!;
  if (plans.length === 1) return latest;
  const services = new Map<ServicePlan['service'], ServicePlan>();
  for (const plan of plans) {
    for (const sp of plan.services) {
      const earlier = services.get(sp.service);
      services.set(
        sp.service,
        earlier
          ? {
              ...sp,
              rows: [...earlier.rows, ...sp.rows],
              labels: [...new Set([...earlier.labels, ...sp.labels])],
              reviewReasons: [...new Set([...earlier.reviewReasons, ...sp.reviewReasons])],
            }
          : sp,
      );
    }
  }
  return {
    ...latest,
    services: SERVICES.flatMap((service) => services.get(service) ?? []),
    unassigned: plans.flatMap((p) => p.unassigned),
    unreadable: plans.flatMap((p) => p.unreadable),
    selfLabels: [...new Set(plans.flatMap((p) => p.selfLabels))],
    selfReviewReasons: [...new Set(plans.flatMap((p) => p.selfReviewReasons))],
  };
}

/** Rows of attachments a finished batch read: open (blocked or failed) or settled. */
function earlierRows(state: RunState, entities: readonly SourcedEntity[]): Pick<PreviewOutcome, 'openRows' | 'settledRows'> {
  const openRows: PreviewOutcome['openRows'] = new Map();
  const settledRows = new Set<string>();
  for (const entity of entities) {
    const batchId = state.attachments[entity.attachmentId]?.batch;
    const batch = batchId ? state.batches.find((b) => b.id === batchId && b.done) : undefined;
    if (!batch) continue;
    const id = plannedRowId(entity);
    const open = entity.service && entity.codiEns ? openReason(batch.open, openRowKey(entity.service, entity.codiEns)) : null;
    if (open) openRows.set(id, open);
    else settledRows.add(id);
  }
  return { openRows, settledRows };
}
