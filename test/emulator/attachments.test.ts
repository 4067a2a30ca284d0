import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../src/emulator';
import { call } from './helpers';

const { agent, setdibaCustomer, otherCustomer } = DEMO.users;

function upload(jira: JiraEmulator, as: string, key: string, files: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string }[], withToken = true) {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.name);
  return fetch(`${jira.baseUrl}/rest/api/3/issue/${key}/attachments`, {
    method: 'POST',
    headers: { ...jira.authHeaders(as), ...(withToken ? { 'X-Atlassian-Token': 'no-check' } : {}) },
    body: form,
  });
}

describe('emulator: attachments', () => {
  let jira: JiraEmulator;
  let key: string;
  let dir: string;
  const templateBytes: Uint8Array<ArrayBuffer> = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-attachments-'));
    const file = join(dir, 'plantilla e-NOTUM.xlsx');
    writeFileSync(file, templateBytes);
    jira = await startJiraEmulator({
      maxAttachmentBytes: 1024,
      seed: 'demo',
    });
    key = jira.site.createIssue({
      projectKey: 'SUP',
      summary: 'Alta e-NOTUM',
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter: setdibaCustomer,
      attachments: [{ path: file }],
    }).key;
  });
  afterAll(async () => {
    await jira.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a seeded file appears in the issue with its name, size and MIME type', async () => {
    const r = await call(jira, agent, 'GET', `/rest/api/3/issue/${key}?fields=attachment`);
    expect(r.json.fields.attachment).toEqual([
      expect.objectContaining({
        filename: 'plantilla e-NOTUM.xlsx',
        size: templateBytes.length,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        author: expect.objectContaining({ accountId: setdibaCustomer }),
      }),
    ]);
  });

  test('content: redirect=false gives the bytes; otherwise a 303 to a media URL that serves them', async () => {
    const id = jira.site.issue(key)!.attachmentIds[0]!;
    const direct = await fetch(`${jira.baseUrl}/rest/api/3/attachment/content/${id}?redirect=false`, { headers: jira.authHeaders(jira.site.appAccountId) });
    expect(direct.status).toBe(200);
    expect(new Uint8Array(await direct.arrayBuffer())).toEqual(templateBytes);

    const redirect = await call(jira, jira.site.appAccountId, 'GET', `/rest/api/3/attachment/content/${id}`);
    expect(redirect.status).toBe(303);
    const media = await fetch(redirect.headers.get('location')!);
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(templateBytes);
    // fetch follows the redirect on its own, as requestJira does
    const followed = await fetch(`${jira.baseUrl}/rest/api/3/attachment/content/${id}`, { headers: jira.authHeaders(agent) });
    expect(new Uint8Array(await followed.arrayBuffer())).toEqual(templateBytes);

    expect((await call(jira, otherCustomer, 'GET', `/rest/api/3/attachment/content/${id}?redirect=false`)).status).toBe(404);
    expect((await call(jira, agent, 'GET', '/rest/api/3/attachment/content/424242?redirect=false')).status).toBe(404);
  });

  test('metadata of one attachment', async () => {
    const id = jira.site.issue(key)!.attachmentIds[0]!;
    const r = await call(jira, agent, 'GET', `/rest/api/3/attachment/${id}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: Number(id), filename: 'plantilla e-NOTUM.xlsx', size: templateBytes.length });
    expect((await call(jira, otherCustomer, 'GET', `/rest/api/3/attachment/${id}`)).status).toBe(404);
  });

  test('multipart upload with X-Atlassian-Token adds the files and emits avi:jira:updated:issue', async () => {
    const before = jira.events.length;
    const res = await upload(jira, jira.site.appAccountId, key, [{ name: 'informe.csv', bytes: new TextEncoder().encode('a;b\n1;2\n'), type: 'text/csv' }]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { filename: string; size: number; id: string }[];
    expect(body).toEqual([expect.objectContaining({ filename: 'informe.csv', size: 8 })]);
    expect(jira.site.issue(key)!.attachmentIds).toContain(body[0]!.id);
    await jira.idle();
    expect(jira.events[before]).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      selfGenerated: true,
      changelog: { items: [expect.objectContaining({ fieldId: 'attachment', toString: 'informe.csv' })] },
    });
  });

  test('customers may attach to their own request', async () => {
    expect((await upload(jira, setdibaCustomer, key, [{ name: 'nova.xlsx', bytes: templateBytes }])).status).toBe(200);
    expect((await upload(jira, otherCustomer, key, [{ name: 'x.txt', bytes: templateBytes }])).status).toBe(404);
  });

  test('without X-Atlassian-Token: no-check Jira answers 403 (and the test is told why)', async () => {
    const res = await upload(jira, agent, key, [{ name: 'x.txt', bytes: templateBytes }], false);
    expect(res.status).toBe(403);
    expect(jira.takeViolations()).toEqual([expect.objectContaining({ where: 'headers.x-atlassian-token' })]);
  });

  test('a file over the size limit is a 413', async () => {
    const res = await upload(jira, agent, key, [{ name: 'big.bin', bytes: new Uint8Array(2048) }]);
    expect(res.status).toBe(413);
  });
});
