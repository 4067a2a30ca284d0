/** The KVS adapter with @forge/kvs mocked: the calls it makes and how it reads KVS's answers. */
const kvs = {
  get: jest.fn(),
  set: jest.fn(),
  delete: jest.fn(),
  query: jest.fn(),
  getSecret: jest.fn(),
  setSecret: jest.fn(),
  deleteSecret: jest.fn(),
};

jest.mock('@forge/kvs', () => {
  const actual = jest.requireActual('@forge/kvs');
  return { __esModule: true, ...actual, kvs, default: kvs };
});

import { ForgeKvsAPIError, WhereConditions } from '@forge/kvs';
import { ForgeKeyValueStore } from '../../../../src/adapters/forge/kvs-key-value-store';

function conflict(status: number, code: string) {
  return new ForgeKvsAPIError({ status, statusText: 'Conflict' }, { code, message: 'key exists' });
}

/** A chainable kvs.query() over pages of results. */
function queryReturning(pages: { results: { key: string; value: unknown }[]; nextCursor?: string }[]) {
  const calls: { where?: unknown; limit?: number; cursor?: string }[] = [];
  kvs.query.mockImplementation(() => {
    const call: { where?: unknown; limit?: number; cursor?: string } = {};
    calls.push(call);
    const builder = {
      where: (_field: string, condition: unknown) => ((call.where = condition), builder),
      limit: (n: number) => ((call.limit = n), builder),
      cursor: (c: string) => ((call.cursor = c), builder),
      getMany: async () => pages.shift() ?? { results: [] },
    };
    return builder;
  });
  return calls;
}

beforeEach(() => Object.values(kvs).forEach((fn) => fn.mockReset()));

describe('ForgeKeyValueStore', () => {
  const store = new ForgeKeyValueStore();

  it('creates a create-once key with keyPolicy FAIL_IF_EXISTS and reports that it won', async () => {
    kvs.set.mockResolvedValue(undefined);
    await expect(store.setIfAbsent('lock:SUP-1:abc', { by: 'job-1' })).resolves.toBe(true);
    expect(kvs.set).toHaveBeenCalledWith('lock:SUP-1:abc', { by: 'job-1' }, { keyPolicy: 'FAIL_IF_EXISTS' });
  });

  it('reports false when the set fails and the key is there: another invocation holds it, whatever the code', async () => {
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    for (const error of [conflict(409, 'KEY_CONFLICT'), conflict(400, 'SOMETHING_UNDOCUMENTED'), new Error('opaque')]) {
      kvs.set.mockRejectedValueOnce(error);
      kvs.get.mockResolvedValueOnce({ by: 'job-0' });
      await expect(store.setIfAbsent('lock:SUP-1:abc', 1)).resolves.toBe(false);
    }
    expect(kvs.get).toHaveBeenCalledWith('lock:SUP-1:abc');
    // The code Forge used is logged, so the first deployed run tells which one it is.
    expect(info.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringMatching(/status 409, code KEY_CONFLICT.*conflict/),
      expect.stringMatching(/status 400, code SOMETHING_UNDOCUMENTED.*conflict/),
      expect.stringMatching(/Error: opaque.*conflict/),
    ]);
    info.mockRestore();
  });

  it('rethrows when the set fails and the key is absent, even with a conflict-looking code', async () => {
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const rateLimited = conflict(429, 'RATE_LIMIT_EXCEEDED');
    kvs.set.mockRejectedValueOnce(rateLimited);
    kvs.get.mockResolvedValueOnce(undefined);
    await expect(store.setIfAbsent('k', 1)).rejects.toBe(rateLimited);
    const lookalike = conflict(409, 'KEY_CONFLICT');
    kvs.set.mockRejectedValueOnce(lookalike);
    kvs.get.mockResolvedValueOnce(undefined);
    await expect(store.setIfAbsent('k', 1)).rejects.toBe(lookalike);
    expect(String(info.mock.calls[0]?.[0])).toMatch(/status 429, code RATE_LIMIT_EXCEEDED.*absent/);
    info.mockRestore();
  });

  it('rethrows the set error when the key cannot be read back either', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const down = conflict(500, 'INTERNAL_SERVER_ERROR');
    kvs.set.mockRejectedValueOnce(down);
    kvs.get.mockRejectedValueOnce(conflict(500, 'INTERNAL_SERVER_ERROR'));
    await expect(store.setIfAbsent('k', 1)).rejects.toBe(down);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('lists keys by prefix across pages, up to the limit', async () => {
    const calls = queryReturning([
      { results: [{ key: 'audit:1', value: 'a' }, { key: 'audit:2', value: 'b' }], nextCursor: 'c1' },
      { results: [{ key: 'audit:3', value: 'c' }] },
    ]);
    await expect(store.list('audit:', 3)).resolves.toEqual([
      { key: 'audit:1', value: 'a' },
      { key: 'audit:2', value: 'b' },
      { key: 'audit:3', value: 'c' },
    ]);
    expect(calls[0]?.where).toEqual(WhereConditions.beginsWith('audit:'));
    expect(calls[1]).toMatchObject({ cursor: 'c1', limit: 1 });
  });

  it('keeps secrets in the secret store', async () => {
    kvs.getSecret.mockResolvedValue('s3cret');
    await store.setSecret('cert:key', 'pem');
    await expect(store.getSecret('cert:key')).resolves.toBe('s3cret');
    await store.deleteSecret('cert:key');
    expect(kvs.setSecret).toHaveBeenCalledWith('cert:key', 'pem');
    expect(kvs.deleteSecret).toHaveBeenCalledWith('cert:key');
    expect(kvs.set).not.toHaveBeenCalled();
  });
});
