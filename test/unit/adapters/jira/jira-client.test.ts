import { RetryableError } from '../../../../src/domain/errors';
import { JiraApiError, JiraResponseShapeError } from '../../../../src/adapters/jira/errors';
import { JiraClient } from '../../../../src/adapters/jira/jira-client';
import { adf, jiraComment, jiraIssue, jiraUser } from './builders';
import { FakeTransport, fixedClock } from './fake-transport';

function client(transport: FakeTransport, options: ConstructorParameters<typeof JiraClient>[1] = {}) {
  return new JiraClient(transport, { clock: fixedClock(), ...options });
}

describe('JiraClient: issues', () => {
  it('reads an issue into the app’s terms, keeping the ADF description whole', async () => {
    const t = new FakeTransport().on(
      'GET /rest/api/3/issue/SUP-1',
      {
        status: 200,
        body: jiraIssue('SUP-1', {
          issuelinks: [
            { id: '1', type: { name: 'Cloners', inward: 'is cloned by', outward: 'clones' }, inwardIssue: { key: 'SUP-2' } },
            { id: '2', type: { name: 'Cloners', inward: 'is cloned by', outward: 'clones' }, outwardIssue: { key: 'SUP-0' } },
          ],
        }),
      },
    );
    const issue = await client(t).getIssue('SUP-1');
    expect(issue).toEqual({
      id: '10001',
      key: 'SUP-1',
      projectKey: 'SUP',
      issueTypeId: '10004',
      summary: 'Alta e-NOTUM',
      description: adf('Adjunto la plantilla'),
      labels: ['setdiba'],
      status: 'Open',
      assignee: null,
      reporter: {
        accountId: 'customer-1',
        displayName: 'User customer-1',
        emailAddress: 'customer-1@diba.cat',
        locale: 'ca_ES',
        accountType: 'atlassian',
      },
      attachments: [
        { id: '20001', filename: 'plantilla.xlsx', size: 1234, mimeType: 'application/vnd.ms-excel', created: '2026-11-26T09:00:00.000+0000' },
      ],
      links: [
        { type: 'Cloners', direction: 'inward', key: 'SUP-2' },
        { type: 'Cloners', direction: 'outward', key: 'SUP-0' },
      ],
      created: '2026-11-26T09:00:00.000+0000',
    });
    expect(t.sent[0]?.query?.fields).toContain('attachment');
  });

  it('answers null for an issue Jira does not have (404), instead of failing', async () => {
    const t = new FakeTransport().on('GET /rest/api/3/issue/SUP-404', {
      status: 404,
      body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} },
    });
    await expect(client(t).getIssue('SUP-404')).resolves.toBeNull();
  });

  it('percent-encodes every variable part of a path, so a key cannot address another resource', async () => {
    const t = new FakeTransport().on('GET /rest/api/3/issue/SUP-1%2F..%2F..%2Fmyself', { status: 404 });
    await client(t).getIssue('SUP-1/../../myself');
    expect(t.sent[0]?.path).toBe('/rest/api/3/issue/SUP-1%2F..%2F..%2Fmyself');
  });

  it('adds and removes labels with update verbs (an agent’s concurrent label survives) and skips empty edits', async () => {
    const t = new FakeTransport().on('PUT /rest/api/3/issue/SUP-1', { status: 204 });
    const jira = client(t);
    await jira.editIssue('SUP-1', { labelsAdd: ['setdiba-mux'], labelsRemove: ['setdiba-revisar'] });
    await jira.editIssue('SUP-1', {});
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.body).toEqual({
      json: { update: { labels: [{ add: 'setdiba-mux' }, { remove: 'setdiba-revisar' }] } },
    });
  });

  it('links a clone so that it "clones" the original: the clone is sent as inwardIssue', async () => {
    const t = new FakeTransport().on('POST /rest/api/3/issueLink', { status: 201 });
    await client(t).createIssueLink('Cloners', 'SUP-2', 'SUP-1');
    // Jira shows the outward wording ("clones") on the issue posted as inwardIssue (docs/emulator.md).
    expect(t.sent[0]?.body).toEqual({
      json: { type: { name: 'Cloners' }, inwardIssue: { key: 'SUP-2' }, outwardIssue: { key: 'SUP-1' } },
    });
  });
});

