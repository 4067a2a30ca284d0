/**
 * Idempotency keys. Every side effect of the pipeline is named by a key derived only from what
 * identifies it (ticket, attachment content hash, service, ens), never from time or randomness, so a
 * retry, a duplicate delivery or a concurrent run computes the same key and can find the earlier effect.
 */
import { createHash } from 'node:crypto';
import { kvsKeyPart as part } from './kvs-key';

/** SHA-256 of bytes, hex: identifies an attachment's content whatever its name or id. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A short stable key for a tuple. Parts are joined with a separator that cannot occur in them after
 * encoding, so ("a:b", "c") and ("a", "b:c") never collide.
 */
export function idempotencyKey(kind: string, ...parts: readonly string[]): string {
  const digest = createHash('sha256')
    .update([kind, ...parts].map((p) => encodeURIComponent(p)).join('|'))
    .digest('hex')
    .slice(0, 32);
  return `${kind}:${digest}`;
}

/** The batch of attachments a run handles: the same set of contents gives the same batch id. */
export function batchId(issueKey: string, attachmentHashes: readonly string[]): string {
  return idempotencyKey('batch', issueKey, ...[...attachmentHashes].sort());
}

/**
 * One integration of one ens for one service in one environment, requested by one batch of
 * attachments of one ticket (the batch id stands for the attachments' contents).
 */
export function integrationKey(originalKey: string, batch: string, service: string, environment: string, codiEns: string): string {
  return idempotencyKey('integration', originalKey, batch, service, environment, codiEns);
}

/** A comment of a given kind on a ticket for a batch (results, corrections, split notice, …). */
export function commentKey(issueKey: string, batch: string, kind: string): string {
  return idempotencyKey('comment', issueKey, batch, kind);
}

/** KeyValueStore keys, each part encoded to what Forge KVS accepts (see kvs-key.ts). */
export const kvsKeys = {
  /** Serialises runs on one ticket: concurrent deliveries wait for the holder instead of racing it. */
  runLease: (issueKey: string) => `setdiba:lease:${part(issueKey)}`,
  /** A run queued for the ticket and not started yet (src/usecases/process-ticket/queued-run.ts). */
  runQueued: (issueKey: string) => `setdiba:queued:${part(issueKey)}`,
  /** What the run holding the lease is doing now, for the panel (src/usecases/process-ticket/run-progress.ts). */
  runProgress: (issueKey: string) => `setdiba:progress:${part(issueKey)}`,
  /**
   * A batch's open rows too many for the run state property (open-rows-spill.ts), named by their content
   * so an entry is never rewritten; openRowsOf lists a ticket's entries (the prefix ends with ':').
   */
  openRows: (issueKey: string, digest: string) => `setdiba:open-rows:${part(issueKey)}:${part(digest)}`,
  openRowsOf: (issueKey: string) => `setdiba:open-rows:${part(issueKey)}:`,
  /** Create-once per (ticket, attachment content): the same file attached twice is processed once. */
  attachmentLock: (issueKey: string, hash: string) => `setdiba:attachment:${part(issueKey)}:${part(hash)}`,
  /** A file being parsed: left behind only by an attempt that died parsing it (a poison file). */
  parseMark: (issueKey: string, attachmentId: string) => `setdiba:parsing:${part(issueKey)}:${part(attachmentId)}`,
  /** Create-once per cut run (ticket, batch, queue event): one continuation job queued per cut. */
  continuation: (issueKey: string, batch: string, eventId: string) =>
    `setdiba:continuation:${part(issueKey)}:${part(idempotencyKey('continuation', batch, eventId).slice('continuation:'.length))}`,
  /** Create-once per (original ticket, service): at most one clone ticket per service. */
  cloneLock: (originalKey: string, service: string) => `setdiba:clone:${part(originalKey)}:${part(service)}`,
  /** Ens integrated for a service in an environment, whatever ticket asked for it. */
  integrated: (environment: string, service: string, codiEns: string) =>
    `setdiba:integrated:${part(environment)}:${part(service)}:${part(codiEns)}`,
  /**
   * An ens a ticket is still working on for a service (waiting for a confirmation, its production date or
   * a certificate, or handed to an agent's checklist): the registry page lists it until it is integrated.
   */
  inProgress: (environment: string, service: string, codiEns: string, issueKey: string) =>
    `setdiba:in-progress:${part(environment)}:${part(service)}:${part(codiEns)}:${part(issueKey)}`,
} as const;
