/**
 * Writes a demo SetDIBA CDA certificate (CN=SETDIBA-AYTOS, issued by a demo CA that says it is not real)
 * for the sandbox and for trying the settings page's upload by hand:
 *
 *   npx tsx scripts/make-test-certificate.ts [OUT_DIR] [--valid-days N]
 *
 * OUT_DIR defaults to .sandbox/certificates (ignored by git). It receives SETDIBA-AYTOS-DEMO.cer (DER, like
 * the real file), SETDIBA-AYTOS-DEMO.pem, and SETDIBA-AYTOS-DEMO-chain.pem (certificate + demo CA, to try
 * the "several certificates" path). Private keys are never written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeDemoSetdibaCertificate } from '../test/fixtures/certificates/generate';

function parseArgs(argv: readonly string[]): { outDir: string; validDays: number } {
  let outDir = '.sandbox/certificates';
  let validDays = 730;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--valid-days') {
      validDays = Number(argv[++i]);
      if (!Number.isInteger(validDays)) throw new Error('--valid-days takes a whole number of days');
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: tsx scripts/make-test-certificate.ts [OUT_DIR] [--valid-days N]');
      process.exit(0);
    } else {
      outDir = arg;
    }
  }
  return { outDir: resolve(outDir), validDays };
}

async function main(): Promise<void> {
  const { outDir, validDays } = parseArgs(process.argv.slice(2));
  const { certificate, ca } = await makeDemoSetdibaCertificate({ validDays });
  mkdirSync(outDir, { recursive: true });
  const files = {
    'SETDIBA-AYTOS-DEMO.cer': certificate.der,
    'SETDIBA-AYTOS-DEMO.pem': certificate.pem,
    'SETDIBA-AYTOS-DEMO-chain.pem': certificate.pem + ca.pem,
  };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(outDir, name), content);
    console.log(join(outDir, name));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
