/** Small fetch wrapper for the emulator conformance tests: who calls, what comes back. */
import type { JiraEmulator } from '../../src/emulator';

export interface Reply {
  status: number;
  headers: Headers;
  // The tests poke into Jira's JSON freely; each assertion says what it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function call(
  jira: JiraEmulator,
  as: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const init: RequestInit = {
    method,
    redirect: 'manual',
    headers: {
      accept: 'application/json',
      ...(as ? jira.authHeaders(as) : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
  const res = await fetch(`${jira.baseUrl}${path}`, init);
  const text = await res.text();
  let json: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') json = JSON.parse(text);
  return { status: res.status, headers: res.headers, json };
}

export function adf(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}
