/**
 * App storage (Forge `@forge/kvs` in production, in memory in tests and the sandbox).
 * Values are JSON; keys ≤ 500 characters; values ≤ 240 KiB.
 */
export interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Create-once: true when this call created the key, false when it already existed. */
  setIfAbsent(key: string, value: unknown): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Keys starting with a prefix, for listings such as the settings audit log. */
  list<T = unknown>(prefix: string, limit?: number): Promise<{ key: string; value: T }[]>;
  /** Secrets are stored apart and never listed; they must never reach a browser or a log. */
  getSecret(key: string): Promise<string | undefined>;
  setSecret(key: string, value: string): Promise<void>;
  deleteSecret(key: string): Promise<void>;
}
