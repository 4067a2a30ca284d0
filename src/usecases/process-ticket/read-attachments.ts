/**
 * Reads the batch's spreadsheet attachments into rows, never crashing on a file:
 * - each file is marked `parsing` in the KVS before the parser sees it and unmarked after; a mark still
 *   there on a retry means the earlier attempt died or timed out on that file, which is then reported
 *   unreadable instead of being parsed again (the platform retries for 24 h; a poison file must not
 *   burn them). Nothing here writes to the ticket: the caller stores the outcome in the run state;
 * - a create-once lock per (ticket, content hash) makes the same content attached twice count once;
 * - files the app attached itself (a clone's rows) are never read back.
 */
import { contentHash, kvsKeys } from '../../domain/idempotency';
import { serviceAliases, ticketService } from '../../domain/plan/ticket-service';
import type { SourcedEntity, TicketFacts, UnreadableFile } from '../../domain/plan/types';
import type { Settings } from '../../domain/settings';
import type { AttachmentState, BatchState, RunState } from '../../domain/run-state';
import type { ExtraAliases, Service } from '../../domain/services';
import { errorMessage, RetryableError } from '../../domain/errors';
import type { JiraAttachment } from '../../ports/jira';
import type { PipelineDeps, TemplatePort } from './deps';
import { isResultsCsvFileName } from './results-report';
import { settleAll } from './settle';
import { persistently } from './persist';

export interface ReadOutcome {
  state: RunState;
  entities: SourcedEntity[];
  unreadable: UnreadableFile[];
}

export interface ReadOptions {
  service: Service | null;
  extraAliases: ExtraAliases;
}

/** The attachments that may hold a template: spreadsheets, except the results tables the app attached. */
export function templateAttachments<A extends { filename: string }>(attachments: readonly A[], templates: Pick<TemplatePort, 'isSpreadsheet'>): A[] {
  return attachments.filter((a) => templates.isSpreadsheet(a.filename) && !isResultsCsvFileName(a.filename));
}

/**
 * How a ticket's files are read: a clone's rows belong to its own service (`selfService`), anyone
 * else's default to the service the ticket names; the settings add their aliases.
 */
export function readOptionsFor(facts: TicketFacts, state: RunState, settings: Settings): { selfService: Service | null; options: ReadOptions } {
  const selfService = state.role === 'clone' ? state.service : null;
  return { selfService, options: { service: selfService ?? ticketService(facts, settings), extraAliases: serviceAliases(settings) } };
}

/** A file being parsed (KVS `parseMark`): still there on a retry, the file killed the attempt. */
interface ParseMark {
  status: 'parsing';
  batch: string;
}

interface LockValue {
  batch: string;
  attachmentId: string;
}

function setAttachment(state: RunState, id: string, value: AttachmentState): RunState {
  return { ...state, attachments: { ...state.attachments, [id]: value } };
}

/**
 * The problem code of a file an earlier attempt could not read, or died reading (its `parsing` mark is
 * still there): such a file is reported unreadable and never parsed again. Null for any other file.
 */
export function earlierUnreadableCode(previous: AttachmentState | undefined): string | null {
  if (previous?.status === 'parsing') return 'file.parse_died';
  if (previous?.status === 'unreadable') return previous.reason ?? 'file.unreadable';
  return null;
}

