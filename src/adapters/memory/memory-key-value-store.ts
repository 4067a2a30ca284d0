import type { KeyValueStore } from '../../ports/key-value-store';

/**
 * Forge KVS's limits, so a test fails here rather than in production. Sources (developer.atlassian.com):
 * storage-reference/handling-errors-kvs (KEY_TOO_LONG 500, INVALID_KEY regex, MAX_SIZE, MAX_DEPTH) and
 * limits-kvs-ce (value 240 KiB, secret 128 KiB). The error pages give the depth limit as 32; Forge
 * stores a value inside its own record, so the value itself may nest 31 levels.
 */
export const KVS_LIMITS = {
  maxKeyLength: 500,
  keyPattern: /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/,
  maxValueBytes: 240 * 1024,
  maxSecretBytes: 128 * 1024,
  maxDepth: 31,
} as const;

/** Why Forge would refuse this key, or null. */
export function kvsKeyProblem(key: string): string | null {
  if (key.length === 0 || key.length > KVS_LIMITS.maxKeyLength) return `must be 1–${KVS_LIMITS.maxKeyLength} characters`;
  if (!KVS_LIMITS.keyPattern.test(key)) return `must match ${String(KVS_LIMITS.keyPattern)}`;
  return null;
}

function checkKey(key: string): void {
  const problem = kvsKeyProblem(key);
  if (problem) throw new Error(`KVS key ${JSON.stringify(key.slice(0, 60))} ${problem}`);
}

/** Nesting of objects and arrays: a scalar is 0, `{}` and `[]` are 1, `{ a: [1] }` is 2. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Values go through JSON like they do in Forge, so callers cannot rely on sharing object identity. */
function serialise(key: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error(`KVS value for ${key} is not JSON`);
  const bytes = utf8Length(json);
  if (bytes > KVS_LIMITS.maxValueBytes) throw new Error(`KVS value for ${key} is ${bytes} bytes; the limit is ${KVS_LIMITS.maxValueBytes}`);
  // Measured on the JSON copy: what Forge receives, without cycles or functions.
  const depth = depthOf(JSON.parse(json));
  if (depth > KVS_LIMITS.maxDepth) throw new Error(`KVS value for ${key} nests ${depth} levels; the limit is ${KVS_LIMITS.maxDepth}`);
  return json;
}

function checkSecret(key: string, value: string): void {
  const bytes = utf8Length(JSON.stringify(value));
  if (bytes > KVS_LIMITS.maxSecretBytes) throw new Error(`KVS secret ${key} is ${bytes} bytes; the limit is ${KVS_LIMITS.maxSecretBytes}`);
}

/** KeyValueStore in memory (tests, the sandbox, `setdiba simulate`). */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly values = new Map<string, string>();
  private readonly secrets = new Map<string, string>();

  async get<T = unknown>(key: string): Promise<T | undefined> {
    checkKey(key);
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
    checkKey(key);
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
    checkKey(key);
    return this.secrets.get(key);
  }

  async setSecret(key: string, value: string): Promise<void> {
    checkKey(key);
    checkSecret(key, value);
    this.secrets.set(key, value);
  }

  async deleteSecret(key: string): Promise<void> {
    checkKey(key);
    this.secrets.delete(key);
  }

  /** Every plain key and value, for tests that assert on what was stored (never secrets). */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries([...this.values].map(([key, json]) => [key, JSON.parse(json) as unknown]));
  }
}
