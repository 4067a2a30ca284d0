/**
 * Search, filters and pages over the registry's entries. Pure: the same order for the same entries,
 * so page n+1 follows page n while nothing is written in between.
 */
import type { RegistryEntry, RegistryPage, RegistryQuery } from '../../contracts/registry';

/** Lower case without accents or punctuation runs, so "l'Hospitalet" finds "L’Hospitalet de Llobregat". */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function matcher(search: string | undefined): (entry: RegistryEntry) => boolean {
  const text = (search ?? '').trim();
  if (!text) return () => true;
  const digits = text.replace(/[\s.-]/g, '');
  if (/^\d+$/.test(digits)) {
    // Excel drops the leading zero of provinces below 10: 801930008 is codi 0801930008.
    return (entry) =>
      entry.codiEns.startsWith(digits) || entry.codiEns.startsWith(`0${digits}`) || (entry.ine ?? '').startsWith(digits) || (entry.ine !== null && `0${entry.ine}`.startsWith(digits));
  }
  const folded = foldName(text);
  return (entry) => entry.name !== null && foldName(entry.name).includes(folded);
}

function newestFirst(a: RegistryEntry, b: RegistryEntry): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  const byCodi = a.codiEns.localeCompare(b.codiEns);
  if (byCodi !== 0) return byCodi;
  return `${a.service}:${a.environment}:${a.ticket}`.localeCompare(`${b.service}:${b.environment}:${b.ticket}`);
}

export function filterRegistry(entries: readonly RegistryEntry[], query: RegistryQuery): RegistryPage {
  const matches = matcher(query.search);
  const found = entries
    .filter(
      (entry) =>
        (!query.service || entry.service === query.service) &&
        (!query.state || entry.state === query.state) &&
        (!query.environment || entry.environment === query.environment) &&
        matches(entry),
    )
    .sort(newestFirst);
  const start = query.page * query.pageSize;
  return { entries: found.slice(start, start + query.pageSize), total: found.length, page: query.page, pageSize: query.pageSize };
}
