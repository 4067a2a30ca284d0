/**
 * The Forge transport with @forge/api mocked: proves it calls requestJira as the right identity,
 * with a trusted route built from the already-encoded path, and serialises bodies Forge accepts.
 */
import { RetryableError } from '../../../../src/domain/errors';

const requestJira = jest.fn();
const asApp = jest.fn(() => ({ requestJira }));
const asUser = jest.fn(() => ({ requestJira }));

jest.mock('@forge/api', () => {
  const actual = jest.requireActual('@forge/api');
  return {
    __esModule: true,
    ...actual,
    default: { asApp, asUser },
    asApp,
    asUser,
  };
});

// Imported after the mock so the adapter sees it.
import { FetchError } from '@forge/api';
import { RequestJiraTransport, asAppTransport, asUserTransport } from '../../../../src/adapters/forge/request-jira-transport';

function forgeResponse(status: number, body: string, headers: Record<string, string> = {}) {
  return {
    status,
    ok: status < 300,
    statusText: '',
    headers: new Headers(headers),
    json: async () => JSON.parse(body),
    text: async () => body,
    arrayBuffer: async () => new TextEncoder().encode(body).buffer,
  };
}

beforeEach(() => {
  requestJira.mockReset();
  asApp.mockClear();
  asUser.mockClear();
});

describe('RequestJiraTransport', () => {
  it('calls requestJira as the app with the encoded path and query as a trusted route', async () => {
    requestJira.mockResolvedValue(forgeResponse(200, '{"key":"SUP-1"}'));
    const response = await asAppTransport().request({
      method: 'GET',
      path: '/rest/api/3/issue/SUP-1',
      query: { fields: 'summary,labels', expand: undefined },
    });
    expect(asApp).toHaveBeenCalledTimes(1);
    const [route, init] = requestJira.mock.calls[0] as [{ value: string }, { method: string; headers: Record<string, string> }];
    expect(route.value).toBe('/rest/api/3/issue/SUP-1?fields=summary%2Clabels');
    expect(init.method).toBe('GET');
    expect(init.headers.Accept).toBe('application/json');
    await expect(response.json()).resolves.toEqual({ key: 'SUP-1' });
    // The body can be read again (error paths read it after the caller did).
    await expect(response.text()).resolves.toBe('{"key":"SUP-1"}');
  });

  it('calls as the invocation’s user (resolvers), never asking Forge to impersonate an account', async () => {
    requestJira.mockResolvedValue(forgeResponse(204, ''));
    await asUserTransport('acc-1').request({ method: 'DELETE', path: '/rest/api/3/issue/SUP-1/properties/x' });
    expect(asUser).toHaveBeenCalledWith();
    expect(asApp).not.toHaveBeenCalled();
  });

  it('sends JSON bodies as a string with Content-Type', async () => {
    requestJira.mockResolvedValue(forgeResponse(204, ''));
    await new RequestJiraTransport().request({ method: 'PUT', path: '/rest/api/3/issue/SUP-1', body: { json: { fields: { summary: 'x' } } } });
    const init = requestJira.mock.calls[0]?.[1] as { body: string; headers: Record<string, string> };
    expect(init.body).toBe('{"fields":{"summary":"x"}}');
    expect(init.headers['Content-Type']).toBe('application/json');
  });

  it('turns FormData into multipart bytes with the boundary in Content-Type (Forge takes no FormData)', async () => {
    requestJira.mockResolvedValue(forgeResponse(200, '[]'));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([65, 66, 67])]), 'a.xlsx');
    await new RequestJiraTransport().request({
      method: 'POST',
      path: '/rest/api/3/issue/SUP-1/attachments',
      headers: { 'X-Atlassian-Token': 'no-check' },
      body: { form },
    });
    const init = requestJira.mock.calls[0]?.[1] as { body: ArrayBuffer; headers: Record<string, string> };
    expect(init.headers['X-Atlassian-Token']).toBe('no-check');
    const contentType = init.headers['Content-Type'] ?? '';
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const text = new TextDecoder().decode(init.body);
    expect(text).toContain('name="file"; filename="a.xlsx"');
    expect(text).toContain('ABC');
  });

  it('reports a network failure as retryable but lets other errors through unchanged', async () => {
    requestJira.mockRejectedValueOnce(new FetchError('socket hang up'));
    await expect(asAppTransport().request({ method: 'GET', path: '/rest/api/3/myself' })).rejects.toBeInstanceOf(RetryableError);
    const other = new Error('Disallowing path manipulation attempt');
    requestJira.mockRejectedValueOnce(other);
    await expect(asAppTransport().request({ method: 'GET', path: '/rest/api/3/myself' })).rejects.toBe(other);
  });
});
