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
    await expect(store.set('k'.repeat(500), 1)).resolves.toBeUndefined();
    await expect(store.set('big', 'x'.repeat(241 * 1024))).rejects.toThrow(/limit/);
    await expect(store.set('fits', 'x'.repeat(239 * 1024))).resolves.toBeUndefined();
  });

  it('refuses the keys Forge refuses: characters outside its set, blank keys, empty keys — on every call', async () => {
    const store = new MemoryKeyValueStore();
    for (const key of ['settings:SUP/1', 'clau:àcid', 'a|b', 'x?y', '   ', '']) {
      await expect(store.set(key, 1)).rejects.toThrow(/KVS key/);
      await expect(store.setIfAbsent(key, 1)).rejects.toThrow(/KVS key/);
      await expect(store.get(key)).rejects.toThrow(/KVS key/);
      await expect(store.setSecret(key, 's')).rejects.toThrow(/KVS key/);
    }
    // Everything in Forge's set is fine, spaces and '#' included.
    await expect(store.set('setdiba:clone:SUP-1:e-NOTUM #2 a_b.c', 1)).resolves.toBeUndefined();
  });

  it('refuses secrets over 128 KiB and values nested deeper than 31 levels', async () => {
    const store = new MemoryKeyValueStore();
    await expect(store.setSecret('cert:key', 'x'.repeat(129 * 1024))).rejects.toThrow(/secret.*limit/);
    await expect(store.setSecret('cert:key', 'x'.repeat(127 * 1024))).resolves.toBeUndefined();
    const nested = (levels: number): unknown => (levels === 0 ? 'leaf' : { child: nested(levels - 1) });
    await expect(store.set('deep', nested(31))).resolves.toBeUndefined();
    await expect(store.set('deeper', nested(32))).rejects.toThrow(/nests 32 levels/);
    await expect(store.setIfAbsent('deeper', [nested(31)])).rejects.toThrow(/levels/);
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
