import { z } from 'zod';
import type { NewRequest } from '../../../ports/jira';
import { id } from '../schemas';
import { sendAndRead, type CallContext } from '../send';

const created = z.object({ issueId: id, issueKey: z.string() });

/**
 * POST /rest/servicedeskapi/request: raises a request on behalf of a customer, so the customer (not
 * the app) is the reporter and gets JSM's notifications. Organizations go in the request's
 * Organizations field, whose id is per site.
 */
export function createRequest(
  ctx: CallContext,
  newRequest: NewRequest,
  organizationsFieldId: string,
): Promise<{ issueKey: string; issueId: string }> {
  const requestFieldValues: Record<string, unknown> = {
    summary: newRequest.summary,
    description: newRequest.descriptionText,
  };
  if (newRequest.organizationIds.length > 0) {
    // JSM organization ids are numbers in Jira's data model; the field takes them as such.
    requestFieldValues[organizationsFieldId] = newRequest.organizationIds.map((orgId) =>
      /^\d+$/.test(orgId) ? Number(orgId) : orgId,
    );
  }
  return sendAndRead(ctx, created, {
    method: 'POST',
    path: '/rest/servicedeskapi/request',
    body: {
      json: {
        serviceDeskId: newRequest.serviceDeskId,
        requestTypeId: newRequest.requestTypeId,
        requestFieldValues,
        ...(newRequest.raiseOnBehalfOf ? { raiseOnBehalfOf: newRequest.raiseOnBehalfOf } : {}),
      },
    },
  });
}
