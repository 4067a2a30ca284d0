import { RetryableError } from '../../domain/errors';
import { bufferedResponse } from '../jira/response';
import { queryString, type JiraIdentity, type JiraRequest, type JiraResponse, type JiraTransport } from '../jira/transport';

export interface FetchTransportOptions {
  /** The site, e.g. the emulator's `baseUrl` (`http://127.0.0.1:PORT`). */
  baseUrl: string;
  identity: JiraIdentity;
  /**
   * The credential that makes the emulator (or a real site with an API token) treat the request as
   * `identity`: sent as `Authorization: Bearer <token>`.
   */
  bearerToken?: string;
  /**
   * How the local emulator learns who is calling without tokens: a header naming the caller's
   * accountId (the emulator's `x-emulator-user`). `appAccountId` is the app user's account, used for
   * the `app` identity, as Forge's asApp() calls as the app user.
   */
  callerHeader?: { name: string; appAccountId: string };
  /** Extra headers sent on every request (e.g. an emulator test hook). */
  headers?: Readonly<Record<string, string>>;
  /** A request that takes longer is abandoned and reported as retryable. */
  timeoutMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

type FetchBody = NonNullable<Parameters<typeof fetch>[1]>['body'];

function encodeBody(body: JiraRequest['body']): { body?: FetchBody; contentType?: string } {
  if (!body) return {};
  if ('json' in body) return { body: JSON.stringify(body.json), contentType: 'application/json' };
  if ('bytes' in body) return { body: new Uint8Array(body.bytes), contentType: body.contentType };
  // fetch writes the multipart boundary into Content-Type itself.
  return { body: body.form };
}

/**
 * JiraTransport over `fetch`, for the local emulator, the sandbox and `setdiba simulate`. It behaves
 * like Forge's requestJira where that matters: redirects are returned, not followed, and a dropped
 * connection or a timeout is a RetryableError, as the platform would retry it.
 */
export class FetchJiraTransport implements JiraTransport {
  readonly identity: JiraIdentity;
  private readonly baseUrl: string;

  constructor(private readonly options: FetchTransportOptions) {
    this.identity = options.identity;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** The same site, as another identity (asApp vs asUser in Forge), with that identity's token if any. */
  withIdentity(identity: JiraIdentity, bearerToken?: string): FetchJiraTransport {
    return new FetchJiraTransport({ ...this.options, identity, bearerToken });
  }

  /** Shorthands mirroring Forge's `api.asApp()` / `api.asUser()`. */
  asApp(): FetchJiraTransport {
    return this.withIdentity({ kind: 'app' });
  }
  asUser(accountId: string): FetchJiraTransport {
    return this.withIdentity({ kind: 'user', accountId });
  }

  private callerHeaders(): Record<string, string> {
    const caller = this.options.callerHeader;
    if (!caller) return {};
    const accountId = this.identity.kind === 'app' ? caller.appAccountId : this.identity.accountId;
    // asUser() without an account has no one to stand for: send nothing, as an anonymous call.
    return accountId ? { [caller.name]: accountId } : {};
  }

  async request(request: JiraRequest): Promise<JiraResponse> {
    const { body, contentType } = encodeBody(request.body);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...this.options.headers,
      ...this.callerHeaders(),
      ...(contentType ? { 'Content-Type': contentType } : {}),
      ...(this.options.bearerToken ? { Authorization: `Bearer ${this.options.bearerToken}` } : {}),
      ...request.headers,
    };
    const url = `${this.baseUrl}${request.path}${queryString(request.query)}`;
    const fetchImpl = this.options.fetch ?? fetch;
    try {
      const response = await fetchImpl(url, {
        method: request.method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      return bufferedResponse(response);
    } catch (error) {
      throw new RetryableError(`Jira ${request.method} ${request.path} failed before an answer: ${String(error)}`, null, {
        cause: error,
      });
    }
  }
}
