import { MemoryKeyValueStore } from '../../../../src/adapters/memory/memory-key-value-store';

describe('MemoryKeyValueStore', () => {
  it('gives exactly one winner to concurrent create-once calls', async () => {
    const store = new MemoryKeyValueStore();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.setIfAbsent('lock:SUP-1', { attempt: i })));
    expect(results.filter(Boolean)).toHaveLength(1);
    await expect(store.get('lock:SUP-1')).resolves.toEqual({ attempt: results.indexOf(true) });
  });

  it('stores copies, as Forge serialises values: later changes to the object do not leak in', async () => {
    const store = new MemoryKeyValueStore();
    const value = { rows: [1] };
    await store.set('k', value);
    value.rows.push(2);
    await expect(store.get('k')).resolves.toEqual({ rows: [1] });
  });

  it('enforces Forge’s key and value limits', async () => {
    const store = new MemoryKeyValueStore();
    await expect(store.set('k'.repeat(501), 1)).rejects.toThrow(/500/);
    await expect(store.set('big', 'x'.repeat(241 * 1024))).rejects.toThrow(/limit/);
  });

  it('lists by prefix in key order, never including secrets', async () => {
    const store = new MemoryKeyValueStore();
    await store.set('audit:2', 'b');
    await store.set('audit:1', 'a');
    await store.set('other', 'x');
    await store.setSecret('audit:secret', 'hidden');
    await expect(store.list('audit:')).resolves.toEqual([
      { key: 'audit:1', value: 'a' },
      { key: 'audit:2', value: 'b' },
    ]);
    await expect(store.list('audit:', 1)).resolves.toHaveLength(1);
    await expect(store.getSecret('audit:secret')).resolves.toBe('hidden');
    await expect(store.get('audit:secret')).resolves.toBeUndefined();
    expect(store.snapshot()).not.toHaveProperty('audit:secret');
  });
});
