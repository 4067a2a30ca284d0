import api, { assumeTrustedRoute, FetchError, ProxyRequestError, type RequestInit } from '@forge/api';
import { RetryableError } from '../../domain/errors';
import { bufferedResponse } from '../jira/response';
import { queryString, type JiraIdentity, type JiraRequest, type JiraResponse, type JiraTransport } from '../jira/transport';

/**
 * Forge's RequestInit takes a string or an ArrayBuffer, not FormData; a WHATWG Response serialises
 * FormData to multipart bytes and tells us the boundary it chose.
 */
async function encodeBody(body: JiraRequest['body']): Promise<{ body?: string | ArrayBuffer; contentType?: string }> {
  if (!body) return {};
  if ('json' in body) return { body: JSON.stringify(body.json), contentType: 'application/json' };
  if ('bytes' in body) return { body: new Uint8Array(body.bytes).buffer, contentType: body.contentType };
  const multipart = new Response(body.form);
  return { body: await multipart.arrayBuffer(), contentType: multipart.headers.get('content-type') ?? undefined };
}

/**
 * JiraTransport over `api.asApp()` / `api.asUser()` `.requestJira`. Paths arrive already encoded by
 * the JiraClient (encodedPath), hence `assumeTrustedRoute` rather than the `route` template tag.
 */
export class RequestJiraTransport implements JiraTransport {
  constructor(readonly identity: JiraIdentity = { kind: 'app' }) {}

  async request(request: JiraRequest): Promise<JiraResponse> {
    const { body, contentType } = await encodeBody(request.body);
    const init: RequestInit = {
      method: request.method,
      headers: {
        Accept: 'application/json',
        ...(contentType ? { 'Content-Type': contentType } : {}),
        ...request.headers,
      },
      ...(body === undefined ? {} : { body }),
    };
    // asUser() without an argument is the user of this invocation (a resolver's caller). Passing an
    // accountId would ask Forge for impersonation, which needs a scope grant this app does not have;
    // the accountId in the identity is for transports that must name the caller (the emulator).
    const caller = this.identity.kind === 'app' ? api.asApp() : api.asUser();
    try {
      const response = await caller.requestJira(assumeTrustedRoute(`${request.path}${queryString(request.query)}`), init);
      return bufferedResponse(response);
    } catch (error) {
      // Network and egress-proxy failures are transient; anything else (NeedsAuthenticationError,
      // which prompts the user for consent; a disallowed route) must reach the caller unchanged.
      if (error instanceof FetchError || error instanceof ProxyRequestError) {
        throw new RetryableError(`Jira ${request.method} ${request.path} failed before an answer: ${error.message}`, null, {
          cause: error,
        });
      }
      throw error;
    }
  }
}

export const asAppTransport = (): RequestJiraTransport => new RequestJiraTransport({ kind: 'app' });
/** As the invocation's user; `accountId`, when known, only labels the identity (see request()). */
export const asUserTransport = (accountId?: string): RequestJiraTransport =>
  new RequestJiraTransport(accountId ? { kind: 'user', accountId } : { kind: 'user' });
