/**
 * The run-state store keeps a batch's open rows in the KVS when they do not fit in Jira's issue property,
 * and every reader gets them back in `open`. A small ticket's state never touches the KVS.
 */
import { MemoryKeyValueStore } from '../../../src/adapters/memory/memory-key-value-store';
import { emptyRunState, openRowKey, RUN_PROPERTY, type BatchState, type RunState } from '../../../src/domain/run-state';
import type { JiraPort } from '../../../src/ports/jira';
import { readRunState, writeRunState } from '../../../src/usecases/process-ticket/run-state-store';

const ISSUE = 'SUP-7';
const JIRA_PROPERTY_MAX_CHARS = 32_768;

/** 0800010001, 0800010002, …: distinct ten-digit codis d'ens. */
const codis = (count: number) => Array.from({ length: count }, (_, i) => `08${String(i).padStart(8, '0')}`);

function ticketWith(open: BatchState['open']): RunState {
  const batch: BatchState = { id: 'batch:one', attachmentIds: ['10001'], steps: ['clones'], done: true, open };
  return { ...emptyRunState(), state: 'review', batches: [batch] };
}

/** An issue property on one ticket, and the order of every write to Jira and the KVS. */
function stores() {
  const log: string[] = [];
  let property: unknown = null;
  const kvs = new MemoryKeyValueStore();
  const counted = {
    get: (key: string) => (log.push(`kvs.get ${key}`), kvs.get(key)),
    set: (key: string, value: unknown) => (log.push('kvs.set'), kvs.set(key, value)),
    delete: (key: string) => (log.push('kvs.delete'), kvs.delete(key)),
    list: (prefix: string, limit?: number) => (log.push('kvs.list'), kvs.list(prefix, limit)),
  };
  const jira = {
    getIssueProperty: async (key: string, name: string) => (key === ISSUE && name === RUN_PROPERTY ? structuredClone(property) : null),
    setIssueProperty: async (key: string, name: string, value: unknown) => {
      const text = JSON.stringify(value);
      if (text.length > JIRA_PROPERTY_MAX_CHARS) throw Object.assign(new Error('The property value is too long.'), { status: 400 });
      log.push('jira.setIssueProperty');
      property = JSON.parse(text);
    },
  };
  const store = { jira: jira as unknown as JiraPort, kvs: Object.assign(Object.create(kvs) as MemoryKeyValueStore, counted), clock: { now: () => new Date('2027-03-15T09:00:00Z') } };
  return { store, log, kvs, property: () => property as RunState, setProperty: (value: unknown) => void (property = value) };
}

describe('the open rows of a batch in the run state', () => {
  it('stay in the property on a small ticket, with no KVS call', async () => {
    const s = stores();
    const open = { blocked: codis(40).map((c) => openRowKey('OVER', c)), failed: { ens_refused: [openRowKey('e-NOTUM', '0801930008')] } };
    await writeRunState(s.store, ISSUE, ticketWith(open));
    expect(s.property().batches[0]!.open).toEqual(open);
    expect(s.property().batches[0]!.openIn).toBeUndefined();
    expect((await readRunState(s.store, ISSUE))!.batches[0]!.open).toEqual(open);
    expect(s.log).toEqual(['jira.setIssueProperty']);
  });

  it('go to the KVS before the property when 5,000 rows do not fit, and come back on every read', async () => {
    const s = stores();
    const open = { blocked: codis(4_000).map((c) => openRowKey('OVER', c)), failed: { ens_refused: codis(1_000).map((c) => openRowKey('e-TAULER', c)) } };
    const written = await writeRunState(s.store, ISSUE, ticketWith(open));
    expect(s.log.slice(0, 2)).toEqual(['kvs.set', 'jira.setIssueProperty']);
    expect(JSON.stringify(s.property()).length).toBeLessThanOrEqual(JIRA_PROPERTY_MAX_CHARS);
    expect(s.property().batches[0]).toMatchObject({ open: { blocked: [], failed: {} }, openIn: { blocked: 4_000, failed: 1_000 } });
    // The caller goes on with the lists, and so does the next reader.
    expect(written.batches[0]!.open).toEqual(open);
    const read = (await readRunState(s.store, ISSUE))!;
    expect(read.batches[0]!.open).toEqual(open);
    // The run's end writes the same lists again: the property is written, the ~65 KB entry is not.
    const before = s.log.length;
    await writeRunState(s.store, ISSUE, { ...read, state: 'done' });
    expect(s.log.slice(before)).toContain('jira.setIssueProperty');
    expect(s.log.slice(before)).not.toContain('kvs.set');
    expect(s.property().state).toBe('done');
    expect((await readRunState(s.store, ISSUE))!.batches[0]!.open).toEqual(open);
  });

  it('leave the KVS when they fit again, and an entry the property does not point at is ignored', async () => {
    const s = stores();
    const many = { blocked: codis(3_000).map((c) => openRowKey('OVER', c)), failed: {} };
    await writeRunState(s.store, ISSUE, ticketWith(many));
    // Another entry of the same ticket (a write whose property never landed): not what the property says.
    await s.kvs.set(`setdiba:open-rows:${ISSUE}:stale`, { v: 1, batch: 'batch:one', blocked: { OVER: ['0800000001'] }, failed: {} });
    expect((await readRunState(s.store, ISSUE))!.batches[0]!.open).toEqual(many);

    const stored = (await readRunState(s.store, ISSUE))!;
    const fewer = { blocked: many.blocked.slice(0, 5), failed: {} };
    await writeRunState(s.store, ISSUE, { ...stored, batches: [{ ...stored.batches[0]!, open: fewer }] });
    expect(s.property().batches[0]!.open).toEqual(fewer);
    expect(s.property().batches[0]!.openIn).toBeUndefined();
    expect(await s.kvs.list(`setdiba:open-rows:${ISSUE}:`)).toEqual([]);
  });

  it('are read from the property written meanwhile when a run replaced the lists between the two reads', async () => {
    const s = stores();
    const first = { blocked: codis(3_000).map((c) => openRowKey('OVER', c)), failed: {} };
    await writeRunState(s.store, ISSUE, ticketWith(first));
    const before = structuredClone(s.property());
    const second = { blocked: first.blocked.slice(1), failed: {} };
    await writeRunState(s.store, ISSUE, ticketWith(second));
    const after = structuredClone(s.property());
    // The reader got the property before that write, and the lists after it (the old entry is gone).
    const reads = [before, after];
    const racing = { ...s.store, jira: { getIssueProperty: async () => reads.shift() ?? after } as unknown as JiraPort };
    expect((await readRunState(racing, ISSUE))!.batches[0]!.open).toEqual(second);
    expect(reads).toHaveLength(0);
  });
});
