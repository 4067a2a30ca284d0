import type { Service } from '../domain/services';

export type Environment = 'PRO' | 'PRE';

/** One ens to authorise for one service with the SetDIBA CDA certificate. */
export interface IntegrationRequest {
  /** Stable per (ticket, service, ens): the backend must treat a repeat as the same request. */
  idempotencyKey: string;
  issueKey: string;
  service: Service;
  environment: Environment;
  codiEns: string;
  name: string;
  nif: string;
  dir3: string | null;
  certificate: { serialNumber: string; sha256Fingerprint: string; pem: string };
}

export type IntegrationResult =
  | { result: 'integrated'; reference: string | null }
  | { result: 'already_integrated'; reference: string | null };

export interface IntegrationBackend {
  readonly mode: 'assisted' | 'http';
  integrate(request: IntegrationRequest): Promise<IntegrationResult>;
}
