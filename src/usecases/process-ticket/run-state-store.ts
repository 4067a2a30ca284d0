/**
 * The run state on the ticket (issue property `setdiba.run`), read tolerantly and written whole. A
 * batch's open rows too many for the property live in the KVS (domain/open-rows-spill.ts): written
 * before the property that points at them, read back here, so every reader sees its lists in `open`.
 * A small ticket's state makes no KVS call at all.
 */
import { kvsKeys } from '../../domain/idempotency';
import { decodeOpenRows, spilledOpenRowsSchema, spillOpenRows } from '../../domain/open-rows-spill';
import { RUN_PROPERTY, RUN_STATE_MAX_CHARS, emptyRunState, fitRunState, parseRunState, type RunState } from '../../domain/run-state';
import type { Clock } from '../../ports/clock';
import type { JiraPort } from '../../ports/jira';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { PipelineLog } from './deps';

export interface RunStateStore {
  jira: JiraPort;
  kvs: KeyValueStore;
  log?: PipelineLog;
}

export async function readRunState(store: RunStateStore, issueKey: string): Promise<RunState | null> {
  const read = async (reread: boolean) => runStateOf(store, await store.jira.getIssueProperty(issueKey, RUN_PROPERTY), issueKey, { reread });
  // A run may have replaced the property (and dropped the lists it pointed at) between the two reads:
  // the property read again points at the lists that are there.
  try {
    return await read(true);
  } catch (error) {
    if (!(error instanceof MissingOpenRows)) throw error;
    return read(false);
  }
}

class MissingOpenRows extends Error {}

/**
 * The run state from the property's stored value (read with the issue or on its own), its open rows
 * read back from the KVS where it says so; null: none yet.
 */
export async function runStateOf(
  store: RunStateStore,
  raw: unknown,
  issueKey: string,
  options: { reread?: boolean } = {},
): Promise<RunState | null> {
  if (raw === null || raw === undefined) return null;
  const state = parseRunState(raw);
  if (!state) {
    // A state this version cannot read is not taken as "nothing done": every step still finds its earlier
    // effect by its own key (clone by property, comments by key, integrations by registry).
    store.log?.warn('run state unreadable; continuing from lookups', { issueKey });
    return emptyRunState();
  }
  if (!state.batches.some((b) => b.openIn)) return state;
  const batches = await Promise.all(
    state.batches.map(async (batch) => {
      if (!batch.openIn) return batch;
      const parsed = spilledOpenRowsSchema.safeParse(await store.kvs.get(batch.openIn.key));
      if (parsed.success && parsed.data.batch === batch.id) return { ...batch, open: decodeOpenRows(parsed.data) };
      if (options.reread) throw new MissingOpenRows(batch.openIn.key);
      // Only a hand edit gets here (an entry is written before the property and dropped after it no
      // longer points there): the batch has nothing left to retry, as for an unreadable state.
      store.log?.warn('open rows of a batch not found in the KVS; taken as none', { issueKey, batch: batch.id, key: batch.openIn.key });
      return batch;
    }),
  );
  return { ...state, batches };
}

export async function writeRunState(
  store: Omit<RunStateStore, 'log'> & { clock: Pick<Clock, 'now'> },
  issueKey: string,
  state: RunState,
): Promise<RunState> {
  const stamped = { ...state, updatedAt: store.clock.now().toISOString() };
  const { property, entries } = spillOpenRows(issueKey, stamped, RUN_STATE_MAX_CHARS, fitRunState);
  // The lists first: a property that points at the KVS always finds them there.
  await Promise.all(entries.map((entry) => (state.batches.some((b) => b.openIn?.key === entry.key) ? null : store.kvs.set(entry.key, entry.value))));
  await store.jira.setIssueProperty(issueKey, RUN_PROPERTY, property);
  // Entries the property no longer points at (the lists changed, or fit in the property again).
  if (entries.length > 0 || state.batches.some((b) => b.openIn)) {
    const kept = new Set(entries.map((entry) => entry.key));
    const stale = (await store.kvs.list(kvsKeys.openRowsOf(issueKey), 100)).filter((entry) => !kept.has(entry.key));
    await Promise.all(stale.map((entry) => store.kvs.delete(entry.key)));
  }
  // What the callers go on with: the lists in `open`, and the markers of what is stored.
  const lists = new Map(stamped.batches.map((b) => [b.id, b.open]));
  return { ...property, batches: property.batches.map((b) => ({ ...b, open: lists.get(b.id) ?? b.open })) };
}
