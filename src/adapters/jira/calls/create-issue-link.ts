import { send, type CallContext } from '../send';

/**
 * POST /rest/api/3/issueLink so that `fromKey` reads "<outward wording> toKey" ("SUP-2 clones SUP-1")
 * and `toKey` reads "<inward wording> fromKey" ("SUP-1 is cloned by SUP-2"). Field reports agree that
 * Jira shows the outward wording on the issue sent as `inwardIssue` (docs/emulator.md, "Links"), the
 * reverse of what the field names suggest; hence the swap.
 */
export async function createIssueLink(ctx: CallContext, typeName: string, fromKey: string, toKey: string): Promise<void> {
  await send(ctx, {
    method: 'POST',
    path: '/rest/api/3/issueLink',
    body: { json: { type: { name: typeName }, inwardIssue: { key: fromKey }, outwardIssue: { key: toKey } } },
  });
}
