import { send, type CallContext } from '../send';

/** POST /rest/api/3/issueLink, e.g. ("Cloners", new ticket, original). */
export async function createIssueLink(
  ctx: CallContext,
  typeName: string,
  outwardKey: string,
  inwardKey: string,
): Promise<void> {
  await send(ctx, {
    method: 'POST',
    path: '/rest/api/3/issueLink',
    body: { json: { type: { name: typeName }, outwardIssue: { key: outwardKey }, inwardIssue: { key: inwardKey } } },
  });
}
