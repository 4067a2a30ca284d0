/** Calendar arithmetic on yyyy-mm-dd days (Europe/Madrid days, already computed by the caller). */
const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS);
}
