import { z } from 'zod';
import type { JiraIssueLinkType } from '../../../ports/jira';
import { sendAndRead, type CallContext } from '../send';

const linkTypes = z.object({
  issueLinkTypes: z.array(z.object({ name: z.string(), inward: z.string(), outward: z.string() })),
});

/** GET /rest/api/3/issueLinkType: the site's link types with their wordings. */
export async function getIssueLinkTypes(ctx: CallContext): Promise<JiraIssueLinkType[]> {
  const body = await sendAndRead(ctx, linkTypes, { method: 'GET', path: '/rest/api/3/issueLinkType' });
  return body.issueLinkTypes.map(({ name, inward, outward }) => ({ name, inward, outward }));
}
