/**
 * What the pipeline plans with: the template reader's rows (src/domain/template) and the app settings
 * (src/domain/settings.ts), plus the ticket facts the use cases read from Jira.
 */
import type { Service } from '../services';

import type { Settings } from '../settings';
import type { RowProblem, TemplateEntity } from '../template/types';

export type Severity = 'error' | 'warning';

/**
 * A problem of a row: the reader's (RowProblem) or one the plan adds across files and settings:
 * `column.required` (a column the settings require for the service is empty) and
 * `entity.duplicate_in_batch` (another file of the same batch already lists the ens for the service).
 */
export type PlanProblem =
  | RowProblem
  | {
      field: string;
      /** decision.rejected: an agent rejected the row in the issue panel (params: reason, name). */
      code: 'column.required' | 'entity.duplicate_in_batch' | 'decision.rejected';
      severity: Severity;
      column: string | null;
      value: string | null;
      params: Readonly<Record<string, string | number>>;
    };
/** Kept for readability where any row problem will do. */
export type EntityProblem = PlanProblem;

/** One row of a template, as the reader validated it. */
export type PlanEntity = TemplateEntity;

/** A row and the attachment it came from. */
export interface SourcedEntity extends PlanEntity {
  attachmentId: string;
  fileName: string;
}

/** An attachment that could not be read as a template (broken, hostile, killed the parser, …). */
export interface UnreadableFile {
  attachmentId: string;
  fileName: string;
  /** A file-level problem code of the reader (file.unreadable, file.too_large, …) or `file.parse_died`. */
  code: string;
  /** Details for people (the reader's parameters or an error message), in no particular language. */
  message: string;
}

/** The settings the pipeline reads (src/domain/settings.ts). */
export type PipelineSettings = Settings;
export type StoredCertificateView = NonNullable<Settings['certificate']['current']>;

/** What the pipeline knows about the ticket it works on. */
export interface TicketFacts {
  key: string;
  projectKey: string;
  summary: string;
  descriptionText: string;
  labels: readonly string[];
  /** Who the ticket is assigned to now, so a re-run (and its preview) does not assign it again. */
  assigneeAccountId: string | null;
  serviceDeskId: string | null;
  requestTypeId: string | null;
  requestTypeName: string | null;
  reporter: { accountId: string; emailAddress: string | null; locale: string | null; displayName: string } | null;
  organizations: readonly { id: string; name: string }[];
  /** When the ticket was created (ISO), when Jira says: a MUX date before that day is refused. */
  createdAt?: string | null;
}

export type CertificateStatus = 'valid' | 'missing' | 'expired' | 'not-yet-valid' | 'unreadable';

/** What the plan decides for a row before anything is done. */
export type RowDecision =
  | 'integrate' // no problem: send to the integration backend
  | 'wait' // warnings only: an agent confirms first
  | 'reject' // at least one error: the requester corrects it
  | 'mux-pending' // MUX: the owner integrates once the production date is known
  | 'blocked' // the certificate is missing, unreadable or expired
  | 'service-disabled'; // the service is switched off in the settings

export interface PlannedRow {
  entity: SourcedEntity;
  decision: RowDecision;
  /** Problems that decided it, including those the plan adds (required columns, duplicates). */
  problems: readonly EntityProblem[];
}

export type ReviewReason =
  | 'no-service' // rows whose service nobody could tell
  | 'unreadable-file'
  | 'no-template' // no spreadsheet attached at all
  | 'no-rows' // spreadsheets without a single ens
  | 'waiting-confirmation'
  | 'certificate'
  | 'service-disabled'
  | 'mux-owner-missing'
  | 'integration-failed';

/** Where a service's rows go. */
export type ServiceTarget = { kind: 'self' } | { kind: 'existing'; key: string } | { kind: 'new' };

export interface ServicePlan {
  service: Service;
  target: ServiceTarget;
  environment: 'PRO' | 'PRE';
  rows: readonly PlannedRow[];
  labels: readonly string[];
  /** The MUX owner, when this is MUX. */
  assignee: string | null;
  reviewReasons: readonly ReviewReason[];
}

export interface Plan {
  ticketKey: string;
  splitMode: PipelineSettings['splitMode'];
  certificate: CertificateStatus;
  services: readonly ServicePlan[];
  /** Rows no service could be found for: they stay on this ticket for a person to look at. */
  unassigned: readonly PlannedRow[];
  unreadable: readonly UnreadableFile[];
  /** Labels for the ticket being processed itself (its own service's labels when it keeps one). */
  selfLabels: readonly string[];
  selfReviewReasons: readonly ReviewReason[];
}
