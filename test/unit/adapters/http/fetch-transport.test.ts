import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchJiraTransport } from '../../../../src/adapters/http/fetch-transport';
import { RetryableError } from '../../../../src/domain/errors';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A tiny HTTP server on 127.0.0.1 that records requests and answers from a function. */
async function startServer(answer: (seen: Seen, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(entry);
      answer(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    seen,
    baseUrl: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('FetchJiraTransport', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  afterEach(async () => server?.stop());

  it('sends the bearer token, JSON bodies and the query, and reads the answer', async () => {
    server = await startServer((_seen, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"id":"1"}');
    });
    const transport = new FetchJiraTransport({ baseUrl: server.baseUrl, identity: { kind: 'app' }, bearerToken: 'app-token' });
    const response = await transport.request({
      method: 'POST',
      path: '/rest/api/3/issue/SUP-1/comment',
      query: { expand: 'properties' },
      body: { json: { body: 'x' } },
    });
    expect(response.status).toBe(201);
    await expect(response.json()).resolves.toEqual({ id: '1' });
    const request = server.seen[0];
    expect(request?.url).toBe('/rest/api/3/issue/SUP-1/comment?expand=properties');
    expect(request?.headers.authorization).toBe('Bearer app-token');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body.toString()).toBe('{"body":"x"}');
  });

  it('acts as another user with that user’s token', async () => {
    server = await startServer((_seen, res) => res.end('{}'));
    const app = new FetchJiraTransport({ baseUrl: server.baseUrl, identity: { kind: 'app' }, bearerToken: 'app-token' });
    const user = app.withIdentity({ kind: 'user', accountId: 'agent-1' }, 'agent-token');
    await user.request({ method: 'GET', path: '/rest/api/3/myself' });
    expect(user.identity).toEqual({ kind: 'user', accountId: 'agent-1' });
    expect(server.seen[0]?.headers.authorization).toBe('Bearer agent-token');
  });

  it('uploads multipart form data with a boundary', async () => {
    server = await startServer((_seen, res) => res.end('[]'));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'a.xlsx');
    await new FetchJiraTransport({ baseUrl: server.baseUrl, identity: { kind: 'app' } }).request({
      method: 'POST',
      path: '/rest/api/3/issue/SUP-1/attachments',
      headers: { 'X-Atlassian-Token': 'no-check' },
      body: { form },
    });
    const request = server.seen[0];
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.headers['x-atlassian-token']).toBe('no-check');
    expect(request?.body.toString('latin1')).toContain('filename="a.xlsx"');
  });

  it('returns a redirect instead of following it, as requestJira does', async () => {
    server = await startServer((_seen, res) => {
      res.writeHead(303, { location: 'https://api.media.atlassian.com/file/x' });
      res.end();
    });
    const response = await new FetchJiraTransport({ baseUrl: server.baseUrl, identity: { kind: 'app' } }).request({
      method: 'GET',
      path: '/rest/api/3/attachment/content/1',
    });
    expect(response.status).toBe(303);
    expect(server.seen).toHaveLength(1);
  });

  it('reports a dropped connection as retryable', async () => {
    server = await startServer((_seen, res) => res.socket?.destroy());
    const transport = new FetchJiraTransport({ baseUrl: server.baseUrl, identity: { kind: 'app' } });
    await expect(transport.request({ method: 'GET', path: '/rest/api/3/myself' })).rejects.toBeInstanceOf(RetryableError);
  });
});

describe('FetchJiraTransport caller header (the emulator’s way of knowing who calls)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  afterEach(async () => server?.stop());

  it('names the app user for asApp and the given account for asUser', async () => {
    server = await startServer((_seen, res) => res.end('{}'));
    const base = new FetchJiraTransport({
      baseUrl: server.baseUrl,
      identity: { kind: 'app' },
      callerHeader: { name: 'x-emulator-user', appAccountId: 'app-user' },
    });
    await base.asApp().request({ method: 'GET', path: '/rest/api/3/myself' });
    await base.asUser('agent-marta').request({ method: 'GET', path: '/rest/api/3/myself' });
    expect(server.seen.map((s) => s.headers['x-emulator-user'])).toEqual(['app-user', 'agent-marta']);
  });
});
