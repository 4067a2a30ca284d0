/**
 * zod schemas for the pieces of Jira responses that several calls share. Objects are parsed with
 * `z.object`, which ignores fields we do not use (Jira adds fields over time) but insists on the ones
 * we do. IDs are accepted as string or number because Jira is not consistent about them.
 */
import { z } from 'zod';
import type { AdfDoc, AdfNode, JiraAttachment, JiraUser } from '../../ports/jira';

export const id = z.union([z.string(), z.number()]).transform(String);

const adfMark = z.looseObject({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() });

// ADF is kept whole (looseObject) because the app re-renders and re-posts documents it reads.
export const adfNode: z.ZodType<AdfNode> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(adfNode).optional(),
    text: z.string().optional(),
    marks: z.array(adfMark).optional(),
  }),
);

export const adfDoc: z.ZodType<AdfDoc> = z.looseObject({
  type: z.literal('doc'),
  version: z.literal(1),
  content: z.array(adfNode),
});

export const user = z
  .object({
    accountId: z.string(),
    displayName: z.string().optional(),
    // Hidden by the user's privacy settings or for app users: absent rather than empty.
    emailAddress: z.string().nullish(),
    locale: z.string().nullish(),
    accountType: z.string().nullish(),
  })
  .transform(
    (u): JiraUser => ({
      accountId: u.accountId,
      displayName: u.displayName ?? '',
      emailAddress: u.emailAddress ?? null,
      locale: u.locale ?? null,
      accountType: u.accountType ?? null,
    }),
  );

export const attachment = z
  .object({
    id,
    filename: z.string(),
    size: z.number(),
    mimeType: z.string().nullish(),
    created: z.string().nullish(),
  })
  .transform(
    (a): JiraAttachment => ({
      id: a.id,
      filename: a.filename,
      size: a.size,
      mimeType: a.mimeType ?? null,
      created: a.created ?? null,
    }),
  );

/** JSM paged lists: `{ values, isLastPage, start, limit, size }`. */
export function jsmPage<T extends z.ZodType>(item: T) {
  return z.object({
    values: z.array(item),
    isLastPage: z.boolean().optional(),
    start: z.number().optional(),
    size: z.number().optional(),
  });
}
