/**
 * The internal results comment of one ticket, as batch runs and decision runs both build it: the
 * report it is made from, its body, and — when the whole table does not fit — the CSV of the complete
 * table, attached once beside it.
 */
import { expiryWarning } from '../../domain/certificate';
import type { CertificateStatus } from '../../domain/plan/types';
import type { AdfDoc } from '../../domain/report/adf';
import { fittedResultsComment, resultsCsv } from '../../domain/report/results-fit';
import type { ReportContext, ServiceReport } from '../../domain/report/types';
import type { Settings } from '../../domain/settings';
import type { JiraPort, JiraUser } from '../../ports/jira';
import { settleAll } from './settle';

export interface CsvUpload {
  key: string;
  fileName: string;
  content: string;
}

/**
 * One ticket's report: the rows and review reasons the run decided, with the certificate and (on the
 * MUX ticket) the owner from the settings. `muxOwner` is the owner's user as Jira gave it, for the name.
 */
export function serviceReport(
  settings: Settings,
  now: Date,
  muxOwner: JiraUser | null,
  parts: Omit<ServiceReport, 'certificate' | 'owner'> & { certificateStatus: CertificateStatus },
): ServiceReport {
  const { certificateStatus, ...rest } = parts;
  const certificate = settings.certificate.current;
  const muxOwnerId = settings.services.MUX.ownerAccountId;
  return {
    ...rest,
    certificate: {
      status: certificateStatus,
      serialNumber: certificate?.serialNumber ?? null,
      sha256Fingerprint: certificate?.sha256Fingerprint ?? null,
      expiring: certificate ? expiryWarning(certificate, now) : null,
    },
    owner: parts.service === 'MUX' && muxOwnerId ? { accountId: muxOwnerId, displayName: muxOwner?.displayName ?? null } : null,
  };
}

const RESULTS_CSV_PREFIX = 'SetDIBA-resultats-';

/**
 * Whether an attachment is one of the app's own results tables. They are spreadsheets to Jira (.csv), but
 * never a template: reading one back would report every ens of the table as a row to correct.
 */
export function isResultsCsvFileName(fileName: string): boolean {
  return fileName.startsWith(RESULTS_CSV_PREFIX) && fileName.toLowerCase().endsWith('.csv');
}

/**
 * The results comment's body for a report, and the CSV to attach when the body shows only part of the
 * table. The file is named after the run (batch or decision run id), so a re-run finds it by name.
 */
export function resultsSection(report: ServiceReport, internal: ReportContext, runId: string): { body: AdfDoc; csv: CsvUpload | null } {
  const fileName = `${RESULTS_CSV_PREFIX}${report.service}-${report.ticketKey}-${runId.slice(-8)}.csv`;
  const fitted = fittedResultsComment(report, internal, fileName);
  return {
    body: fitted.body,
    csv: fitted.partial ? { key: report.ticketKey, fileName, content: resultsCsv(report, internal) } : null,
  };
}

/**
 * Attaches each CSV unless a file of that name is already on its ticket. `knownNames` gives the
 * attachment names of the tickets the run already knows (the original, tickets raised just now); the
 * others are read from Jira.
 */
export async function attachCsvOnce(
  jira: JiraPort,
  uploads: readonly CsvUpload[],
  knownNames: ReadonlyMap<string, readonly string[]>,
): Promise<void> {
  await settleAll(
    uploads.map(async (upload) => {
      const names = knownNames.get(upload.key) ?? (await jira.getIssue(upload.key))?.attachments.map((a) => a.filename) ?? [];
      if (names.includes(upload.fileName)) return;
      await jira.addAttachment(upload.key, upload.fileName, new TextEncoder().encode(upload.content), 'text/csv');
    }),
  );
}
