import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { errorMessage } from '../../domain/errors';
import type { AdfDoc, AdfNode, JiraPort } from '../../ports/jira';
import type { RestCall } from '../runtime/types';
import { readForm } from './body';

/**
 * What the ticket view lets a person do without the REST API: comment (public, or internal for an
 * agent), attach a file and move the ticket to another status. The page posts here; the sandbox calls
 * Jira (the emulator) as the page's current user, so Jira's own permissions decide, and the app sees the
 * same events as in Jira. Every action ends in a redirect to the ticket (post-redirect-get), so a reload
 * never repeats it.
 */

/** A comment or a file over this size is refused before it reaches Jira. */
export const ACTION_BODY_LIMIT_BYTES = 25 * 1024 * 1024;
const COMMENT_MAX_CHARS = 30_000;

export interface Transition {
  id: string;
  name: string;
  /** The status it leads to, as Jira names it. */
  to: string;
}

const transitionsSchema = z.object({
  transitions: z.array(z.object({ id: z.string(), name: z.string(), to: z.object({ name: z.string() }).passthrough() }).passthrough()),
});

export async function availableTransitions(rest: RestCall | null, issueKey: string): Promise<Transition[]> {
  if (!rest) return [];
  const answer = await rest('GET', `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`).catch(() => null);
  const parsed = transitionsSchema.safeParse(answer?.json);
  if (!answer || answer.status !== 200 || !parsed.success) return [];
  return parsed.data.transitions.map((t) => ({ id: t.id, name: t.name, to: t.to.name }));
}

export type ActionKind = 'comment' | 'attach' | 'transition';
export type ActionOutcome = { ok: true; kind: ActionKind } | { ok: false; reason: string | null };

/** Plain text → ADF paragraphs, one per line, as Jira's editor would store what was typed. */
function textToAdf(text: string): AdfDoc {
  return {
    type: 'doc',
    version: 1,
    content: text.split(/\r?\n/).map((line): AdfNode => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
  };
}

/** Jira's error body (`errorMessages`, `errors`) in one sentence, or null. */
function jiraReason(json: unknown): string | null {
  const parsed = z.object({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() }).safeParse(json);
  if (!parsed.success) return null;
  const parts = [...(parsed.data.errorMessages ?? []), ...Object.values(parsed.data.errors ?? {})];
  return parts.length > 0 ? parts.join(' ') : null;
}

export async function performTicketAction(
  kind: ActionKind,
  request: IncomingMessage,
  issueKey: string,
  jira: JiraPort,
  rest: RestCall | null,
  mayWriteInternal: boolean,
): Promise<ActionOutcome> {
  const form = await readForm(request, ACTION_BODY_LIMIT_BYTES);
  try {
    if (kind === 'comment') {
      const text = String(form.get('body') ?? '').trim();
      if (!text) return { ok: false, reason: null };
      const internal = form.get('internal') === 'on' && mayWriteInternal;
      await jira.addComment(issueKey, { body: textToAdf(text.slice(0, COMMENT_MAX_CHARS)), public: !internal });
      return { ok: true, kind };
    }
    if (kind === 'attach') {
      const file = form.get('file');
      if (!(file instanceof File) || file.size === 0) return { ok: false, reason: null };
      const name = file.name.replace(/[\\/]/g, '_').slice(0, 255) || 'file';
      await jira.addAttachment(issueKey, name, new Uint8Array(await file.arrayBuffer()), file.type || 'application/octet-stream');
      return { ok: true, kind };
    }
    const id = String(form.get('transition') ?? '');
    if (!rest || !/^\d{1,9}$/.test(id)) return { ok: false, reason: null };
    const answer = await rest('POST', `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`, { transition: { id } });
    if (answer.status >= 300) return { ok: false, reason: jiraReason(answer.json) ?? `HTTP ${answer.status}` };
    return { ok: true, kind };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
}

/** Where the browser goes after an action: back to the ticket, with what happened in the query. */
export function afterAction(issueKey: string, outcome: ActionOutcome): string {
  const query = outcome.ok ? `done=${outcome.kind}` : outcome.reason ? `error=${encodeURIComponent(outcome.reason.slice(0, 300))}` : 'error=';
  return `/browse/${issueKey}?${query}#actions`;
}
