/**
 * What a scenario reports besides the site's issues: every request the integration backend received
 * with its answer (recorded on the wire, between the app and the reference backend, so requests the
 * backend refused are listed too), and each issue as its reporter sees it on the portal (read through
 * the REST API as the reporter: the emulator applies JSM's customer permissions).
 */
import type { FetchLike, FetchResponseLike } from '../../adapters/backend/http-client';
import { errorResponseSchema, integrationRequestBodySchema, INTEGRATIONS_PATH, REPLAY_HEADER } from '../../adapters/backend/wire';
import { adfToText } from '../../domain/report/adf';
import type { IntegrationSnapshot, IssueSnapshot } from '../simulate-report';
import type { SimulationWorld } from '../simulate-world';

export interface WireIntegration extends IntegrationSnapshot {
  /** The HTTP status the backend answered. */
  status: number;
  /** The backend answered from its idempotency record (a repeat, not a second integration). */
  replayed: boolean;
}

export interface CustomerView {
  comments: { text: string }[];
  attachments: string[];
}

export type ScenarioIssue = IssueSnapshot & { customerView: CustomerView | null };

function resultOf(status: number, body: string): string {
  if (status === 201) return 'integrated';
  if (status === 409) return 'already_integrated';
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON: the status says enough.
  }
  const error = errorResponseSchema.safeParse(parsed);
  if (status === 422 && !(error.success && error.data.code === 'idempotency_key_reused')) return 'rejected';
  return (error.success ? error.data.code : undefined) ?? `http_${status}`;
}

function jsonOrNull(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? 'null');
  } catch {
    return null;
  }
}

/** The app's fetch, recording each integration request and its answer into `into`. */
export function recordingFetch(into: WireIntegration[], inner: FetchLike = (url, init) => fetch(url, init)): FetchLike {
  return async (url, init) => {
    const isIntegration = init.method === 'POST' && new URL(url).pathname.endsWith(INTEGRATIONS_PATH);
    if (!isIntegration) return inner(url, init);
    const request = integrationRequestBodySchema.safeParse(jsonOrNull(init.body));
    const base = {
      issue: request.success ? request.data.issueKey : '',
      service: request.success ? request.data.service : '',
      environment: request.success ? request.data.environment : '',
      codiEns: request.success ? request.data.codiEns : '',
      certificateFingerprint: request.success ? request.data.certificate.sha256Fingerprint : '',
    };
    let response: FetchResponseLike;
    try {
      response = await inner(url, init);
    } catch (error) {
      into.push({ ...base, result: 'unreachable', status: 0, replayed: false });
      throw error;
    }
    const text = await response.text();
    into.push({ ...base, result: resultOf(response.status, text), status: response.status, replayed: response.headers.get(REPLAY_HEADER) === 'true' });
    return { status: response.status, headers: response.headers, text: async () => text };
  };
}

/** Null when the reporter cannot open the request at all (Jira answers 404, as for any hidden issue). */
export async function customerViewOf(world: SimulationWorld, issue: IssueSnapshot): Promise<CustomerView | null> {
  if (!issue.reporter) return null;
  const jira = world.jiraAs(issue.reporter);
  const seen = await jira.getIssue(issue.key);
  if (!seen) return null;
  const comments = await jira.getComments(issue.key);
  return {
    // The portal shows public comments only, whoever looks.
    comments: comments.filter((c) => c.public).map((c) => ({ text: adfToText(c.body) })),
    attachments: seen.attachments.map((a) => a.filename),
  };
}
