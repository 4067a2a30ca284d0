/**
 * Attachments: multipart upload (Jira insists on `X-Atlassian-Token: no-check` and a part named
 * `file`), metadata, and content: a 303 to a media URL by default, the bytes with `redirect=false`.
 */
import { issuePermissions } from '../site/permissions';
import type { SiteAttachment } from '../site/model';
import { guessMimeType } from '../site/site';
import { HttpError, visibleIssue, type RouteContext, type RouteHandler } from './context';
import { attachmentJson, attachmentMetadataJson } from './representations';

/** Jira Cloud's per-issue limit; beyond it the API answers 413. */
export const MAX_ATTACHMENTS_PER_ISSUE = 2000;

export function mediaUrl(baseUrl: string, attachment: SiteAttachment): string {
  return `${baseUrl}/_emulator/media/${attachment.id}?token=${attachment.mediaToken}`;
}

/** The File type of the fetch implementation (undici), which is not the same declaration as node:buffer's. */
type UploadedFile = Exclude<ReturnType<FormData['get']>, string | null>;

async function fileParts(ctx: RouteContext): Promise<UploadedFile[]> {
  const contentType = String(ctx.headers['content-type'] ?? '');
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return [];
  try {
    // The WHATWG parser built into Node (undici) reads the multipart body for us.
    const form = await new Request('http://emulator.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(ctx.rawBody) }).formData();
    return form.getAll('file').filter((part): part is UploadedFile => typeof part !== 'string');
  } catch {
    return [];
  }
}

const addAttachment: RouteHandler = async (ctx) => {
  if (String(ctx.headers['x-atlassian-token'] ?? '').toLowerCase() !== 'no-check') {
    ctx.reportViolation('headers.x-atlassian-token', 'must be "no-check" (Jira refuses uploads without it)');
    throw new HttpError(403, ['XSRF check failed']);
  }
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (!issuePermissions(ctx.site, ctx.caller, issue).has('CREATE_ATTACHMENTS')) {
    throw new HttpError(403, ['You do not have permission to create attachments for this issue.']);
  }
  const files = await fileParts(ctx);
  if (files.length === 0) {
    ctx.reportViolation('body', "multipart body has no part named 'file'");
    throw new HttpError(400, ["The request contained no file part named 'file'."]);
  }
  const tooBig = files.find((f) => f.size > ctx.limits.maxAttachmentBytes);
  if (tooBig) throw new HttpError(413, [`The file '${tooBig.name}' is too large: the limit is ${ctx.limits.maxAttachmentBytes} bytes.`]);
  if (issue.attachmentIds.length + files.length > MAX_ATTACHMENTS_PER_ISSUE) {
    throw new HttpError(413, [`This issue has reached the limit of ${MAX_ATTACHMENTS_PER_ISSUE} attachments.`]);
  }
  const created: SiteAttachment[] = [];
  for (const file of files) {
    const mimeType = file.type && file.type !== 'application/octet-stream' ? file.type : guessMimeType(file.name);
    created.push(
      ctx.site.addAttachment(issue.id, { filename: file.name, content: new Uint8Array(await file.arrayBuffer()), mimeType, author: ctx.caller.accountId }, { emitEvent: false }),
    );
  }
  ctx.site.emitUpdated(
    issue,
    ctx.caller.accountId,
    created.map((a) => ({ field: 'Attachment', fieldId: 'attachment', fieldtype: 'jira', from: null, fromString: null, to: a.id, toString: a.filename })),
  );
  return { status: 200, json: created.map((a) => attachmentJson(ctx.site, a, { baseUrl: ctx.baseUrl })) };
};

function visibleAttachment(ctx: RouteContext): SiteAttachment {
  const attachment = ctx.site.attachments.get(ctx.params.id ?? '');
  if (!attachment) throw new HttpError(404, ['The attachment does not exist.']);
  visibleIssue(ctx, attachment.issueId);
  return attachment;
}

const getAttachment: RouteHandler = (ctx) => ({
  status: 200,
  json: attachmentMetadataJson(ctx.site, visibleAttachment(ctx), { baseUrl: ctx.baseUrl }),
});

const getAttachmentContent: RouteHandler = (ctx) => {
  const attachment = visibleAttachment(ctx);
  if (ctx.query.get('redirect') === 'false') {
    return { status: 200, bytes: { contentType: attachment.mimeType, data: attachment.content } };
  }
  return { status: 303, headers: { location: mediaUrl(ctx.baseUrl, attachment) } };
};

export const attachmentRoutes: Record<string, RouteHandler> = {
  'POST /rest/api/3/issue/{issueIdOrKey}/attachments': addAttachment,
  'GET /rest/api/3/attachment/{id}': getAttachment,
  'GET /rest/api/3/attachment/content/{id}': getAttachmentContent,
};
