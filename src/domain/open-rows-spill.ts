/**
 * A batch's open rows kept outside the run state. Jira holds at most 32,768 characters in an issue
 * property, and a 5,000-row ticket whose certificate has expired has 5,000 open rows (some 95,000
 * characters); such a batch's lists go to the app's KVS (values ≤ 240 KiB) and the property keeps a
 * marker (`openIn`) with the entry's key and the counts. The key names the lists' content, so an entry
 * is never rewritten: a property always finds the lists it was written with, whatever came after.
 *
 * Stored per service (`{ OVER: ['0800180001', …] }`) rather than as `OVER:0800180001` keys: 5,000 rows
 * take some 65 KB.
 */
import { z } from 'zod';
import { idempotencyKey, kvsKeys } from './idempotency';
import type { BatchState, OpenRows, RunState } from './run-state';

/** Codis d'ens by service (the part of an open-row key before its first ':'). */
const byServiceSchema = z.record(z.string(), z.array(z.string()));
export const spilledOpenRowsSchema = z.object({
  v: z.literal(1),
  batch: z.string(),
  blocked: byServiceSchema,
  failed: z.record(z.string(), byServiceSchema),
});
export type SpilledOpenRows = z.infer<typeof spilledOpenRowsSchema>;

function group(keys: readonly string[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const key of keys) {
    const at = key.indexOf(':');
    const service = at < 0 ? '' : key.slice(0, at);
    (grouped[service] ??= []).push(at < 0 ? key : key.slice(at + 1));
  }
  return grouped;
}

const ungroup = (grouped: Record<string, string[]>): string[] =>
  Object.entries(grouped).flatMap(([service, codis]) => codis.map((codi) => (service === '' ? codi : `${service}:${codi}`)));

function encodeOpenRows(batch: string, open: OpenRows): SpilledOpenRows {
  return {
    v: 1,
    batch,
    blocked: group(open.blocked),
    failed: Object.fromEntries(Object.entries(open.failed).map(([code, keys]) => [code, group(keys)])),
  };
}

export function decodeOpenRows(value: SpilledOpenRows): OpenRows {
  return {
    blocked: ungroup(value.blocked),
    failed: Object.fromEntries(Object.entries(value.failed).map(([code, grouped]) => [code, ungroup(grouped)])),
  };
}

/** The entry's key: the ticket, and a digest of the batch and its lists. */
function spilledOpenRowsKey(issueKey: string, value: SpilledOpenRows): string {
  return kvsKeys.openRows(issueKey, idempotencyKey('open-rows', JSON.stringify(value)).slice('open-rows:'.length));
}

const openRowCounts = (open: OpenRows) => ({
  blocked: open.blocked.length,
  failed: Object.values(open.failed).reduce((n, rows) => n + rows.length, 0),
});

/** What a run state write stores: the property, and the KVS entries it points at (written first). */
export interface SpillPlan {
  property: RunState;
  entries: { key: string; value: SpilledOpenRows }[];
}

const inline = (batch: BatchState): BatchState => {
  const { openIn: _marker, ...rest } = batch;
  return rest;
};

/** Lists shorter than this (some 60 rows) stay in the property: spilling them would save little. */
const MIN_SPILLED_CHARS = 1_000;

/**
 * The state as the property stores it. A state that fits (every small ticket) is written as it is, its
 * lists inline. Otherwise the largest lists leave first, until the rest fits or none are left, so the
 * history is not trimmed for them; `fit` then trims what it always trimmed (history, applied decisions).
 */
export function spillOpenRows(issueKey: string, state: RunState, maxChars: number, fit: (state: RunState) => RunState): SpillPlan {
  let property: RunState = { ...state, batches: state.batches.map(inline) };
  const entries: SpillPlan['entries'] = [];
  const largest = property.batches
    .map((batch) => ({ batch, chars: JSON.stringify(batch.open).length }))
    .filter(({ chars }) => chars >= MIN_SPILLED_CHARS)
    .sort((a, b) => b.chars - a.chars);
  for (const { batch } of largest) {
    if (JSON.stringify(property).length <= maxChars) break;
    const value = encodeOpenRows(batch.id, batch.open);
    const key = spilledOpenRowsKey(issueKey, value);
    entries.push({ key, value });
    const marked: BatchState = { ...batch, open: { blocked: [], failed: {} }, openIn: { key, ...openRowCounts(batch.open) } };
    property = { ...property, batches: property.batches.map((b) => (b.id === batch.id ? marked : b)) };
  }
  return { property: fit(property), entries };
}
