import { kvs, ForgeKvsAPIError, WhereConditions } from '@forge/kvs';
import type { KeyValueStore } from '../../ports/key-value-store';

/** The largest page Forge KVS returns from one query. */
const QUERY_PAGE_LIMIT = 100;

/**
 * How KVS reports that a `FAIL_IF_EXISTS` key is taken. The @forge/kvs typings do not name the code;
 * Forge's storage answers 409 (code KEY_CONFLICT), so both are accepted.
 */
function isKeyTaken(error: unknown): boolean {
  return (
    error instanceof ForgeKvsAPIError &&
    (error.responseDetails.status === 409 || error.code === 'KEY_CONFLICT' || error.code === 'KEY_ALREADY_EXISTS')
  );
}

/** KeyValueStore on Forge's Key-Value Store (`@forge/kvs`, scope `storage:app`). */
export class ForgeKeyValueStore implements KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined> {
    return kvs.get<T>(key);
  }

  set(key: string, value: unknown): Promise<void> {
    return kvs.set(key, value);
  }

  async setIfAbsent(key: string, value: unknown): Promise<boolean> {
    try {
      // Atomic on Forge's side: of concurrent callers exactly one creates the key.
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
      return true;
    } catch (error) {
      if (isKeyTaken(error)) return false;
      throw error;
    }
  }

  delete(key: string): Promise<void> {
    return kvs.delete(key);
  }

  async list<T = unknown>(prefix: string, limit = QUERY_PAGE_LIMIT): Promise<{ key: string; value: T }[]> {
    const found: { key: string; value: T }[] = [];
    if (limit <= 0) return found;
    let cursor: string | undefined;
    do {
      let query = kvs
        .query()
        .where('key', WhereConditions.beginsWith(prefix))
        .limit(Math.min(QUERY_PAGE_LIMIT, limit - found.length));
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<T>();
      found.push(...page.results.map(({ key, value }) => ({ key, value })));
      cursor = page.nextCursor;
    } while (cursor && found.length < limit);
    return found;
  }

  getSecret(key: string): Promise<string | undefined> {
    return kvs.getSecret<string>(key);
  }

  setSecret(key: string, value: string): Promise<void> {
    return kvs.setSecret(key, value);
  }

  deleteSecret(key: string): Promise<void> {
    return kvs.deleteSecret(key);
  }
}
