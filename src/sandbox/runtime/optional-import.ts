import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Loads a module of the app that may not exist yet in this checkout (the sandbox is built alongside the
 * app and must start whatever is there). A module that is missing, or whose exports do not have the
 * shape the sandbox needs, is reported with a reason instead of failing the start-up.
 *
 * `specifier` is relative to `src/` and has no extension.
 */
export async function optionalImport<T>(
  specifier: string,
  check: (module: Record<string, unknown>) => T | null,
  describe = `src/${specifier}`,
): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  const base = join(__dirname, '..', '..', specifier);
  if (!['.ts', '.js', '/index.ts', '/index.js'].some((ext) => existsSync(base + ext))) {
    return { ok: false, reason: `${describe} does not exist yet` };
  }
  try {
    const module = (await import(base)) as Record<string, unknown>;
    const value = check(module);
    return value === null ? { ok: false, reason: `${describe} does not export what the sandbox needs yet` } : { ok: true, value };
  } catch (error) {
    return { ok: false, reason: `${describe} could not be loaded: ${(error as Error).message}` };
  }
}
