/** Jira JSON as Jira sends it (extra fields included), for the client's parsers to chew on. */
export function jiraUser(accountId: string, extra: Record<string, unknown> = {}) {
  return {
    self: `https://example.atlassian.net/rest/api/3/user?accountId=${accountId}`,
    accountId,
    displayName: `User ${accountId}`,
    emailAddress: `${accountId}@diba.cat`,
    accountType: 'atlassian',
    active: true,
    timeZone: 'Europe/Madrid',
    locale: 'ca_ES',
    avatarUrls: { '48x48': 'https://example/avatar.png' },
    ...extra,
  };
}

export function adf(text: string) {
  return { type: 'doc' as const, version: 1 as const, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

export function jiraIssue(key: string, fields: Record<string, unknown> = {}) {
  return {
    expand: 'renderedFields,names,schema,operations',
    id: '10001',
    self: `https://example.atlassian.net/rest/api/3/issue/10001`,
    key,
    fields: {
      summary: 'Alta e-NOTUM',
      description: adf('Adjunto la plantilla'),
      labels: ['setdiba'],
      status: { id: '1', name: 'Open', statusCategory: { key: 'new' } },
      assignee: null,
      reporter: jiraUser('customer-1'),
      attachment: [
        { id: '20001', filename: 'plantilla.xlsx', size: 1234, mimeType: 'application/vnd.ms-excel', created: '2026-11-26T09:00:00.000+0000', author: jiraUser('customer-1') },
      ],
      issuelinks: [],
      created: '2026-11-26T09:00:00.000+0000',
      project: { id: '10000', key: 'SUP', name: 'Suport' },
      issuetype: { id: '10004', name: 'Service Request' },
      customfield_10010: { requestType: { id: '1' } },
      ...fields,
    },
  };
}

export function jiraComment(id: string, text: string, properties: { key: string; value: unknown }[] | undefined, extra: Record<string, unknown> = {}) {
  return {
    self: `https://example.atlassian.net/rest/api/3/issue/10001/comment/${id}`,
    id,
    author: jiraUser('agent-1'),
    body: adf(text),
    updateAuthor: jiraUser('agent-1'),
    created: '2026-11-26T09:30:00.000+0000',
    updated: '2026-11-26T09:30:00.000+0000',
    jsdPublic: true,
    ...(properties ? { properties } : {}),
    ...extra,
  };
}
