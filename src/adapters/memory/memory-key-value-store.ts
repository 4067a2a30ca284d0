import type { KeyValueStore } from '../../ports/key-value-store';

/** Same limits as Forge KVS, so a test fails here rather than in production. */
const MAX_KEY_LENGTH = 500;
const MAX_VALUE_BYTES = 240 * 1024;

function checkKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw new Error(`KVS key must be 1–${MAX_KEY_LENGTH} characters: ${key.slice(0, 60)}…`);
}

/** Values go through JSON like they do in Forge, so callers cannot rely on sharing object identity. */
function serialise(key: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error(`KVS value for ${key} is not JSON`);
  const bytes = new TextEncoder().encode(json).length;
  if (bytes > MAX_VALUE_BYTES) throw new Error(`KVS value for ${key} is ${bytes} bytes; the limit is ${MAX_VALUE_BYTES}`);
  return json;
}

/** KeyValueStore in memory (tests, the sandbox, `setdiba simulate`). */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly values = new Map<string, string>();
  private readonly secrets = new Map<string, string>();

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const json = this.values.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    checkKey(key);
    this.values.set(key, serialise(key, value));
  }

  async setIfAbsent(key: string, value: unknown): Promise<boolean> {
    checkKey(key);
    // No await between the check and the write: concurrent callers in this process see one winner.
    if (this.values.has(key)) return false;
    this.values.set(key, serialise(key, value));
    return true;
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  async list<T = unknown>(prefix: string, limit = 100): Promise<{ key: string; value: T }[]> {
    return [...this.values.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort()
      .slice(0, limit)
      .map((key) => ({ key, value: JSON.parse(this.values.get(key) as string) as T }));
  }

  async getSecret(key: string): Promise<string | undefined> {
    return this.secrets.get(key);
  }

  async setSecret(key: string, value: string): Promise<void> {
    checkKey(key);
    this.secrets.set(key, value);
  }

  async deleteSecret(key: string): Promise<void> {
    this.secrets.delete(key);
  }

  /** Every plain key and value, for tests that assert on what was stored (never secrets). */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries([...this.values].map(([key, json]) => [key, JSON.parse(json) as unknown]));
  }
}
