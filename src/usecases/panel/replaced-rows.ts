/**
 * A corrected file lists again the ens the first file had wrong. Once it is read, the first file's row
 * for that ens no longer says anything about it: the later file's row does, whatever its status. The
 * panel shows the earlier row as replaced (not a problem, not "to correct"), so the agent is not told
 * something is still wrong. Pure.
 */
import type { RowView } from '../../contracts/panel';

type EnsRow = Pick<RowView, 'id' | 'attachmentId' | 'fileName' | 'service' | 'codiEns' | 'ine'>;

/**
 * The upload order of a ticket's files. Jira numbers attachments in the order they are added, so a
 * numeric id says which file came later; ids that are not numbers keep the order they are listed in.
 */
export function fileRank(attachmentIds: readonly string[]): (attachmentId: string) => number {
  const ids = [...new Set(attachmentIds)];
  const ordered = ids.every((id) => /^\d+$/.test(id)) ? [...ids].sort((a, b) => Number(a) - Number(b)) : ids;
  const rank = new Map(ordered.map((id, index) => [id, index]));
  return (attachmentId) => rank.get(attachmentId) ?? ordered.length;
}

/** An ens is named by its codi d'ens or its INE (a corrected file may fix either): both are keys. */
function ensKeys(row: EnsRow): string[] {
  if (!row.service) return [];
  const keys: string[] = [];
  if (row.codiEns) keys.push(`${row.service}:codi:${row.codiEns}`);
  if (row.ine) keys.push(`${row.service}:ine:${row.ine}`);
  return keys;
}

/** For each row a later file replaces, that file's row for the same ens and service (the latest one). */
export function replacedRows<R extends EnsRow>(rows: readonly R[], rank: (attachmentId: string) => number): Map<string, R> {
  const latest = new Map<string, R>();
  for (const row of rows) {
    for (const key of ensKeys(row)) {
      const seen = latest.get(key);
      if (!seen || rank(row.attachmentId) > rank(seen.attachmentId)) latest.set(key, row);
    }
  }
  const replaced = new Map<string, R>();
  for (const row of rows) {
    let by: R | undefined;
    for (const key of ensKeys(row)) {
      const candidate = latest.get(key);
      if (!candidate || rank(candidate.attachmentId) <= rank(row.attachmentId)) continue;
      if (!by || rank(candidate.attachmentId) > rank(by.attachmentId)) by = candidate;
    }
    if (by) replaced.set(row.id, by);
  }
  return replaced;
}

/** The rows as the panel shows them: a replaced row keeps its place under its file, with no problems. */
export function markReplaced(rows: readonly RowView[], rank: (attachmentId: string) => number): RowView[] {
  const replaced = replacedRows(rows, rank);
  return rows.map((row) => {
    const by = replaced.get(row.id);
    if (!by) return row;
    return { ...row, status: 'replaced', problems: [], replacedBy: { attachmentId: by.attachmentId, fileName: by.fileName, rowId: by.id } };
  });
}
