/**
 * What agents decide in the panel, kept on the ticket in the issue property `setdiba.panel`:
 * confirmations and rejections of held rows, the MUX go-live date SetDIBA gave, and the checklist steps
 * done by hand. The pipeline reads the decisions (confirmedRowIds, rejectedRows) on its next run.
 *
 * Decisions are stored in batches (one per click) rather than per row, so that 311 confirmed rows stay
 * far below the 32,768 characters an issue property may hold.
 */
import { z } from 'zod';
import type { MuxDates } from '../../domain/plan/mux-dates';
import type { JiraPort } from '../../ports/jira';

export const PANEL_PROPERTY = 'setdiba.panel';
/** Jira's limit is 32,768 characters; the margin keeps a write from failing at the limit. */
export const PANEL_PROPERTY_MAX_CHARS = 30_000;

const actorSchema = z.object({ accountId: z.string(), displayName: z.string(), at: z.string() });
export type Actor = z.infer<typeof actorSchema>;

const decisionBatchSchema = z.object({
  rowIds: z.array(z.string()),
  decision: z.enum(['confirm', 'reject']),
  reason: z.string().nullable(),
  by: actorSchema,
});
export type DecisionBatch = z.infer<typeof decisionBatchSchema>;

export const panelPropertySchema = z.object({
  version: z.literal(1),
  decisions: z.array(decisionBatchSchema),
  mux: z
    .object({
      /** The date for the MUX ens that have none (neither in the template nor chosen row by row). */
      date: z.iso.date().nullable(),
      recordedBy: actorSchema.nullable(),
      /** Dates an agent chose for named rows, replacing the template's (row id → date). */
      rowDates: z.record(z.string(), z.object({ date: z.iso.date(), by: actorSchema })).default({}),
      integrateRequestedBy: actorSchema.nullable(),
      /** The one ens the owner forced with the latest "integrate now", before its date, and why. */
      force: z.object({ rowId: z.string(), reason: z.string() }).nullable().default(null),
      /** The latest "integrate now" came from the daily watch (the project's setting), not from a click. */
      byWatch: z.boolean().optional(),
    })
    .nullable(),
  checklist: z.record(z.string(), z.object({ done: z.boolean(), by: actorSchema })),
});
export type PanelProperty = z.infer<typeof panelPropertySchema>;

export type PanelMux = NonNullable<PanelProperty['mux']>;

export function emptyPanelMux(): PanelMux {
  return { date: null, recordedBy: null, rowDates: {}, integrateRequestedBy: null, force: null };
}

/** The MUX dates the panel recorded, as the domain reads them (src/domain/plan/mux-dates.ts). */
export function panelMuxDates(property: PanelProperty): MuxDates {
  const rowDates: Record<string, string> = {};
  for (const [rowId, chosen] of Object.entries(property.mux?.rowDates ?? {})) rowDates[rowId] = chosen.date;
  return { defaultDate: property.mux?.date ?? null, rowDates };
}

export function emptyPanelProperty(): PanelProperty {
  return { version: 1, decisions: [], mux: null, checklist: {} };
}

export async function readPanelProperty(jira: JiraPort, issueKey: string): Promise<PanelProperty> {
  const stored = await jira.getIssueProperty(issueKey, PANEL_PROPERTY);
  if (stored === null) return emptyPanelProperty();
  const parsed = panelPropertySchema.safeParse(stored);
  // A value this version cannot read (a hand edit) must not block the panel; it is replaced on write.
  return parsed.success ? parsed.data : emptyPanelProperty();
}

export class PanelPropertyFullError extends Error {
  constructor() {
    super(`The issue property ${PANEL_PROPERTY} would exceed ${PANEL_PROPERTY_MAX_CHARS} characters`);
    this.name = 'PanelPropertyFullError';
  }
}

export async function writePanelProperty(jira: JiraPort, issueKey: string, value: PanelProperty): Promise<void> {
  const compacted = compactDecisions(value);
  if (JSON.stringify(compacted).length > PANEL_PROPERTY_MAX_CHARS) throw new PanelPropertyFullError();
  await jira.setIssueProperty(issueKey, PANEL_PROPERTY, compacted);
}

/** The latest decision per row wins; batches left with no row of their own are dropped. */
export function latestDecisions(property: PanelProperty): Map<string, DecisionBatch> {
  const latest = new Map<string, DecisionBatch>();
  for (const batch of property.decisions) for (const rowId of batch.rowIds) latest.set(rowId, batch);
  return latest;
}

function compactDecisions(property: PanelProperty): PanelProperty {
  const latest = latestDecisions(property);
  const decisions = property.decisions
    .map((batch) => ({ ...batch, rowIds: batch.rowIds.filter((rowId) => latest.get(rowId) === batch) }))
    .filter((batch) => batch.rowIds.length > 0);
  return { ...property, decisions };
}

/** For the pipeline: rows held for a warning that an agent confirmed, so the next run integrates them. */
export function confirmedRowIds(property: PanelProperty): Set<string> {
  const confirmed = new Set<string>();
  for (const [rowId, batch] of latestDecisions(property)) if (batch.decision === 'confirm') confirmed.add(rowId);
  return confirmed;
}

/** For the pipeline: rows an agent rejected, with the reason for the comment. */
export function rejectedRows(property: PanelProperty): Map<string, { reason: string | null; by: Actor }> {
  const rejected = new Map<string, { reason: string | null; by: Actor }>();
  for (const [rowId, batch] of latestDecisions(property)) {
    if (batch.decision === 'reject') rejected.set(rowId, { reason: batch.reason, by: batch.by });
  }
  return rejected;
}

export function rowIdOf(entity: { attachmentId: string; sheet: string; row: number }): string {
  return `${entity.attachmentId}:${entity.sheet}:${entity.row}`;
}
