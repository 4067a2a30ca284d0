/**
 * The SetDIBA CDA certificate as an admin uploads it (`.cer`, `.crt`, `.pem`): DER or PEM bytes → the
 * facts the app shows and sends to the integration backend. Parsing is Node's own X.509 parser
 * (`node:crypto` X509Certificate, i.e. OpenSSL); this file only decides what to accept.
 *
 * Files with several certificates: CAs often hand out the certificate together with its chain. We take
 * the one leaf (the only certificate that is not a CA) and add a note that the others were ignored. A
 * file with more than one leaf, or only CA certificates, is refused: guessing which certificate SetDIBA
 * meant would load the wrong one for every ens. A file containing a private key is refused outright, so
 * a key never ends up in the app's storage.
 */
import { X509Certificate } from 'node:crypto';
import { UserError } from './errors';
import type { StoredCertificate } from './settings';

/** A CDA certificate with its chain is a few KB; anything far larger is not what we asked for. */
export const MAX_CERTIFICATE_FILE_BYTES = 64 * 1024;
/** The warning starts this many days before expiry (issue 6). */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ParsedCertificate {
  /** Normalised PEM of the one certificate kept (never the chain, never a key). */
  pem: string;
  /** Distinguished name in the certificate's own order, e.g. "CN=SETDIBA-AYTOS, O=..., C=ES". */
  subject: string;
  issuer: string;
  /** Upper-case hex. */
  serialNumber: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** Upper-case hex pairs joined by ":". */
  sha256Fingerprint: string;
}

export type CertificateNote = { code: 'chain_ignored'; params: { ignored: number } };

export interface CertificateUpload {
  certificate: ParsedCertificate;
  notes: CertificateNote[];
}

export const CERTIFICATE_ERROR_CODES = [
  'certificate_empty',
  'certificate_too_large',
  'certificate_not_a_certificate',
  'certificate_contains_private_key',
  'certificate_ambiguous',
] as const;
export type CertificateErrorCode = (typeof CERTIFICATE_ERROR_CODES)[number];

