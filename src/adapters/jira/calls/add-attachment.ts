import { z } from 'zod';
import type { JiraAttachment } from '../../../ports/jira';
import { JiraResponseShapeError } from '../errors';
import { attachment } from '../schemas';
import { readJson, send, type CallContext } from '../send';
import { encodedPath, type JiraRequest } from '../transport';

/**
 * POST /rest/api/3/issue/{key}/attachments as multipart with a `file` part. Jira blocks the request
 * as XSRF unless it carries `X-Atlassian-Token: no-check`.
 */
export async function addAttachment(
  ctx: CallContext,
  issueKey: string,
  fileName: string,
  content: Uint8Array,
  mimeType: string,
): Promise<JiraAttachment> {
  const form = new FormData();
  // Copy into a fresh ArrayBuffer-backed view: Blob needs ArrayBuffer, not a possibly shared buffer.
  form.append('file', new Blob([new Uint8Array(content)], { type: mimeType }), fileName);
  const request: JiraRequest = {
    method: 'POST',
    path: encodedPath`/rest/api/3/issue/${issueKey}/attachments`,
    headers: { 'X-Atlassian-Token': 'no-check' },
    body: { form },
  };
  const created = await readJson(z.array(attachment), request, await send(ctx, request));
  const first = created[0];
  if (!first) throw new JiraResponseShapeError(request.method, request.path, 'no attachment in the answer');
  return first;
}
