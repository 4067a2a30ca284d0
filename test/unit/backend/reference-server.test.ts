import { REFERENCE_BACKEND_TOKEN, startReferenceBackend, type ReferenceBackend } from '../../../src/backend-reference/server';

const body = {
  issueKey: 'SUP-1',
  service: 'OVER',
  environment: 'PRO',
  codiEns: '0801930008',
  name: 'Ajuntament de Barcelona',
  nif: 'P0801900B',
  dir3: null,
  certificate: { serialNumber: '01', sha256Fingerprint: 'AA:BB', pem: 'pem' },
};

let server: ReferenceBackend;
beforeAll(async () => {
  server = await startReferenceBackend({
    alreadyIntegrated: [{ service: 'OVER', environment: 'PRO', codiEns: '0801870005', certificateFingerprint: 'aa:bb', reference: 'OLD-1' }],
  });
});
afterAll(() => server.stop());

async function post(payload: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}/integrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${REFERENCE_BACKEND_TOKEN}`, ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

describe('reference integration backend', () => {
  it('listens on loopback only', () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('requires an Idempotency-Key and a body that follows the contract', async () => {
    expect((await post(body)).body).toMatchObject({ code: 'idempotency_key_required' });
    expect((await post('{', { 'Idempotency-Key': 'a' })).body).toMatchObject({ code: 'invalid_json' });
    const invalid = await post({ ...body, service: 'EACAT' }, { 'Idempotency-Key': 'a' });
    expect(invalid.status).toBe(400);
    expect(invalid.body['message']).toMatch(/service/);
    expect(server.integrations).toHaveLength(0);
  });

  it('answers a repeat with the first answer, whatever the key order of the JSON', async () => {
    const first = await post(body, { 'Idempotency-Key': 'k1' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const repeat = await post(reordered, { 'Idempotency-Key': 'k1' });
    expect(repeat.status).toBe(first.status);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(server.integrations.filter((i) => i.idempotencyKey === 'k1')).toHaveLength(1);
  });

  it('knows the integrations it was seeded with, whatever the fingerprint\'s case', async () => {
    const answer = await post({ ...body, codiEns: '0801870005' }, { 'Idempotency-Key': 'k2' });
    expect(answer).toMatchObject({ status: 409, body: { status: 'already_integrated', reference: 'OLD-1' } });
  });

  it('forgets everything on reset but the seeded integrations', async () => {
    server.reset();
    expect(server.integrations).toHaveLength(0);
    expect((await post(body, { 'Idempotency-Key': 'k1' })).status).toBe(201);
    expect((await post({ ...body, codiEns: '0801870005' }, { 'Idempotency-Key': 'k3' })).status).toBe(409);
  });
});
