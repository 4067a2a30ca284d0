import { z } from 'zod';
import type { JsmOrganization } from '../../../ports/jira';
import { id } from '../schemas';
import type { CallContext } from '../send';
import { readAllJsmPages } from './jsm-pages';

/** GET /rest/servicedeskapi/organization, all pages; with an account, only the ones it belongs to. */
export function getOrganizations(ctx: CallContext, options: { accountId?: string } = {}): Promise<JsmOrganization[]> {
  return readAllJsmPages(ctx, z.object({ id, name: z.string() }), {
    method: 'GET',
    path: '/rest/servicedeskapi/organization',
    query: { accountId: options.accountId },
  });
}
