import { X509Certificate } from 'node:crypto';
import {
  CertificateError,
  certificateStatus,
  daysUntilExpiry,
  integrationCertificateProblem,
  parseCertificateFile,
  replaceCertificate,
  type ParsedCertificate,
} from '../../../src/domain/certificate';
import { storedCertificateSchema } from '../../../src/domain/settings';
import { makeCertificate, makeChain, type GeneratedCertificate } from '../../fixtures/certificates/generate';

const DAY = 24 * 60 * 60 * 1000;
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof CertificateError) return error.code;
    throw error;
  }
  return undefined;
}

let valid: GeneratedCertificate;
let expired: GeneratedCertificate;
const validFrom = new Date('2026-01-01T00:00:00Z');
const validTo = new Date('2028-01-01T00:00:00Z');

beforeAll(async () => {
  valid = await makeCertificate({
    subject: 'CN=SETDIBA-AYTOS, O=Diputacio de Barcelona, C=ES',
    serialNumber: '1a2b3c',
    notBefore: validFrom,
    notAfter: validTo,
  });
  expired = await makeCertificate({ notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') });
});

describe('reading an uploaded certificate', () => {
  it('reads a PEM file and shows subject, issuer, serial, validity and SHA-256 fingerprint', () => {
    const { certificate, notes } = parseCertificateFile(utf8(valid.pem));
    expect(notes).toEqual([]);
    expect(certificate.subject).toBe('CN=SETDIBA-AYTOS, O=Diputacio de Barcelona, C=ES');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.serialNumber).toBe('1A2B3C');
    expect(certificate.notBefore).toBe('2026-01-01T00:00:00.000Z');
    expect(certificate.notAfter).toBe('2028-01-01T00:00:00.000Z');
    expect(certificate.sha256Fingerprint).toBe(new X509Certificate(valid.der).fingerprint256);
    expect(certificate.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('reads the same certificate as DER (.cer) with the same result', () => {
    expect(parseCertificateFile(valid.der)).toEqual(parseCertificateFile(utf8(valid.pem)));
  });

  it('reads Windows line endings, a byte order mark and base64 without PEM armour', () => {
    const expected = parseCertificateFile(valid.der).certificate;
    expect(parseCertificateFile(utf8('\uFEFF' + valid.pem.replace(/\n/g, '\r\n'))).certificate).toEqual(expected);
    expect(parseCertificateFile(utf8(Buffer.from(valid.der).toString('base64'))).certificate).toEqual(expected);
  });

  it('keeps only the certificate, so the stored PEM is exactly one certificate', () => {
    const { certificate } = parseCertificateFile(utf8(`Bag Attributes\n${valid.pem}`));
    expect(certificate.pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    expect(certificate.pem).not.toContain('Bag Attributes');
  });

  it('produces a value the settings schema stores', () => {
    const { certificate } = parseCertificateFile(valid.der);
    const stored = { ...certificate, uploadedAt: validFrom.toISOString(), uploadedBy: 'a', inUseFrom: validFrom.toISOString(), inUseUntil: null };
    expect(storedCertificateSchema.parse(stored)).toEqual(stored);
  });

  it('reads an expired certificate (the page shows it as expired rather than refusing it)', () => {
    const { certificate } = parseCertificateFile(expired.der);
    expect(certificateStatus(certificate, new Date())).toBe('expired');
  });

  it('says clearly when a file is not a certificate', () => {
    expect(codeOf(() => parseCertificateFile(new Uint8Array()))).toBe('certificate_empty');
    expect(codeOf(() => parseCertificateFile(utf8('codi_ens;nif\n0801930008;P0801900B\n')))).toBe('certificate_not_a_certificate');
    // The start of an .xlsx file (a zip) uploaded by mistake.
    expect(codeOf(() => parseCertificateFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])))).toBe('certificate_not_a_certificate');
    // DER-looking bytes that are not a certificate.
    expect(codeOf(() => parseCertificateFile(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05])))).toBe('certificate_not_a_certificate');
    expect(codeOf(() => parseCertificateFile(utf8('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n')))).toBe(
      'certificate_not_a_certificate',
    );
    expect(codeOf(() => parseCertificateFile(new Uint8Array(70 * 1024).fill(0x41)))).toBe('certificate_too_large');
  });

  it('refuses a file with a private key in it, so a key is never stored', () => {
    expect(codeOf(() => parseCertificateFile(utf8(valid.pem + valid.privateKeyPem)))).toBe('certificate_contains_private_key');
    expect(codeOf(() => parseCertificateFile(utf8(valid.privateKeyPem)))).toBe('certificate_contains_private_key');
  });

  it('is a user error, reported rather than retried', () => {
    try {
      parseCertificateFile(utf8('hello'));
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(CertificateError);
      expect((error as Error).name).toBe('CertificateError');
    }
  });
});

