/**
 * Whether the SetDIBA CDA certificate in the settings can be used for an integration now, in the
 * plan's terms. The decision itself is certificate.ts's (it re-reads the PEM so a damaged document
 * blocks integration instead of sending a fingerprint that does not match).
 */
import { integrationCertificateProblem } from '../certificate';
import type { CertificateStatus, StoredCertificateView } from './types';

const BY_PROBLEM = {
  certificate_missing: 'missing',
  certificate_unreadable: 'unreadable',
  certificate_expired: 'expired',
  certificate_not_yet_valid: 'not-yet-valid',
} as const;

export function certificateStatus(certificate: StoredCertificateView | null, now: Date): CertificateStatus {
  const problem = integrationCertificateProblem(certificate, now);
  return problem ? BY_PROBLEM[problem] : 'valid';
}