function fileProblemMessage(params: Readonly<Record<string, string | number>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export async function readAttachments(
  deps: PipelineDeps,
  issueKey: string,
  startState: RunState,
  batch: BatchState,
  attachments: readonly JiraAttachment[],
  options: ReadOptions,
): Promise<ReadOutcome> {
  const { jira, kvs, templates, clock } = deps;
  let state = startState;
  const entities: SourcedEntity[] = [];
  const unreadable: UnreadableFile[] = [];
  const inBatch = attachments.filter((a) => batch.attachmentIds.includes(a.id));

  // Files that killed an earlier attempt are not downloaded again, let alone parsed.
  const toRead: JiraAttachment[] = [];
  for (const attachment of inBatch) {
    const previous = state.attachments[attachment.id];
    const code = earlierUnreadableCode(previous);
    if (previous && code) {
      unreadable.push({ attachmentId: attachment.id, fileName: attachment.filename, code, message: '' });
      state = setAttachment(state, attachment.id, { ...previous, status: 'unreadable', reason: code });
    } else if (previous?.status === 'duplicate' || previous?.status === 'produced') {
      continue;
    } else {
      toRead.push(attachment);
    }
  }

  // A file whose mark an earlier attempt left behind killed that attempt: it is not downloaded again.
  const marks = await settleAll(toRead.map((a) => (state.attachments[a.id]?.status === 'read' ? Promise.resolve(null) : kvs.get<ParseMark>(kvsKeys.parseMark(issueKey, a.id)))));
  const alive: JiraAttachment[] = [];
  toRead.forEach((attachment, i) => {
    if (marks[i]?.status !== 'parsing') return void alive.push(attachment);
    unreadable.push({ attachmentId: attachment.id, fileName: attachment.filename, code: 'file.parse_died', message: '' });
    state = setAttachment(state, attachment.id, { fileName: attachment.filename, hash: null, status: 'unreadable', batch: batch.id, reason: 'file.parse_died' });
  });
  // A download is a read, safe to repeat on any error.
  const downloads = await settleAll(alive.map((a) => persistently(() => jira.getAttachmentContent(a.id), clock)));
  for (const [index, attachment] of alive.entries()) {
    const bytes = downloads[index] as Uint8Array;
    const hash = contentHash(bytes);
    const base: AttachmentState = { fileName: attachment.filename, hash, status: 'read', batch: batch.id, reason: null };
    if (state.produced.includes(hash)) {
      state = setAttachment(state, attachment.id, { ...base, status: 'produced' });
      continue;
    }
    const lockKey = kvsKeys.attachmentLock(issueKey, hash);
    const lock: LockValue = { batch: batch.id, attachmentId: attachment.id };
    if (!(await kvs.setIfAbsent(lockKey, lock))) {
      const holder = await kvs.get<LockValue>(lockKey);
      if (holder && (holder.batch !== batch.id || holder.attachmentId !== attachment.id)) {
        state = setAttachment(state, attachment.id, { ...base, status: 'duplicate' });
        continue;
      }
    }
    const markKey = kvsKeys.parseMark(issueKey, attachment.id);
    const marked = state.attachments[attachment.id]?.status !== 'read';
    if (marked) {
      // The mark must be stored before parsing starts: it is what a retry finds if parsing kills us.
      // It lives in the KVS, not in the run state, so that marking a file costs no write to the ticket.
      await persistently(() => kvs.set(markKey, { status: 'parsing', batch: batch.id } satisfies ParseMark), clock);
      await deps.hooks?.afterStep?.('attachment-marked', issueKey);
    }
    let problem: { code: string; message: string } | null = null;
    try {
      const result = await templates.read(bytes, attachment.filename, options);
      if (!result.readable || result.entities.length === 0) {
        const first = result.problems[0];
        problem = first
          ? { code: first.code, message: fileProblemMessage(first.params) }
          : { code: 'file.no_rows', message: '' };
      } else {
        for (const entity of result.entities) entities.push({ ...entity, attachmentId: attachment.id, fileName: attachment.filename });
      }
    } catch (error) {
      // No parser could run at all (e.g. no worker thread and no fallback): the system's problem, never the
      // file's. The mark is lifted so the platform's retry reads the file instead of calling it dead.
      if (error instanceof RetryableError) {
        if (marked) await persistently(() => kvs.delete(markKey), clock);
        throw error;
      }
      // Whatever else the reader throws is this file's problem, never the job's.
      problem = { code: 'file.unreadable', message: errorMessage(error) };
    }
    // Parsed (or found unreadable without dying): losing this delete would make the retry of a run that
    // dies later call the file poisonous, so it is retried like the mark.
    if (marked) await persistently(() => kvs.delete(markKey), clock);
    if (problem) {
      unreadable.push({ attachmentId: attachment.id, fileName: attachment.filename, ...problem });
      state = setAttachment(state, attachment.id, { ...base, status: 'unreadable', reason: problem.code });
    } else {
      state = setAttachment(state, attachment.id, base);
    }
  }
  return { state, entities, unreadable };
}
