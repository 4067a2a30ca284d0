import type { ReferenceBackend } from '../../backend-reference/server';
import { REFERENCE_BACKEND_TOKEN } from '../../backend-reference/server';
import { firstCertificateUpload } from '../../domain/certificate';
import { backendTokenSecretKey, defaultSettings } from '../../domain/settings';
import { DEMO } from '../../emulator';
import { systemClock } from '../../ports/clock';
import type { KeyValueStore } from '../../ports/key-value-store';
import { saveSettings } from '../../usecases/settings/load-settings';
import { makeDemoSetdibaCertificate } from '../../../test/fixtures/certificates/generate';

/**
 * Configures project SUP the way an admin would before the first request: the MUX owner, the demo
 * SetDIBA CDA certificate, and the reference backend in http mode with its token. Saved through the
 * settings use case, so the page's audit log starts with this change and the pipeline reads it like
 * any saved configuration. Returns a line for the status page.
 */
export async function seedSettings(kvs: KeyValueStore, backend: ReferenceBackend): Promise<string> {
  const settings = defaultSettings();
  const { certificate } = await makeDemoSetdibaCertificate();
  const uploaded = firstCertificateUpload(Buffer.from(certificate.pem), { accountId: DEMO.users.admin, at: new Date() });
  settings.certificate = uploaded;
  settings.services.MUX.ownerAccountId = DEMO.users.muxOwner;
  settings.backend = { mode: 'http', endpoint: backend.baseUrl };
  await kvs.setSecret(backendTokenSecretKey(DEMO.projectKey), REFERENCE_BACKEND_TOKEN);
  const result = await saveSettings({ kvs, clock: systemClock }, { projectKey: DEMO.projectKey, input: settings, actor: DEMO.users.admin });
  if (!result.ok) throw new Error(`the sandbox's own settings were refused: ${JSON.stringify(result)}`);
  return `MUX owner ${DEMO.users.muxOwner}, demo certificate ${uploaded.current.serialNumber}, http backend ${backend.baseUrl}`;
}
