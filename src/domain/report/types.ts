import type { Service } from '../services';
import type { CertificateStatus, EntityProblem, ReviewReason, SourcedEntity } from '../plan/types';

/** A lookup into the pipeline catalogue (src/i18n/catalog/pipeline.ts), bound to one language. */
/** Fills a message; a list (array) reads as the language joins lists ("A, B i C", "A, B y C"). */
export type Translate = (key: string, params?: Readonly<Record<string, string | number | readonly string[] | null | undefined>>) => string;

/** A problem explained for people in the translator's language (the reader's `describeProblem`). */
export type DescribeProblem = (problem: EntityProblem) => string;

export interface ReportContext {
  t: Translate;
  describe: DescribeProblem;
}

/** What finally happened to a row. */
export type RowResultKind =
  | 'integrated'
  | 'already'
  | 'waiting'
  | 'rejected'
  | 'muxPending'
  | 'blocked'
  | 'disabled'
  | 'checklist'
  | 'failed';

export interface RowResult {
  entity: SourcedEntity;
  result: RowResultKind;
  problems: readonly EntityProblem[];
  /** For `already`: the ticket that integrated it, or null when the backend said so. */
  where?: string | null;
  /** For `failed`: the backend's explanation (its own words, any language; shown only as a parameter). */
  detail?: string | null;
  /** For `failed`: the error code (the backend's, or the client's), explained through the catalogue. */
  code?: string | null;
}

export interface CertificateInfo {
  status: CertificateStatus;
  serialNumber: string | null;
  sha256Fingerprint: string | null;
  /** Set from 30 days before the end of a valid certificate, so the comment asks for the renewal in time. */
  expiring?: { daysLeft: number; expiresOn: string } | null;
}

export interface ServiceReport {
  service: Service;
  environment: 'PRO' | 'PRE';
  ticketKey: string;
  mode: 'assisted' | 'http';
  rows: readonly RowResult[];
  certificate: CertificateInfo;
  owner: { accountId: string; displayName: string | null } | null;
  reviewReasons: readonly ReviewReason[];
}
