import { z } from 'zod';
import type { JsmOrganization, JsmRequest } from '../../../ports/jira';
import { id } from '../schemas';
import { readJson, send, type CallContext } from '../send';
import { encodedPath, type JiraRequest } from '../transport';

const organization = z.object({ id, name: z.string() });

const requestResponse = z.object({
  issueId: id,
  issueKey: z.string(),
  serviceDeskId: id,
  requestTypeId: id,
  requestType: z.object({ name: z.string() }).nullish(),
  reporter: z
    .object({
      accountId: z.string(),
      displayName: z.string().nullish(),
      emailAddress: z.string().nullish(),
    })
    .nullish(),
  requestFieldValues: z.array(z.object({ fieldId: z.string(), label: z.string().nullish(), value: z.unknown() })).nullish(),
});

/** Where the request's Organizations field is: its id differs per site, its label per language. */
export interface OrganizationsFieldHint {
  fieldId?: string;
}

/**
 * The Organizations field is the request field whose value is a list of `{ id, name }`. We look for
 * it by id when the site's id is known, else by that shape, so a site with another custom field id
 * still works.
 */
function organizationsOf(
  fields: z.output<typeof requestResponse>['requestFieldValues'],
  hint: OrganizationsFieldHint,
): JsmOrganization[] {
  const list = z.array(organization);
  const candidates = (fields ?? []).filter((field) => !hint.fieldId || field.fieldId === hint.fieldId);
  for (const field of candidates) {
    const parsed = list.safeParse(field.value);
    if (parsed.success && (parsed.data.length > 0 || hint.fieldId)) return parsed.data;
  }
  return [];
}

/**
 * GET /rest/servicedeskapi/request/{key}?expand=requestType: request type, reporter and
 * organizations. null when the issue is not a JSM request (or does not exist).
 */
export async function getRequest(ctx: CallContext, issueKey: string, hint: OrganizationsFieldHint = {}): Promise<JsmRequest | null> {
  const request: JiraRequest = {
    method: 'GET',
    path: encodedPath`/rest/servicedeskapi/request/${issueKey}`,
    query: { expand: 'requestType' },
  };
  const response = await send(ctx, request, { notFoundAsNull: true });
  if (!response) return null;
  const body = await readJson(requestResponse, request, response);
  return {
    issueId: body.issueId,
    issueKey: body.issueKey,
    serviceDeskId: body.serviceDeskId,
    requestTypeId: body.requestTypeId,
    requestTypeName: body.requestType?.name ?? null,
    reporter: body.reporter
      ? {
          accountId: body.reporter.accountId,
          displayName: body.reporter.displayName ?? '',
          emailAddress: body.reporter.emailAddress ?? null,
          // The JSM user DTO has neither; getUser() has them when a caller needs the locale.
          locale: null,
          accountType: null,
        }
      : null,
    organizations: organizationsOf(body.requestFieldValues, hint),
  };
}
