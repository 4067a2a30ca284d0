/** Rows as the template reader returns them, built by code for the plan and report tests. */
import type { SourcedEntity } from '../../../src/domain/plan/types';
import type { Service } from '../../../src/domain/services';
import { defaultSettings, type Settings } from '../../../src/domain/settings';
import type { RowProblem } from '../../../src/domain/template/types';
import { sourcedEntity } from '../../fixtures/entities';

let row = 1;

export function entity(service: Service | null, overrides: Partial<SourcedEntity> = {}): SourcedEntity {
  row += 1;
  return sourcedEntity({
    sheet: 'Ens',
    row,
    service,
    name: 'Abrera',
    codiEns: '0800180001',
    ine: '08001',
    nif: 'P0800100J',
    dir3: 'L01080018',
    attachmentId: '10',
    fileName: 'plantilla.xlsx',
    ...overrides,
  });
}

export function problem(code: RowProblem['code'], severity: 'error' | 'warning', field: RowProblem['field']): RowProblem {
  return { code, severity, field, column: null, value: null, params: {} };
}

/** A usable certificate: valid from 2025 to 2030 (the tests' clock says 2026). */
export function settingsWithCertificate(pem: string, fingerprint: string, patch: (s: Settings) => void = () => undefined): Settings {
  const settings = defaultSettings();
  settings.certificate.current = {
    pem,
    subject: 'CN=SETDIBA-AYTOS',
    issuer: 'CN=Test CA',
    serialNumber: '0A1B',
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2030-01-01T00:00:00.000Z',
    sha256Fingerprint: fingerprint,
    uploadedAt: '2026-01-01T00:00:00.000Z',
    uploadedBy: 'admin',
    inUseFrom: '2026-01-01T00:00:00.000Z',
    inUseUntil: null,
  };
  settings.services.MUX.ownerAccountId = 'mux-owner';
  patch(settings);
  return settings;
}
