import { send, type CallContext } from '../send';
import { encodedPath } from '../transport';

/**
 * GET /rest/api/3/attachment/content/{id}?redirect=false. Without `redirect=false` Jira answers 303
 * to a media URL outside the product API, which `requestJira` cannot follow with the app's token.
 */
export async function getAttachmentContent(ctx: CallContext, attachmentId: string): Promise<Uint8Array> {
  const response = await send(ctx, {
    method: 'GET',
    path: encodedPath`/rest/api/3/attachment/content/${attachmentId}`,
    query: { redirect: false },
    // The body is the file, whatever its type; asking for JSON only would invite a 406.
    headers: { Accept: '*/*' },
  });
  return response.bytes();
}
