/**
 * Places where Atlassian's OpenAPI schema contradicts the operation's own documentation, and Jira
 * Cloud follows the documentation. Each entry replaces the request-body schema of one operation; keep
 * the list short and say why for each, because every entry weakens the check.
 */
export const REQUEST_BODY_ERRATA: Readonly<Record<string, Record<string, unknown>>> = {
  // "If accountId is set to null, the issue is set to unassigned" (assignIssue description), but the
  // body schema is User, whose accountId is a non-nullable string.
  assignIssue: {
    type: 'object',
    properties: { accountId: { type: 'string', maxLength: 128, nullable: true } },
    required: ['accountId'],
    additionalProperties: false,
  },
};

/**
 * Operations the specs still describe but Jira Cloud has removed: it answers 410 Gone. The value
 * says what to use instead.
 */
export const REMOVED_OPERATIONS: Readonly<Record<string, string>> = {
  'GET /rest/api/3/search': 'use GET /rest/api/3/search/jql with nextPageToken',
  'POST /rest/api/3/search': 'use POST /rest/api/3/search/jql with nextPageToken',
};
