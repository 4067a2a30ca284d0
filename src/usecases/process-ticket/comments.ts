/**
 * The comments of a run: per ticket at most one public comment (split notice, MUX dates, what to
 * correct, unreadable files, in the requester's language) and one internal results comment (in the
 * agents' language). Each carries an idempotency key as a comment property; a comment whose key is
 * already on the ticket is not posted again.
 */
import { commentKey } from '../../domain/idempotency';
import type { PostedComment } from '../../domain/run-state';
import { doc, rule, type AdfDoc } from '../../domain/report/adf';
import type { JiraComment, JiraPort } from '../../ports/jira';

export const COMMENT_PROPERTY = 'setdiba.comment';

export type CommentKind = 'public' | 'results';

export interface PlannedComment {
  issueKey: string;
  kind: CommentKind;
  key: string;
  public: boolean;
  body: AdfDoc;
  /** The MUX ens (muxToldKey) whose production date this comment gives or asks for. */
  muxTold?: readonly string[];
}

/** Sections (null when not needed) joined into one document with a rule between them. */
export function joinSections(sections: readonly (AdfDoc | null)[]): AdfDoc | null {
  const present = sections.filter((s): s is AdfDoc => s !== null && s.content.length > 0);
  if (present.length === 0) return null;
  return doc(...present.flatMap((section, i) => (i === 0 ? section.content : [rule(), ...section.content])));
}

export function plannedComment(
  issueKey: string,
  batch: string,
  kind: CommentKind,
  body: AdfDoc | null,
  isPublic: boolean,
): PlannedComment | null {
  return body ? { issueKey, kind, key: commentKey(issueKey, batch, kind), public: isPublic, body } : null;
}

/** The app's comments on a ticket: idempotency key → comment id. */
export function commentIndex(comments: readonly JiraComment[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const comment of comments) {
    const value = comment.properties[COMMENT_PROPERTY] as { key?: unknown } | undefined;
    if (value && typeof value.key === 'string' && !index.has(value.key)) index.set(value.key, comment.id);
  }
  return index;
}

/**
 * What a MUX notice said of one ens: its production date, or that SetDIBA has to give one. A later
 * notice names the ens again only when this changes (a date given since), never to repeat itself.
 */
export function muxToldKey(ens: string, date: string | null | undefined): string {
  return `${ens}|${date ?? ''}`;
}

/**
 * What the app's earlier comments on a ticket said of its MUX ens (muxToldKey), leaving out the comment
 * keyed `except` (the run's own, found again on a retry of the same batch).
 */
export function muxToldOn(comments: readonly JiraComment[], except: string): Set<string> {
  const told = new Set<string>();
  for (const comment of comments) {
    const value = comment.properties[COMMENT_PROPERTY] as { key?: unknown; muxTold?: unknown } | undefined;
    if (!value || value.key === except || !Array.isArray(value.muxTold)) continue;
    for (const key of value.muxTold) if (typeof key === 'string') told.add(key);
  }
  return told;
}

/**
 * Posts the comments whose key is not in `existing` (key → id). Answers every planned comment with its
 * id, whether posted now or found from an earlier attempt, for the run's history.
 */
export async function postMissing(
  jira: JiraPort,
  comments: readonly PlannedComment[],
  existing: ReadonlyMap<string, string>,
): Promise<PostedComment[]> {
  const posted: PostedComment[] = [];
  for (const comment of comments) {
    const known = existing.get(comment.key);
    if (known) {
      posted.push({ issueKey: comment.issueKey, id: known, public: comment.public });
      continue;
    }
    const added = await jira.addComment(comment.issueKey, {
      body: comment.body,
      public: comment.public,
      properties: {
        [COMMENT_PROPERTY]: { key: comment.key, kind: comment.kind, ...(comment.muxTold?.length ? { muxTold: comment.muxTold } : {}) },
      },
    });
    posted.push({ issueKey: comment.issueKey, id: added.id, public: comment.public });
  }
  return posted;
}
