/**
 * The registry as a file (CSV or XLSX): every entry the page's search and filters select, all pages,
 * in the caller's language, built by the resolver as the issue panel builds its results table.
 */
import type { RegistryEntry, RegistryExport, RegistryFile, RegistryState } from '../../contracts/registry';
import { csvText } from '../../domain/report/results-fit';
import type { Lang } from '../../i18n';
import { tRegistry, type RegistryMessageKey } from '../../i18n/catalog/registry';
import { assertAgent } from './authorize';
import type { RegistryCaller, RegistryDeps } from './deps';
import { filterRegistry } from './filter-registry';
import { readRegistry } from './read-registry';

/** Forge hands a Custom UI at most 5 MB from a resolver; the envelope and JSON need a little of it. */
export const MAX_EXPORT_BASE64_CHARS = 4_500_000;

/** The selected entries make a file larger than the page can receive: narrow the selection. */
export class RegistryExportTooLargeError extends Error {
  constructor(readonly rows: number) {
    super(`the registry export of ${rows} rows is too large for the page`);
    this.name = 'RegistryExportTooLargeError';
  }
}

function fitted(file: RegistryFile, limit: number): RegistryFile {
  if (file.contentBase64.length > limit) throw new RegistryExportTooLargeError(file.rows);
  return file;
}

export const STATE_KEYS: Record<RegistryState, RegistryMessageKey> = {
  integrated: 'state_integrated',
  already_integrated: 'state_already_integrated',
  in_progress: 'state_in_progress',
  waiting_confirmation: 'state_waiting_confirmation',
  waiting_production_date: 'state_waiting_production_date',
  blocked: 'state_blocked',
};

/** Header and rows of the exported table (pure). Dates stay ISO: a spreadsheet sorts them as they are. */
export function registryTable(entries: readonly RegistryEntry[], lang: Lang): { header: string[]; rows: string[][] } {
  const t = (key: RegistryMessageKey) => tRegistry(lang, key);
  const header = [t('colName'), t('colCodiEns'), t('colIne'), t('colService'), t('colEnvironment'), t('colState'), t('colDate'), t('colTicket'), t('colFingerprint')];
  const rows = entries.map((e) => [
    e.name ?? '',
    e.codiEns,
    e.ine ?? '',
    e.service,
    e.environment,
    t(STATE_KEYS[e.state]),
    e.date,
    e.ticket,
    e.certificateFingerprint ?? '',
  ]);
  return { header, rows };
}

export async function exportRegistry(deps: RegistryDeps, caller: RegistryCaller & { lang: Lang }, query: RegistryExport): Promise<RegistryFile> {
  await assertAgent(deps.jira, caller.projectKey);
  const entries = await readRegistry(deps.kvs, { environment: query.environment, service: query.service });
  const { format, ...filters } = query;
  const limit = deps.exportLimitChars ?? MAX_EXPORT_BASE64_CHARS;
  const selected = filterRegistry(entries, { ...filters, page: 0, pageSize: Math.max(1, entries.length) }).entries;
  const { header, rows } = registryTable(selected, caller.lang);
  const base = `SetDIBA-${caller.projectKey}-${tRegistry(caller.lang, 'fileName')}`;
  if (format === 'csv') {
    return fitted(
      { fileName: `${base}.csv`, mimeType: 'text/csv', contentBase64: Buffer.from(csvText([header, ...rows]), 'utf8').toString('base64'), rows: rows.length },
      limit,
    );
  }
  const bytes = await deps.tableWorkbook(tRegistry(caller.lang, 'pageTitle'), header, rows);
  const xlsx = {
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: Buffer.from(bytes).toString('base64'),
    rows: rows.length,
  };
  return fitted(xlsx, limit);
}
