import type { JiraIdentity, JiraRequest, JiraResponse, JiraTransport } from '../../../../src/adapters/jira/transport';
import { queryString } from '../../../../src/adapters/jira/transport';

export interface FakeAnswer {
  status: number;
  body?: unknown;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

type Handler = (request: JiraRequest) => FakeAnswer;

/**
 * A transport that answers from a script, keyed by "METHOD /path" (query excluded), and records what
 * the client sent. For unit tests of the JiraClient's mapping; the integration tests use the emulator.
 */
export class FakeTransport implements JiraTransport {
  readonly identity: JiraIdentity = { kind: 'app' };
  readonly sent: JiraRequest[] = [];
  private readonly routes = new Map<string, Handler[]>();

  /** Answers the next call of `METHOD path` (in order; the last answer repeats). */
  on(route: string, ...answers: (FakeAnswer | Handler)[]): this {
    this.routes.set(
      route,
      answers.map((answer) => (typeof answer === 'function' ? answer : () => answer)),
    );
    return this;
  }

  /** The full URL-ish form of each request, for assertions on encoding. */
  get urls(): string[] {
    return this.sent.map((r) => `${r.method} ${r.path}${queryString(r.query)}`);
  }

  async request(request: JiraRequest): Promise<JiraResponse> {
    this.sent.push(request);
    const handlers = this.routes.get(`${request.method} ${request.path}`);
    if (!handlers || handlers.length === 0) throw new Error(`FakeTransport: no answer for ${request.method} ${request.path}`);
    const handler = handlers.length > 1 ? (handlers.shift() as Handler) : (handlers[0] as Handler);
    const answer = handler(request);
    const bytes =
      answer.bytes ?? new TextEncoder().encode(answer.body === undefined ? '' : JSON.stringify(answer.body));
    const headers = new Map(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const text = new TextDecoder().decode(bytes);
    return {
      status: answer.status,
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
      bytes: async () => bytes,
      text: async () => text,
      json: async () => (text === '' ? null : JSON.parse(text)),
    };
  }
}

export const fixedClock = (iso = '2026-11-26T10:00:00Z') => ({ now: () => new Date(iso) });