describe('JiraClient: errors', () => {
  it('turns a 429 into a RetryableError carrying Retry-After in milliseconds', async () => {
    const t = new FakeTransport().on('GET /rest/api/3/myself', { status: 429, headers: { 'Retry-After': '7' } });
    const error = await client(t).myself().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBe(7000);
    expect((error as RetryableError).cause).toBeInstanceOf(JiraApiError);
  });

  it('reads a Retry-After given as an HTTP date against the injected clock', async () => {
    const t = new FakeTransport().on('GET /rest/api/3/myself', {
      status: 503,
      headers: { 'retry-after': 'Thu, 26 Nov 2026 10:00:30 GMT' },
    });
    const error = await client(t).myself().catch((e: unknown) => e);
    expect((error as RetryableError).retryAfterMs).toBe(30_000);
  });

  it('reports any other failure with the status and Jira’s own messages', async () => {
    const t = new FakeTransport().on('PUT /rest/api/3/issue/SUP-1/assignee', {
      status: 400,
      body: { errorMessages: [], errors: { assignee: "User 'x' cannot be assigned issues." } },
    });
    const error = await client(t).assignIssue('SUP-1', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraApiError);
    expect(error).toMatchObject({ status: 400, errors: { assignee: "User 'x' cannot be assigned issues." } });
    expect(String((error as Error).message)).toContain("assignee: User 'x' cannot be assigned issues.");
    expect(error).not.toBeInstanceOf(RetryableError);
  });

  it('keeps JSM’s single errorMessage too', async () => {
    const t = new FakeTransport().on('POST /rest/servicedeskapi/request', {
      status: 400,
      body: { errorMessage: 'The request type is not valid', i18nErrorMessage: { i18nKey: 'x', parameters: [] } },
    });
    const error = await client(t)
      .createRequest({ serviceDeskId: '1', requestTypeId: '9', summary: 's', descriptionText: 'd', raiseOnBehalfOf: null, organizationIds: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, errorMessages: ['The request type is not valid'] });
  });

  it('refuses a 200 whose body lacks what the app relies on, naming the field', async () => {
    const t = new FakeTransport().on('GET /rest/api/3/issue/SUP-1', { status: 200, body: { id: '1', key: 'SUP-1', fields: { summary: 'x' } } });
    const error = await client(t).getIssue('SUP-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraResponseShapeError);
    expect((error as Error).message).toMatch(/project/);
  });
});

describe('JiraClient: comments', () => {
  it('posts an internal comment with JSM’s sd.public.comment property and the app’s own properties', async () => {
    const t = new FakeTransport().on('POST /rest/api/3/issue/SUP-1/comment', (request) => ({
      status: 201,
      body: jiraComment('300', 'Resultats', undefined, { jsdPublic: false, body: (request.body as { json: { body: unknown } }).json.body }),
    }));
    const comment = await client(t).addComment('SUP-1', {
      body: adf('Resultats'),
      public: false,
      properties: { 'setdiba.key': 'abc' },
    });
    expect(t.sent[0]?.body).toEqual({
      json: {
        body: adf('Resultats'),
        properties: [
          { key: 'setdiba.key', value: 'abc' },
          { key: 'sd.public.comment', value: { internal: true } },
        ],
      },
    });
    expect(comment).toMatchObject({ id: '300', public: false, properties: { 'setdiba.key': 'abc', 'sd.public.comment': { internal: true } } });
  });

  it('reads every page of comments with their properties and tells internal from public', async () => {
    const first = [
      jiraComment('1', 'hola', [{ key: 'sd.public.comment', value: { internal: true } }], { jsdPublic: false }),
      jiraComment('2', 'adeu', [{ key: 'setdiba.key', value: 'k' }]),
    ];
    const second = [jiraComment('3', 'public by JSM', undefined, { jsdPublic: true })];
    const t = new FakeTransport().on(
      'GET /rest/api/3/issue/SUP-1/comment',
      { status: 200, body: { startAt: 0, maxResults: 2, total: 3, comments: first } },
      { status: 200, body: { startAt: 2, maxResults: 2, total: 3, comments: second } },
    );
    const comments = await client(t).getComments('SUP-1');
    expect(comments.map((c) => [c.id, c.public])).toEqual([
      ['1', false],
      ['2', true],
      ['3', true],
    ]);
    expect(comments[1]?.properties).toEqual({ 'setdiba.key': 'k' });
    expect(t.urls[0]).toContain('expand=properties');
    expect(t.sent[1]?.query?.startAt).toBe(2);
  });
});

describe('JiraClient: properties, attachments, search, users', () => {
  it('gets, sets and deletes issue properties; a missing one is null, deleting one twice is fine', async () => {
    const t = new FakeTransport()
      .on('GET /rest/api/3/issue/SUP-1/properties/setdiba.run', { status: 200, body: { key: 'setdiba.run', value: { state: 'done' } } })
      .on('GET /rest/api/3/issue/SUP-2/properties/setdiba.run', { status: 404, body: { errorMessages: ['not found'] } })
      .on('PUT /rest/api/3/issue/SUP-1/properties/setdiba.run', { status: 201 })
      .on('DELETE /rest/api/3/issue/SUP-1/properties/setdiba.run', { status: 204 }, { status: 404 });
    const jira = client(t);
    await expect(jira.getIssueProperty('SUP-1', 'setdiba.run')).resolves.toEqual({ state: 'done' });
    await expect(jira.getIssueProperty('SUP-2', 'setdiba.run')).resolves.toBeNull();
    await jira.setIssueProperty('SUP-1', 'setdiba.run', { state: 'running' });
    expect(t.sent[2]?.body).toEqual({ json: { state: 'running' } });
    await jira.deleteIssueProperty('SUP-1', 'setdiba.run');
    await expect(jira.deleteIssueProperty('SUP-1', 'setdiba.run')).resolves.toBeUndefined();
  });

  it('refuses a property value over Jira’s 32,768 characters before sending it', async () => {
    const t = new FakeTransport();
    await expect(client(t).setIssueProperty('SUP-1', 'setdiba.run', { big: 'x'.repeat(40_000) })).rejects.toThrow(/32768/);
    expect(t.sent).toHaveLength(0);
  });

  it('downloads attachment content with redirect=false and returns the bytes', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4]);
    const t = new FakeTransport().on('GET /rest/api/3/attachment/content/20001', { status: 200, bytes });
    await expect(client(t).getAttachmentContent('20001')).resolves.toEqual(bytes);
    expect(t.urls[0]).toBe('GET /rest/api/3/attachment/content/20001?redirect=false');
  });

  it('uploads an attachment as multipart `file` with the XSRF header Jira requires', async () => {
    const t = new FakeTransport().on('POST /rest/api/3/issue/SUP-1/attachments', {
      status: 200,
      body: [{ id: '30001', filename: 'MUX.xlsx', size: 3, mimeType: 'application/octet-stream', created: '2026-11-26T10:00:00.000+0000' }],
    });
    const created = await client(t).addAttachment('SUP-1', 'MUX.xlsx', new Uint8Array([1, 2, 3]), 'application/octet-stream');
    expect(created).toMatchObject({ id: '30001', filename: 'MUX.xlsx' });
    const request = t.sent[0];
    expect(request?.headers).toEqual({ 'X-Atlassian-Token': 'no-check' });
    const form = (request?.body as { form: FormData }).form;
    const file = form.get('file') as File;
    expect(file.name).toBe('MUX.xlsx');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('searches one page at a time and stops when Jira says it is the last', async () => {
    const t = new FakeTransport().on(
      'GET /rest/api/3/search/jql',
      { status: 200, body: { issues: [{ id: '1', key: 'SUP-2' }], nextPageToken: 'tok', isLast: false } },
      { status: 200, body: { issues: [{ id: '2', key: 'SUP-3' }], isLast: true } },
    );
    const jira = client(t);
    const first = await jira.searchJql('issue.property[setdiba.run].originKey = "SUP-1"');
    expect(first).toEqual({ keys: ['SUP-2'], nextPageToken: 'tok' });
    await expect(jira.searchJql('x', first.nextPageToken)).resolves.toEqual({ keys: ['SUP-3'], nextPageToken: null });
    expect(t.sent[1]?.query?.nextPageToken).toBe('tok');
  });

  it('treats a permission Jira leaves out as not held', async () => {
    const t = new FakeTransport().on('GET /rest/api/3/mypermissions', {
      status: 200,
      body: { permissions: { EDIT_ISSUES: { id: '12', key: 'EDIT_ISSUES', havePermission: true } } },
    });
    const result = await client(t).myPermissions({ issueKey: 'SUP-1' }, ['EDIT_ISSUES', 'ADMINISTER_PROJECTS']);
    expect(result.EDIT_ISSUES).toBe(true);
    expect(result.ADMINISTER_PROJECTS).toBe(false);
    expect(t.sent[0]?.query).toMatchObject({ issueKey: 'SUP-1', permissions: 'EDIT_ISSUES,ADMINISTER_PROJECTS' });
  });

  it('reads users whose e-mail is hidden, and answers null for an unknown account', async () => {
    const t = new FakeTransport()
      .on('GET /rest/api/3/user', (request) =>
        request.query?.accountId === 'ghost'
          ? { status: 404, body: { errorMessages: ['no user'] } }
          : { status: 200, body: jiraUser('agent-1', { emailAddress: undefined }) },
      );
    const jira = client(t);
    await expect(jira.getUser('agent-1')).resolves.toMatchObject({ accountId: 'agent-1', emailAddress: null });
    await expect(jira.getUser('ghost')).resolves.toBeNull();
  });
});

