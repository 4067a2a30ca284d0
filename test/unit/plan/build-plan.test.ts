import { buildPlan, LABEL_MUX_PENDING, LABEL_REVIEW } from '../../../src/domain/plan/build-plan';
import { defaultSettings, type Settings } from '../../../src/domain/settings';
import { makeCertificate } from '../../fixtures/certificates/generate';
import { parseCertificateFile } from '../../../src/domain/certificate';
import { entity, problem, settingsWithCertificate } from './entities';

const NOW = new Date('2026-06-01T10:00:00Z');
let settings: Settings;

beforeAll(async () => {
  const cert = await makeCertificate({ notBefore: new Date('2025-01-01'), notAfter: new Date('2030-01-01') });
  const parsed = parseCertificateFile(Buffer.from(cert.pem)).certificate;
  settings = settingsWithCertificate(parsed.pem, parsed.sha256Fingerprint, (s) => {
    s.certificate.current = { ...s.certificate.current!, ...parsed };
  });
});

const plan = (entities: ReturnType<typeof entity>[], patch: Partial<Parameters<typeof buildPlan>[0]> = {}) =>
  buildPlan({ ticketKey: 'SUP-1', entities, unreadable: [], settings, now: NOW, existingTickets: {}, selfService: null, ...patch });

describe('one ticket per service', () => {
  it('keeps the first service in the order MUX, e-NOTUM, e-TAULER, OVER on the original and raises the others', () => {
    const p = plan([entity('OVER'), entity('e-NOTUM', { codiEns: '0800230008' }), entity('MUX', { codiEns: '0800390004' })]);
    expect(p.services.map((s) => [s.service, s.target.kind])).toEqual([
      ['MUX', 'self'],
      ['e-NOTUM', 'new'],
      ['OVER', 'new'],
    ]);
    expect(p.selfLabels).toEqual(expect.arrayContaining(['setdiba', 'setdiba-mux', LABEL_MUX_PENDING]));
  });

  it('raises a ticket for every service in umbrella mode and leaves the original as the umbrella', () => {
    const umbrella = { ...settings, splitMode: 'umbrella' as const };
    const p = plan([entity('e-TAULER'), entity('OVER')], { settings: umbrella });
    expect(p.services.every((s) => s.target.kind === 'new')).toBe(true);
    expect(p.selfLabels).toEqual(['setdiba']);
  });

  it('sends a later file\'s rows to the ticket that already holds the service', () => {
    const p = plan([entity('e-NOTUM'), entity('OVER')], { existingTickets: { 'e-NOTUM': 'SUP-1', OVER: 'SUP-7' } });
    expect(p.services.map((s) => s.target)).toEqual([{ kind: 'self' }, { kind: 'existing', key: 'SUP-7' }]);
  });

  it('keeps a clone\'s own service on the clone', () => {
    const p = plan([entity('OVER')], { selfService: 'OVER', ticketKey: 'SUP-9' });
    expect(p.services[0]?.target).toEqual({ kind: 'self' });
  });
});

describe('row decisions', () => {
  it('integrates rows without problems, waits on warnings, rejects errors', () => {
    const p = plan([
      entity('e-NOTUM'),
      entity('e-NOTUM', { codiEns: '0800230008', problems: [problem('name.mismatch', 'warning', 'name')] }),
      entity('e-NOTUM', { codiEns: '0800390004', valid: false, problems: [problem('nif.checksum', 'error', 'nif')] }),
    ]);
    expect(p.services[0]?.rows.map((r) => r.decision)).toEqual(['integrate', 'wait', 'reject']);
    expect(p.services[0]?.reviewReasons).toEqual(['waiting-confirmation']);
    expect(p.services[0]?.labels).toContain(LABEL_REVIEW);
  });

  it('never integrates MUX automatically and assigns it to the owner', () => {
    const p = plan([entity('MUX', { productionDate: '2026-07-01' })]);
    expect(p.services[0]?.rows[0]?.decision).toBe('mux-pending');
    expect(p.services[0]?.assignee).toBe('mux-owner');
    expect(p.services[0]?.labels).toContain(LABEL_MUX_PENDING);
  });

  it('asks for review when MUX has no owner', () => {
    const noOwner = { ...settings, services: { ...settings.services, MUX: { ...settings.services.MUX, ownerAccountId: null } } };
    const p = plan([entity('MUX')], { settings: noOwner });
    expect(p.services[0]?.reviewReasons).toContain('mux-owner-missing');
  });

  it('integrates in PRO by default and in the environment the settings give a service', () => {
    const pre = { ...settings, services: { ...settings.services, OVER: { ...settings.services.OVER, environment: 'PRE' as const } } };
    const p = plan([entity('e-NOTUM'), entity('OVER')], { settings: pre });
    expect(p.services.map((s) => s.environment)).toEqual(['PRO', 'PRE']);
  });

  it('blocks integration when the certificate is missing', () => {
    const blocked = structuredClone(settings);
    blocked.certificate.current = null;
    const p = plan([entity('OVER')], { settings: blocked });
    expect(p.certificate).toBe('missing');
    expect(p.services[0]?.rows[0]?.decision).toBe('blocked');
    expect(p.services[0]?.reviewReasons).toContain('certificate');
  });

  it('blocks integration with an expired certificate', async () => {
    const cert = await makeCertificate({ notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    const parsed = parseCertificateFile(Buffer.from(cert.pem)).certificate;
    const expired = structuredClone(settings);
    expired.certificate.current = { ...expired.certificate.current!, ...parsed };
    const p = plan([entity('OVER')], { settings: expired });
    expect(p.certificate).toBe('expired');
    expect(p.services[0]?.rows[0]?.decision).toBe('blocked');
  });

  it('rejects rows missing a column the settings require for the service', () => {
    const required = structuredClone(settings);
    required.services['e-TAULER'].requiredColumns = ['dir3'];
    const p = plan([entity('e-TAULER', { dir3: null })], { settings: required });
    expect(p.services[0]?.rows[0]?.decision).toBe('reject');
    expect(p.services[0]?.rows[0]?.problems.map((x) => x.code)).toEqual(['column.required']);
  });

  it('rejects an ens listed again by another file of the same batch', () => {
    const p = plan([entity('OVER'), entity('OVER', { attachmentId: '11', fileName: 'other.xlsx' })]);
    expect(p.services[0]?.rows.map((r) => r.decision)).toEqual(['integrate', 'reject']);
  });

  it('leaves rows without a service on the ticket for review', () => {
    const p = plan([entity(null, { valid: false, problems: [problem('service.missing', 'error', 'service')] })]);
    expect(p.services).toEqual([]);
    expect(p.unassigned).toHaveLength(1);
    expect(p.selfReviewReasons).toContain('no-service');
    expect(p.selfLabels).toContain(LABEL_REVIEW);
  });

  it('asks for review for unreadable files and missing templates', () => {
    expect(plan([], { unreadable: [{ attachmentId: '1', fileName: 'x.xlsx', code: 'file.unreadable', message: '' }] }).selfReviewReasons).toEqual([
      'unreadable-file',
    ]);
    expect(plan([], { noTemplate: true }).selfReviewReasons).toEqual(['no-template']);
  });

  it('works with the default settings (no certificate yet)', () => {
    const p = buildPlan({ ticketKey: 'SUP-1', entities: [entity('OVER')], unreadable: [], settings: defaultSettings(), now: NOW, existingTickets: {}, selfService: null });
    expect(p.certificate).toBe('missing');
  });
});
