import { parseJsonText, type JiraResponse } from './transport';

/** The part of a WHATWG `Response` (and of Forge's APIResponse) the transports rely on. */
export interface FetchLikeResponse {
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Wraps a fetch-style response so its body can be read more than once (an error path may read the
 * JSON after a caller looked at the text) and so every transport exposes the same JiraResponse.
 */
export function bufferedResponse(response: FetchLikeResponse): JiraResponse {
  let body: Promise<Uint8Array> | undefined;
  const bytes = (): Promise<Uint8Array> => (body ??= response.arrayBuffer().then((buffer) => new Uint8Array(buffer)));
  const text = async (): Promise<string> => new TextDecoder().decode(await bytes());
  return {
    status: response.status,
    headers: { get: (name) => response.headers.get(name) },
    bytes,
    text,
    json: async () => parseJsonText(await text()),
  };
}
