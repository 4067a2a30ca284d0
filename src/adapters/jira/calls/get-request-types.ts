import { z } from 'zod';
import type { JsmRequestType } from '../../../ports/jira';
import { id } from '../schemas';
import type { CallContext } from '../send';
import { encodedPath } from '../transport';
import { readAllJsmPages } from './jsm-pages';

/** GET /rest/servicedeskapi/servicedesk/{id}/requesttype, all pages. */
export function getRequestTypes(ctx: CallContext, serviceDeskId: string): Promise<JsmRequestType[]> {
  return readAllJsmPages(ctx, z.object({ id, name: z.string() }), {
    method: 'GET',
    path: encodedPath`/rest/servicedeskapi/servicedesk/${serviceDeskId}/requesttype`,
  });
}
