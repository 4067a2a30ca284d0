/**
 * The one seam between the JiraClient and the network. In Forge it is `requestJira` (which adds the
 * app's or the user's credentials); in tests, the sandbox and `setdiba simulate` it is `fetch` against
 * the local emulator. Everything above this interface is identical in both worlds.
 */

/** Who the request is made as: Forge's `asApp()` or `asUser()` (a resolver's current user). */
export type JiraIdentity = { kind: 'app' } | { kind: 'user'; accountId?: string };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * A request body. Multipart uploads (attachments) are a `FormData`; each transport turns it into
 * what its HTTP stack accepts.
 */
export type JiraRequestBody =
  | { json: unknown }
  | { bytes: Uint8Array; contentType: string }
  | { form: FormData };

export interface JiraRequest {
  method: HttpMethod;
  /** Path without query, every variable part already percent-encoded (see `encodedPath`). */
  path: string;
  /** Query parameters; undefined values are left out, arrays repeat the parameter. */
  query?: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
  headers?: Readonly<Record<string, string>>;
  body?: JiraRequestBody;
}

export interface JiraResponse {
  status: number;
  headers: { get(name: string): string | null };
  /** The body parsed as JSON; null for an empty body. */
  json(): Promise<unknown>;
  bytes(): Promise<Uint8Array>;
  text(): Promise<string>;
}

export interface JiraTransport {
  readonly identity: JiraIdentity;
  request(request: JiraRequest): Promise<JiraResponse>;
}

/**
 * Builds the path part of a route, percent-encoding every interpolated value, so that a key such as
 * `SUP-1/../x` can never change which resource is addressed.
 */
export function encodedPath(template: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  return template.reduce(
    (path, fragment, index) =>
      path + fragment + (index < values.length ? encodeURIComponent(String(values[index])) : ''),
    '',
  );
}

/** Serialises `query` the same way in every transport (so tests can compare URLs). */
export function queryString(query: JiraRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(name, item);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Reads a response body as JSON, treating an empty body (204, some 200s) as null. */
export function parseJsonText(text: string): unknown {
  return text.trim() === '' ? null : (JSON.parse(text) as unknown);
}
