import { kvs, ForgeKvsAPIError, WhereConditions } from '@forge/kvs';
import type { KeyValueStore } from '../../ports/key-value-store';

/** The largest page Forge KVS returns from one query. */
const QUERY_PAGE_LIMIT = 100;

/** What a failed KVS call said, for the log: the code Forge used is what the first deployment must confirm. */
function describeKvsError(error: unknown): string {
  if (error instanceof ForgeKvsAPIError) return `status ${error.responseDetails.status}, code ${error.code}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
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
      // Atlassian documents no error code for "the key exists" (409 KEY_CONFLICT comes from one blog),
      // so the key itself decides: present means another caller won; absent means a real failure.
      const seen = describeKvsError(error);
      let exists: boolean;
      try {
        exists = (await kvs.get(key)) !== undefined;
      } catch {
        console.warn(`kvs setIfAbsent ${key}: set failed (${seen}) and the key could not be read back`);
        throw error;
      }
      console.info(`kvs setIfAbsent ${key}: set failed (${seen}); key ${exists ? 'exists: conflict' : 'absent: rethrown'}`);
      if (exists) return false;
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
