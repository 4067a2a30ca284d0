/**
 * A demo SetDIBA CDA certificate for `setdiba simulate`, generated on the fly (no key material is
 * kept anywhere). Self-signed ECDSA, valid from yesterday for two years, with a subject that says it
 * is a demo. @peculiar/x509 is a development dependency, loaded only when a simulation needs it.
 */
import { webcrypto } from 'node:crypto';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEMO_CERTIFICATE_SUBJECT = "CN=SETDIBA-AYTOS, OU=Certificat Digital d'Aplicacio (DEMO), O=Diputacio de Barcelona (DEMO), C=ES";

export async function makeDemoCertificatePem(now: Date = new Date()): Promise<string> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  // Node's WebCrypto is the standard API; the library's parameter type names the DOM one.
  x509.cryptoProvider.set(webcrypto as never);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = await webcrypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
    name: DEMO_CERTIFICATE_SUBJECT,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 730 * DAY_MS),
    signingAlgorithm: algorithm,
    keys: keys as never,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  });
  return certificate.toString('pem');
}
