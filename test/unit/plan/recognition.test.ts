import { recognise } from '../../../src/domain/plan/recognition';
import { ticketService } from '../../../src/domain/plan/ticket-service';
import { defaultSettings } from '../../../src/domain/settings';

const rules = defaultSettings().recognition;
const facts = (patch: Partial<Parameters<typeof recognise>[0]> = {}) => ({
  labels: [],
  organizations: [],
  requestTypeId: '1',
  reporter: { accountId: 'a', emailAddress: 'someone@example.org', locale: null, displayName: 'X' },
  ...patch,
});

describe('recognising a SetDIBA ticket', () => {
  it('by JSM organization, reporter domain or agent label', () => {
    expect(recognise(facts({ organizations: [{ id: '1', name: 'setdiba' }] }), rules)).toEqual({ recognised: true, rule: 'organization' });
    expect(recognise(facts({ reporter: { accountId: 'a', emailAddress: 'tic@Diba.cat', locale: null, displayName: 'X' } }), rules).rule).toBe('reporter-domain');
    expect(recognise(facts({ reporter: { accountId: 'a', emailAddress: 'tic@ajuntament.diba.cat', locale: null, displayName: 'X' } }), rules).rule).toBe('reporter-domain');
    expect(recognise(facts({ labels: ['setdiba'] }), rules).rule).toBe('label');
  });

  it('leaves any other ticket alone', () => {
    expect(recognise(facts(), rules).recognised).toBe(false);
    expect(recognise(facts({ reporter: { accountId: 'a', emailAddress: 'x@notdiba.cat', locale: null, displayName: 'X' } }), rules).recognised).toBe(false);
  });
});

describe('the service a ticket is about', () => {
  const settings = defaultSettings();
  it('comes from the summary or description when they name exactly one', () => {
    expect(ticketService({ requestTypeName: null, summary: 'Alta e-NOTUM', descriptionText: '' }, settings)).toBe('e-NOTUM');
    expect(ticketService({ requestTypeName: null, summary: 'Integració', descriptionText: 'Donar d\'alta a EACAT' }, settings)).toBe('OVER');
  });
  it('is unknown when several or none are named', () => {
    expect(ticketService({ requestTypeName: null, summary: 'Alta MUX i e-TAULER', descriptionText: '' }, settings)).toBeNull();
    expect(ticketService({ requestTypeName: null, summary: 'Integracions', descriptionText: '' }, settings)).toBeNull();
  });
});
