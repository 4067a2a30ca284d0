/**
 * When a run cannot finish — a UserError, or a system error after the platform's last retry — the
 * ticket gets one internal comment saying so and the `setdiba-revisar` label, so a person picks it up.
 * Keyed like every other comment: reporting the same failure twice posts it once.
 */
import { settleAll } from './settle';
import { commentKey } from '../../domain/idempotency';
import { LABEL_REVIEW } from '../../domain/plan/build-plan';
import { failureNotice } from '../../domain/report/notices';
import { pipelineText } from '../../i18n/catalog/pipeline';
import type { PipelineDeps } from './deps';
import { COMMENT_PROPERTY, commentKeysOf } from './comments';
import { projectKeyOf } from './ticket';

export async function reportFailure(
  deps: Pick<PipelineDeps, 'jira' | 'loadSettings'>,
  args: { issueKey: string; kind: 'final' | 'user'; message: string; occurrence: string },
): Promise<void> {
  const settings = await deps.loadSettings(projectKeyOf(args.issueKey));
  const key = commentKey(args.issueKey, args.occurrence, `failure-${args.kind}`);
  const existing = commentKeysOf(await deps.jira.getComments(args.issueKey));
  const work: Promise<unknown>[] = [deps.jira.editIssue(args.issueKey, { labelsAdd: [LABEL_REVIEW] })];
  if (!existing.has(key)) {
    const t = pipelineText(settings.comments.defaultLanguage);
    work.push(
      deps.jira.addComment(args.issueKey, {
        body: failureNotice(args.kind, args.message, t),
        public: false,
        properties: { [COMMENT_PROPERTY]: { key, kind: `failure-${args.kind}` } },
      }),
    );
  }
  await settleAll(work);
}
