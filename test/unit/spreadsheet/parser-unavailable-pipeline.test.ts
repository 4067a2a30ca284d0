/**
 * When no parser can run at all (no worker thread, and the in-process fallback failed too), the reader
 * throws ParserUnavailableError. The pipeline must treat that as the system's problem: the job fails (so
 * the platform retries it), no "damaged file" is recorded, and the file's "parsing" mark is lifted so the
 * retry reads the file instead of reporting it as having killed an attempt.
 */
import { emptyRunState, RUN_PROPERTY, type BatchState } from '../../../src/domain/run-state';
import { MemoryKeyValueStore } from '../../../src/adapters/memory/memory-key-value-store';
import { kvsKeys } from '../../../src/domain/idempotency';
import { ParserUnavailableError } from '../../../src/spreadsheet/parser-host';
import { readAttachments } from '../../../src/usecases/process-ticket/read-attachments';
import type { PipelineDeps } from '../../../src/usecases/process-ticket/deps';
import type { JiraAttachment, JiraPort } from '../../../src/ports/jira';

it('a parser that cannot run fails the job and leaves no mark on the file', async () => {
  const properties: unknown[] = [];
  const jira = {
    getAttachmentContent: async () => new Uint8Array([1, 2, 3]),
    setIssueProperty: async (_key: string, name: string, value: unknown) => {
      if (name === RUN_PROPERTY) properties.push(value);
    },
  } as unknown as JiraPort; // only the two calls reading attachments makes
  // The "parsing" mark lives in the KVS (a write to the ticket per file would cost a Jira call each).
  const kvs = new MemoryKeyValueStore();
  const marks: unknown[] = [];
  const markKey = kvsKeys.parseMark('SUP-1', '10001');
  const set = kvs.set.bind(kvs);
  kvs.set = async (key, value) => {
    if (key === markKey) marks.push(value);
    return set(key, value);
  };
  const deps = {
    jira,
    kvs,
    clock: { now: () => new Date('2027-03-15T10:00:00Z'), sleep: async () => undefined },
    templates: {
      isSpreadsheet: () => true,
      read: async () => {
        throw new ParserUnavailableError('no spreadsheet parser could run (ERR_ACCESS_DENIED)');
      },
      write: async () => new Uint8Array(),
      describe: () => '',
    },
    loadSettings: async () => {
      throw new Error('not used');
    },
    backendFor: () => {
      throw new Error('not used');
    },
  } as unknown as PipelineDeps; // readAttachments uses jira, kvs, clock and templates only
  const attachment = { id: '10001', filename: 'alta.xlsx' } as JiraAttachment;
  const batch = { id: 'b1', attachmentIds: ['10001'] } as BatchState;

  await expect(readAttachments(deps, 'SUP-1', emptyRunState(), batch, [attachment], { service: null, extraAliases: {} })).rejects.toBeInstanceOf(
    ParserUnavailableError,
  );
  // The mark was stored before parsing (a crash must find it) and lifted once the parser proved unavailable;
  // nothing about the file was written to the ticket.
  expect(marks).toEqual([expect.objectContaining({ status: 'parsing' })]);
  await expect(kvs.get(markKey)).resolves.toBeUndefined();
  expect(properties).toEqual([]);
});