describe('JiraClient: Jira Service Management', () => {
  const request = {
    _expands: ['participant', 'status'],
    issueId: '10001',
    issueKey: 'SUP-1',
    requestTypeId: '7',
    requestType: { id: '7', name: 'Alta de servei', serviceDeskId: '1' },
    serviceDeskId: '1',
    reporter: { accountId: 'customer-1', displayName: 'Clienta', emailAddress: 'clienta@diba.cat', active: true },
    requestFieldValues: [
      { fieldId: 'summary', label: 'Resum', value: 'Alta e-NOTUM' },
      { fieldId: 'customfield_10002', label: 'Organizations', value: [{ id: 3, name: 'SetDIBA' }] },
    ],
  };

  it('reads request type, reporter and organizations from the request', async () => {
    const t = new FakeTransport().on('GET /rest/servicedeskapi/request/SUP-1', { status: 200, body: request });
    await expect(client(t).getRequest('SUP-1')).resolves.toEqual({
      issueId: '10001',
      issueKey: 'SUP-1',
      serviceDeskId: '1',
      requestTypeId: '7',
      requestTypeName: 'Alta de servei',
      reporter: { accountId: 'customer-1', displayName: 'Clienta', emailAddress: 'clienta@diba.cat', locale: null, accountType: null },
      organizations: [{ id: '3', name: 'SetDIBA' }],
    });
  });

  it('finds the Organizations field by its shape when the site uses another custom field id', async () => {
    const other = {
      ...request,
      requestFieldValues: [{ fieldId: 'customfield_10555', label: 'Organitzacions', value: [{ id: '8', name: 'SetDIBA' }] }],
    };
    const t = new FakeTransport().on('GET /rest/servicedeskapi/request/SUP-1', { status: 200, body: other });
    await expect(client(t).getRequest('SUP-1')).resolves.toMatchObject({ organizations: [{ id: '8', name: 'SetDIBA' }] });
  });

  it('answers null for an issue that is not a request', async () => {
    const t = new FakeTransport().on('GET /rest/servicedeskapi/request/SUP-9', { status: 404, body: { errorMessage: 'not a request' } });
    await expect(client(t).getRequest('SUP-9')).resolves.toBeNull();
  });

  it('raises a request on behalf of the customer with its organizations', async () => {
    const t = new FakeTransport().on('POST /rest/servicedeskapi/request', { status: 201, body: { ...request, issueId: '10002', issueKey: 'SUP-2' } });
    const created = await client(t).createRequest({
      serviceDeskId: '1',
      requestTypeId: '7',
      summary: '[MUX] Alta',
      descriptionText: 'text',
      raiseOnBehalfOf: 'customer-1',
      organizationIds: ['3'],
    });
    expect(created).toEqual({ issueKey: 'SUP-2', issueId: '10002' });
    expect(t.sent[0]?.body).toEqual({
      json: {
        serviceDeskId: '1',
        requestTypeId: '7',
        requestFieldValues: { summary: '[MUX] Alta', description: 'text', customfield_10002: [3] },
        raiseOnBehalfOf: 'customer-1',
      },
    });
  });

  it('walks every page of request types and organizations', async () => {
    const t = new FakeTransport()
      .on(
        'GET /rest/servicedeskapi/servicedesk/1/requesttype',
        { status: 200, body: { size: 1, start: 0, limit: 1, isLastPage: false, values: [{ id: '7', name: 'Alta', serviceDeskId: '1' }] } },
        { status: 200, body: { size: 1, start: 1, limit: 1, isLastPage: true, values: [{ id: '8', name: 'Baixa' }] } },
      )
      .on('GET /rest/servicedeskapi/organization', { status: 200, body: { size: 1, start: 0, limit: 50, isLastPage: true, values: [{ id: '3', name: 'SetDIBA', _links: {} }] } });
    const jira = client(t);
    await expect(jira.getRequestTypes('1')).resolves.toEqual([
      { id: '7', name: 'Alta' },
      { id: '8', name: 'Baixa' },
    ]);
    await expect(jira.getOrganizations({ accountId: 'customer-1' })).resolves.toEqual([{ id: '3', name: 'SetDIBA' }]);
    expect(t.sent[1]?.query?.start).toBe(1);
    expect(t.sent[2]?.query).toMatchObject({ accountId: 'customer-1' });
  });
});
