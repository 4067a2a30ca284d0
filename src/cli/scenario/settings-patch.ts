/**
 * A settings patch as a scenario writes it ("same fields as the settings document"): objects merge
 * field by field, anything else (arrays included) replaces what was there.
 */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function mergePatch<T>(base: T, patch: Record<string, unknown>): T {
  if (!isPlainObject(base)) return patch as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    // JSON.parse makes "__proto__" an own key; copying it would replace the object's prototype.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergePatch(current, value) : value;
  }
  return merged as T;
}
