/**
 * A watch comment is posted once: the kvs marker is the cheap check, the comment property (the same
 * key the pipeline's comments carry) the one that survives a crash between posting and marking.
 */
import type { AdfDoc } from '../../domain/report/adf';
import { COMMENT_PROPERTY, commentIndex } from '../process-ticket/comments';
import type { DailyWatchDeps } from './deps';
import { watchKeys } from './keys';

export async function postOnce(
  deps: Pick<DailyWatchDeps, 'jira' | 'kvs' | 'clock'>,
  issueKey: string,
  key: string,
  body: AdfDoc,
  isPublic: boolean,
): Promise<boolean> {
  const marker = watchKeys.done(key);
  if ((await deps.kvs.get(marker)) !== undefined) return false;
  const existing = commentIndex(await deps.jira.getComments(issueKey));
  const posted = !existing.has(key);
  if (posted) {
    await deps.jira.addComment(issueKey, { body, public: isPublic, properties: { [COMMENT_PROPERTY]: { key, kind: 'watch' } } });
  }
  await deps.kvs.set(marker, { issueKey, at: deps.clock.now().toISOString() });
  return posted;
}

/** A task without a comment of its own (an integration asked for): create-once on the kvs marker. */
export async function claimOnce(deps: Pick<DailyWatchDeps, 'kvs' | 'clock'>, key: string): Promise<boolean> {
  return deps.kvs.setIfAbsent(watchKeys.done(key), { at: deps.clock.now().toISOString() });
}
