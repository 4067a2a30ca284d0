import { z } from 'zod';
import type { JsmRequestType } from '../../../ports/jira';
import { id } from '../schemas';
import type { CallContext } from '../send';
import { encodedPath } from '../transport';
import { readAllJsmPages } from './jsm-pages';

const requestType = z
  .object({ id, name: z.string(), issueTypeId: id.nullish() })
  .transform((rt): JsmRequestType => ({ id: rt.id, name: rt.name, ...(rt.issueTypeId ? { issueTypeId: rt.issueTypeId } : {}) }));

/** GET /rest/servicedeskapi/servicedesk/{id}/requesttype, all pages. */
export function getRequestTypes(ctx: CallContext, serviceDeskId: string): Promise<JsmRequestType[]> {
  return readAllJsmPages(ctx, requestType, {
    method: 'GET',
    path: encodedPath`/rest/servicedeskapi/servicedesk/${serviceDeskId}/requesttype`,
  });
}
