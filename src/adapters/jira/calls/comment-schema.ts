import { z } from 'zod';
import type { JiraComment } from '../../../ports/jira';
import { adfDoc, id } from '../schemas';

/** The comment property JSM uses for visibility: `{ internal: true }` hides it from the customer. */
export const SD_PUBLIC_COMMENT = 'sd.public.comment';

export const comment = z.object({
  id,
  author: z.object({ accountId: z.string().nullish() }).nullish(),
  body: adfDoc,
  created: z.string().nullish(),
  jsdPublic: z.boolean().nullish(),
  properties: z.array(z.object({ key: z.string(), value: z.unknown() })).nullish(),
});

function isInternal(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { internal?: unknown }).internal === true;
}

export function toComment(raw: z.output<typeof comment>): JiraComment {
  const properties = Object.fromEntries((raw.properties ?? []).map((p) => [p.key, p.value]));
  // The property is what the app writes and reads back; `jsdPublic` is JSM's own view when the
  // property was not expanded or the comment was written by someone else.
  const visibility = SD_PUBLIC_COMMENT in properties ? !isInternal(properties[SD_PUBLIC_COMMENT]) : (raw.jsdPublic ?? true);
  return {
    id: raw.id,
    authorAccountId: raw.author?.accountId ?? null,
    body: raw.body,
    public: visibility,
    created: raw.created ?? null,
    properties,
  };
}