describe('a PEM file with several certificates', () => {
  it('takes the one leaf, whatever the order, and notes that the chain was ignored', async () => {
    const { leaf, intermediate, root } = await makeChain({ subject: 'CN=SETDIBA-AYTOS' });
    for (const order of [
      [leaf, intermediate, root],
      [root, intermediate, leaf],
    ]) {
      const upload = parseCertificateFile(utf8(order.map((c) => c.pem).join('')));
      expect(upload.certificate.subject).toBe('CN=SETDIBA-AYTOS');
      expect(upload.certificate.issuer).toBe('CN=Test Issuing CA, O=Test');
      expect(upload.notes).toEqual([{ code: 'chain_ignored', params: { ignored: 2 } }]);
    }
  });

  it('refuses a file with two leaf certificates, since guessing could load the wrong one', async () => {
    const other = await makeCertificate({ subject: 'CN=Other' });
    expect(codeOf(() => parseCertificateFile(utf8(valid.pem + other.pem)))).toBe('certificate_ambiguous');
  });

  it('refuses a file with only CA certificates', async () => {
    const { intermediate, root } = await makeChain();
    expect(codeOf(() => parseCertificateFile(utf8(intermediate.pem + root.pem)))).toBe('certificate_ambiguous');
  });
});

describe('certificate status', () => {
  const cert = { notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2026-12-31T00:00:00.000Z' };
  it.each([
    ['2025-12-31T23:59:59Z', 'not_yet_valid'],
    ['2026-06-01T00:00:00Z', 'valid'],
    ['2026-11-30T23:59:59Z', 'valid'],
    ['2026-12-01T00:00:00Z', 'expiring'],
    ['2026-12-30T12:00:00Z', 'expiring'],
    ['2026-12-31T00:00:01Z', 'expired'],
  ])('at %s is %s', (now, status) => {
    expect(certificateStatus(cert, new Date(now))).toBe(status);
  });

  it('counts the days left', () => {
    expect(daysUntilExpiry(cert, new Date('2026-12-01T00:00:00Z'))).toBe(30);
    expect(daysUntilExpiry(cert, new Date('2027-01-02T00:00:00Z'))).toBeLessThan(0);
  });
});

describe('using the stored certificate to integrate', () => {
  const stored = (cert: ParsedCertificate) => ({
    ...cert,
    uploadedAt: '2026-01-02T00:00:00.000Z',
    uploadedBy: 'admin',
    inUseFrom: '2026-01-02T00:00:00.000Z',
    inUseUntil: null,
  });

  it('blocks a missing, expired, not yet valid or damaged certificate and allows a valid one', () => {
    const good = stored(parseCertificateFile(valid.der).certificate);
    const now = new Date('2027-06-01T00:00:00Z');
    expect(integrationCertificateProblem(good, now)).toBeNull();
    expect(integrationCertificateProblem(good, new Date('2027-12-20T00:00:00Z'))).toBeNull(); // expiring still works
    expect(integrationCertificateProblem(null, now)).toBe('certificate_missing');
    expect(integrationCertificateProblem(good, new Date('2028-02-01T00:00:00Z'))).toBe('certificate_expired');
    expect(integrationCertificateProblem(good, new Date('2025-06-01T00:00:00Z'))).toBe('certificate_not_yet_valid');
    expect(integrationCertificateProblem({ ...good, pem: good.pem.replace(/[A-Z]/, '!') }, now)).toBe('certificate_unreadable');
    expect(integrationCertificateProblem({ ...good, sha256Fingerprint: good.sha256Fingerprint.replace(/^../, '00') }, now)).toBe(
      'certificate_unreadable',
    );
  });
});

describe('renewing the certificate', () => {
  it('keeps the replaced certificate with the dates it was in use, newest first', async () => {
    const first = parseCertificateFile(valid.der).certificate;
    const second = parseCertificateFile((await makeCertificate({ subject: 'CN=SETDIBA-AYTOS 2' })).der).certificate;
    const t1 = new Date(Date.now() - 10 * DAY);
    const t2 = new Date();
    const afterFirst = replaceCertificate({ current: null, previous: [] }, first, { accountId: 'ana', at: t1 });
    expect(afterFirst.current).toMatchObject({ subject: first.subject, uploadedBy: 'ana', inUseFrom: t1.toISOString(), inUseUntil: null });
    expect(afterFirst.previous).toEqual([]);

    const afterSecond = replaceCertificate(afterFirst, second, { accountId: 'joan', at: t2 });
    expect(afterSecond.current.subject).toBe('CN=SETDIBA-AYTOS 2');
    expect(afterSecond.previous).toEqual([{ ...afterFirst.current, inUseUntil: t2.toISOString() }]);

    // The same file again changes nothing.
    expect(replaceCertificate(afterSecond, second, { accountId: 'pere', at: new Date() })).toEqual(afterSecond);
  });
});
