/**
 * The HTTP integration backend's wire format, shared by the client (http-client.ts) and the reference
 * server (src/backend-reference). docs/integration-backend.openapi.yaml documents the same contract for
 * whoever builds the real backend; test/unit/backend checks the two agree.
 */
import { z } from 'zod';
import { SERVICES } from '../../domain/services';

export const INTEGRATIONS_PATH = '/integrations';
export const HEALTH_PATH = '/health';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set by the server on a repeated request answered from its idempotency record. */
export const REPLAY_HEADER = 'Idempotent-Replayed';

export const integrationRequestBodySchema = z.strictObject({
  issueKey: z.string().min(1).max(50),
  service: z.enum(SERVICES),
  environment: z.enum(['PRO', 'PRE']),
  codiEns: z.string().min(1).max(20),
  name: z.string().max(500),
  nif: z.string().max(20),
  dir3: z.string().max(20).nullable(),
  certificate: z.strictObject({
    serialNumber: z.string().min(1).max(100),
    sha256Fingerprint: z.string().min(1).max(200),
    pem: z.string().min(1).max(20_000),
  }),
});
export type IntegrationRequestBody = z.infer<typeof integrationRequestBodySchema>;

/** 200/201 (and the body of a 409). Unknown fields are allowed so the backend can add some. */
export const integrationResponseSchema = z.object({
  status: z.enum(['integrated', 'already_integrated']),
  reference: z.string().max(200).nullable().optional(),
});
export type IntegrationResponse = z.infer<typeof integrationResponseSchema>;

/** 4xx/5xx bodies; all optional because proxies in between answer with whatever they like. */
export const errorResponseSchema = z.object({
  code: z.string().max(100).optional(),
  message: z.string().max(2_000).optional(),
});

/** Codes of 422 answers that are about the request itself rather than about the ens. */
export const IDEMPOTENCY_KEY_REUSED = 'idempotency_key_reused';

export const healthResponseSchema = z.object({ status: z.literal('ok') });
