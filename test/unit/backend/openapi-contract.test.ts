import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  HEALTH_PATH,
  IDEMPOTENCY_HEADER,
  integrationRequestBodySchema,
  integrationResponseSchema,
  INTEGRATIONS_PATH,
} from '../../../src/adapters/backend/wire';

/** The documented contract and the code's schemas must not drift apart. */
interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: {
    parameters: Record<string, { name: string; in: string; required: boolean }>;
    schemas: Record<string, { required?: string[]; properties: Record<string, { enum?: string[]; required?: string[]; properties?: Record<string, unknown> }> }>;
  };
}

const doc = parse(readFileSync(join(__dirname, '../../../docs/integration-backend.openapi.yaml'), 'utf8')) as OpenApiDoc;

describe('docs/integration-backend.openapi.yaml', () => {
  it('documents the routes and the Idempotency-Key header the client uses', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([HEALTH_PATH, INTEGRATIONS_PATH].sort());
    expect(doc.components.parameters['IdempotencyKey']).toMatchObject({ name: IDEMPOTENCY_HEADER, in: 'header', required: true });
    const responses = Object.keys(doc.paths[INTEGRATIONS_PATH]?.['post']?.responses ?? {});
    expect(responses).toEqual(expect.arrayContaining(['200', '201', '401', '409', '422', '429', '503']));
  });

  it('describes the same request body as the code sends and the reference server checks', () => {
    const schema = doc.components.schemas['IntegrationRequest'];
    const fields = Object.keys(integrationRequestBodySchema.shape);
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual([...fields].sort());
    expect([...(schema?.required ?? [])].sort()).toEqual([...fields].sort());
    expect(schema?.properties['service']?.enum).toEqual(integrationRequestBodySchema.shape.service.options);
    expect(Object.keys(schema?.properties['certificate']?.properties ?? {}).sort()).toEqual(
      Object.keys(integrationRequestBodySchema.shape.certificate.shape).sort(),
    );
  });

  it('describes the same success body the client accepts', () => {
    const schema = doc.components.schemas['IntegrationResponse'];
    expect(schema?.properties['status']?.enum).toEqual(integrationResponseSchema.shape.status.options);
  });
});
