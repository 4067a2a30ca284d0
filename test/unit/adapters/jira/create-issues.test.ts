/** JiraClient.createIssues: one bulk request, one answer per issue in the order given. */
import { RetryableError } from '../../../../src/domain/errors';
import { JiraApiError } from '../../../../src/adapters/jira/errors';
import { JiraClient } from '../../../../src/adapters/jira/jira-client';
import { RequestTypeFieldRefusedError, type NewIssue } from '../../../../src/ports/jira';
import { FakeTransport, fixedClock } from './fake-transport';

const issue = (summary: string): NewIssue => ({
  projectKey: 'SUP',
  issueTypeId: '10004',
  summary,
  description: null,
  reporterAccountId: 'customer-1',
  requestType: { fieldId: 'customfield_10010', requestTypeId: '12' },
  properties: { 'setdiba.run': { role: 'clone' } },
  labels: ['setdiba'],
  assigneeAccountId: 'agent-pere',
});

const client = (t: FakeTransport) => new JiraClient(t, { clock: fixedClock() });

it('sends every issue in one request, in order, with fields, labels, assignee and properties', async () => {
  const t = new FakeTransport().on('POST /rest/api/3/issue/bulk', {
    status: 201,
    body: { issues: [{ id: '1', key: 'SUP-2', self: 'x' }, { id: '2', key: 'SUP-3', self: 'y' }], errors: [] },
  });
  const answers = await client(t).createIssues([issue('[e-NOTUM] A'), issue('[OVER] A')]);
  expect(answers).toEqual([
    { ok: true, key: 'SUP-2', id: '1' },
    { ok: true, key: 'SUP-3', id: '2' },
  ]);
  const body = (t.sent[0]!.body as { json: { issueUpdates: { fields: Record<string, unknown>; properties: unknown[] }[] } }).json;
  expect(body.issueUpdates.map((u) => u.fields.summary)).toEqual(['[e-NOTUM] A', '[OVER] A']);
  expect(body.issueUpdates[0]).toMatchObject({
    fields: { labels: ['setdiba'], assignee: { accountId: 'agent-pere' }, customfield_10010: '12', reporter: { accountId: 'customer-1' } },
    properties: [{ key: 'setdiba.run', value: { role: 'clone' } }],
  });
});

it('answers each refused issue with its own error, the Request Type field as RequestTypeFieldRefusedError', async () => {
  const t = new FakeTransport().on('POST /rest/api/3/issue/bulk', {
    status: 201,
    body: {
      issues: [{ id: '1', key: 'SUP-2', self: 'x' }],
      errors: [
        { status: 400, failedElementNumber: 1, elementErrors: { errorMessages: [], errors: { customfield_10010: 'cannot be set' } } },
        { status: 400, failedElementNumber: 2, elementErrors: { errorMessages: [], errors: { summary: 'too long' } } },
      ],
    },
  });
  const [first, second, third] = await client(t).createIssues([issue('a'), issue('b'), issue('c')]);
  expect(first).toEqual({ ok: true, key: 'SUP-2', id: '1' });
  expect(second).toMatchObject({ ok: false, error: expect.any(RequestTypeFieldRefusedError) });
  expect(third).toMatchObject({ ok: false, error: expect.any(JiraApiError) });
});

it('reads a 400 that refuses them all, and leaves 429 to the retry policy', async () => {
  const t = new FakeTransport().on(
    'POST /rest/api/3/issue/bulk',
    {
      status: 400,
      body: { issues: [], errors: [{ status: 400, failedElementNumber: 0, elementErrors: { errorMessages: [], errors: { customfield_10010: 'cannot be set' } } }] },
    },
    { status: 429, headers: { 'retry-after': '3' }, body: { errorMessages: ['Rate limited'] } },
  );
  await expect(client(t).createIssues([issue('a')])).resolves.toEqual([{ ok: false, error: expect.any(RequestTypeFieldRefusedError) }]);
  await expect(client(t).createIssues([issue('a')])).rejects.toBeInstanceOf(RetryableError);
});
