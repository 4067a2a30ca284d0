/**
 * The internal results comment of one ticket, as batch runs and decision runs both build it: the
 * report it is made from, its body, and — when the whole table does not fit — the CSV of the complete
 * table, attached once beside it.
 */
import { expiryWarning } from '../../domain/certificate';
import type { CertificateStatus } from '../../domain/plan/types';
import { doc, paragraph, type AdfDoc } from '../../domain/report/adf';
import { fittedResultsComment } from '../../domain/report/results-fit';
import type { ReportContext, ServiceReport } from '../../domain/report/types';
import type { Settings } from '../../domain/settings';
import type { JiraUser } from '../../ports/jira';

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
 * The results comment's body for a report. Nothing is attached: JSM shows every attachment of a
 * request to the customer on the portal, and this table is internal (results, references). When the
 * body shows only part of the rows, and in any case, it says the complete table is downloadable from
 * the issue panel (panel function downloadResults, generated on demand).
 */
export function resultsSection(report: ServiceReport, internal: ReportContext): { body: AdfDoc } {
  const fitted = fittedResultsComment(report, internal, '');
  return { body: report.rows.length > 0 ? doc(...fitted.body.content, paragraph(internal.t('results.download'))) : fitted.body };
}
