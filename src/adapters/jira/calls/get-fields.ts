import { z } from 'zod';
import type { JiraField } from '../../../ports/jira';
import { sendAndRead, type CallContext } from '../send';

const field = z
  .object({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().optional(),
    schema: z.object({ custom: z.string().optional() }).nullish(),
  })
  .transform(
    (f): JiraField => ({ id: f.id, name: f.name, custom: f.custom ?? false, customType: f.schema?.custom ?? null }),
  );

/** GET /rest/api/3/field: every field of the site, to find custom fields by their type. */
export function getFields(ctx: CallContext): Promise<JiraField[]> {
  return sendAndRead(ctx, z.array(field), { method: 'GET', path: '/rest/api/3/field' });
}