export class CertificateError extends UserError {
  constructor(
    override readonly code: CertificateErrorCode,
    message: string,
    params: Readonly<Record<string, string | number>> = {},
  ) {
    super(code, message, params);
    this.name = 'CertificateError';
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

function distinguishedName(multiLine: string): string {
  return multiLine
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(', ');
}

function x509DateToIso(text: string): string {
  // Node 20 gives "Jan  1 00:00:00 2027 GMT" (validFromDate only exists from Node 22).
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new CertificateError('certificate_not_a_certificate', `Unreadable date ${text}`);
  return date.toISOString();
}

function describe(cert: X509Certificate): ParsedCertificate {
  return {
    pem: cert.toString().replace(/\r\n/g, '\n').trimEnd() + '\n',
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: x509DateToIso(cert.validFrom),
    notAfter: x509DateToIso(cert.validTo),
    sha256Fingerprint: cert.fingerprint256.toUpperCase(),
  };
}

function fromDer(der: Uint8Array): X509Certificate | null {
  try {
    return new X509Certificate(der);
  } catch {
    return null;
  }
}

/** Some Windows exports are base64 DER without the PEM armour lines. */
function bareBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

/** The certificates a file holds, in file order; throws CertificateError when it holds none. */
function certificatesIn(bytes: Uint8Array): X509Certificate[] {
  const direct = fromDer(bytes);
  // A DER file starts with an ASN.1 SEQUENCE; a PEM file is text. Only DER is tried as a whole.
  if (direct && bytes[0] === 0x30) return [direct];

  const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.some((block) => /PRIVATE KEY/.test(block[1] ?? ''))) {
    throw new CertificateError(
      'certificate_contains_private_key',
      'The file contains a private key; upload only the certificate (the public part)',
    );
  }
  const certificates = blocks
    .filter((block) => block[1] === 'CERTIFICATE' || block[1] === 'X509 CERTIFICATE')
    .map((block) => fromDer(Buffer.from((block[2] ?? '').replace(/\s+/g, ''), 'base64')));
  if (certificates.some((cert) => cert === null)) {
    throw new CertificateError('certificate_not_a_certificate', 'A CERTIFICATE block in the file cannot be read');
  }
  if (certificates.length > 0) return certificates as X509Certificate[];

  if (blocks.length === 0) {
    const der = bareBase64(text);
    const cert = der ? fromDer(der) : null;
    if (cert) return [cert];
  }
  throw new CertificateError('certificate_not_a_certificate', 'The file is not an X.509 certificate (.cer, .crt or .pem)');
}

/** Reads an uploaded certificate file. Throws CertificateError (a UserError) with a code the page shows. */
export function parseCertificateFile(bytes: Uint8Array): CertificateUpload {
  if (bytes.length === 0) throw new CertificateError('certificate_empty', 'The file is empty');
  if (bytes.length > MAX_CERTIFICATE_FILE_BYTES) {
    throw new CertificateError('certificate_too_large', 'The file is too large to be a certificate', {
      maxBytes: MAX_CERTIFICATE_FILE_BYTES,
    });
  }
  const all = certificatesIn(bytes);
  if (all.length === 1) return { certificate: describe(all[0] as X509Certificate), notes: [] };

  const leaves = all.filter((cert) => !cert.ca);
  if (leaves.length !== 1) {
    throw new CertificateError('certificate_ambiguous', 'The file holds several certificates and it is not clear which one to use', {
      certificates: all.length,
      leaves: leaves.length,
    });
  }
  return {
    certificate: describe(leaves[0] as X509Certificate),
    notes: [{ code: 'chain_ignored', params: { ignored: all.length - 1 } }],
  };
}

export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'not_yet_valid';

/** Whole days left until notAfter (0 on the last day, negative once expired). */
export function daysUntilExpiry(cert: Pick<ParsedCertificate, 'notAfter'>, now: Date): number {
  return Math.floor((Date.parse(cert.notAfter) - now.getTime()) / DAY_MS);
}

/** When the certificate is usable but within EXPIRY_WARNING_DAYS of its end: the days left and the date. */
export function expiryWarning(
  cert: Pick<ParsedCertificate, 'notBefore' | 'notAfter'>,
  now: Date,
): { daysLeft: number; expiresOn: string } | null {
  if (certificateStatus(cert, now) !== 'expiring') return null;
  return { daysLeft: daysUntilExpiry(cert, now), expiresOn: cert.notAfter.slice(0, 10) };
}

export function certificateStatus(cert: Pick<ParsedCertificate, 'notBefore' | 'notAfter'>, now: Date): CertificateStatus {
  const t = now.getTime();
  if (t < Date.parse(cert.notBefore)) return 'not_yet_valid';
  if (t > Date.parse(cert.notAfter)) return 'expired';
  if (Date.parse(cert.notAfter) - t <= EXPIRY_WARNING_DAYS * DAY_MS) return 'expiring';
  return 'valid';
}

export type IntegrationCertificateProblem =
  | 'certificate_missing'
  | 'certificate_unreadable'
  | 'certificate_expired'
  | 'certificate_not_yet_valid';

/**
 * Why the stored certificate cannot be used to integrate now, or null when it can (an expiring one
 * still can: the warning is the comment's job). The PEM is re-read so that a damaged stored document
 * blocks integration instead of sending a fingerprint that does not match the certificate.
 */
export function integrationCertificateProblem(
  stored: StoredCertificate | null,
  now: Date,
): IntegrationCertificateProblem | null {
  if (!stored) return 'certificate_missing';
  let reread: ParsedCertificate;
  try {
    reread = parseCertificateFile(Buffer.from(stored.pem, 'utf8')).certificate;
  } catch {
    return 'certificate_unreadable';
  }
  if (reread.sha256Fingerprint !== stored.sha256Fingerprint) return 'certificate_unreadable';
  const status = certificateStatus(reread, now);
  if (status === 'expired') return 'certificate_expired';
  if (status === 'not_yet_valid') return 'certificate_not_yet_valid';
  return null;
}

/** How many replaced certificates are remembered (the settings schema allows 20). */
export const MAX_PREVIOUS_CERTIFICATES = 20;

/**
 * The certificate block of settings that had none, after an admin uploads this file: what the sandbox,
 * `setdiba simulate` and the tests configure before the first request.
 */
export function firstCertificateUpload(
  file: Uint8Array,
  by: { accountId: string; at: Date },
): { current: StoredCertificate; previous: StoredCertificate[] } {
  return replaceCertificate({ current: null, previous: [] }, parseCertificateFile(file).certificate, by);
}

/**
 * The certificate block after an upload: the new certificate is current from now, the one it replaces
 * is kept with the dates it was in use (newest first). Uploading the current certificate again changes
 * nothing.
 */
export function replaceCertificate(
  block: { current: StoredCertificate | null; previous: StoredCertificate[] },
  uploaded: ParsedCertificate,
  by: { accountId: string; at: Date },
): { current: StoredCertificate; previous: StoredCertificate[] } {
  if (block.current && block.current.sha256Fingerprint === uploaded.sha256Fingerprint) {
    return { current: block.current, previous: block.previous };
  }
  const at = by.at.toISOString();
  const current: StoredCertificate = {
    ...uploaded,
    uploadedAt: at,
    uploadedBy: by.accountId,
    inUseFrom: at,
    inUseUntil: null,
  };
  // A certificate that comes back (a rollback to the old one) is not listed twice.
  const previous = block.previous.filter((old) => old.sha256Fingerprint !== uploaded.sha256Fingerprint);
  if (block.current) previous.unshift({ ...block.current, inUseUntil: at });
  return { current, previous: previous.slice(0, MAX_PREVIOUS_CERTIFICATES) };
}
