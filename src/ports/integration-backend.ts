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
  | { result: 'already_integrated'; reference: string | null }
  /** Assisted mode: nothing was done remotely; the step goes into the agent's checklist comment. */
  | { result: 'pending_agent' }
  /** The backend refused this ens for a reason a person must fix (e.g. an unknown codi d'ens); not retried. */
  | { result: 'rejected'; code: string; reason: string };

export interface IntegrationBackend {
  readonly mode: 'assisted' | 'http';
  integrate(request: IntegrationRequest): Promise<IntegrationResult>;
}

/** What the settings page's "test connection" reports; `status` is the HTTP status when there was one. */
export type ConnectionCheck =
  | { ok: true }
  | {
      ok: false;
      problem: 'no_token' | 'unreachable' | 'timeout' | 'unauthorized' | 'not_found' | 'unexpected_response';
      status: number | null;
    };

/** Tries an endpoint and token that may not be saved yet (the admin tests before saving). */
export interface IntegrationBackendProbe {
  check(endpoint: string, token: string | null): Promise<ConnectionCheck>;
}
