/**
 * Everything a pipeline test needs, started on 127.0.0.1 and stopped after: the Jira emulator with the
 * demo site, the real JiraClient over fetch, memory KVS and queue, the real trigger and consumer
 * handlers, and (for http mode) the reference integration backend. No mocks of Jira.
 */
import type { FetchLike } from '../../../src/adapters/backend/http-client';
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import { MemoryJobQueue } from '../../../src/adapters/memory/memory-job-queue';
import { MemoryKeyValueStore } from '../../../src/adapters/memory/memory-key-value-store';
import { REFERENCE_BACKEND_TOKEN, startReferenceBackend, type ReferenceBackend } from '../../../src/backend-reference/server';
import { issuesOf, type IssueSnapshot } from '../../../src/cli/simulate-report';
import { buildPipeline, type Pipeline } from '../../../src/composition/pipeline';
import { firstCertificateUpload } from '../../../src/domain/certificate';
import { RUN_PROPERTY, type RunState } from '../../../src/domain/run-state';
import { backendTokenSecretKey, defaultSettings, settingsStorageKey, type Settings } from '../../../src/domain/settings';
import { DEMO, startJiraEmulator, type FaultRule, type JiraEmulator, type LatencySpec } from '../../../src/emulator';
import { handleJobDelivery, invocationResult, type ConsumerOutcome } from '../../../src/handlers/consumer';
import { handleProductEvent } from '../../../src/handlers/trigger';
import type { Clock } from '../../../src/ports/clock';
import type { PipelineHooks } from '../../../src/usecases/process-ticket/deps';
import type { PipelineJob } from '../../../src/usecases/process-ticket/job';
import { makeDemoSetdibaCertificate } from '../../fixtures/certificates/generate';

export { DEMO };

/** Real time, but retries and Retry-After waits do not make the tests slow. */
export const fastClock: Clock = { now: () => new Date(), sleep: async () => undefined };

let demoCertificate: Promise<Settings['certificate']> | null = null;
/** The demo SetDIBA CDA certificate as the settings page would store it (generated once per file). */
export function certificateBlock(): Promise<Settings['certificate']> {
  demoCertificate ??= makeDemoSetdibaCertificate().then(({ certificate }) =>
    firstCertificateUpload(Buffer.from(certificate.pem), { accountId: DEMO.users.admin, at: new Date() }),
  );
  return demoCertificate;
}

/** The demo certificate put in the stored settings, as an admin fixing a missing one on the settings page. */
export async function fixCertificate(h: Pick<Harness, 'kvs'>): Promise<void> {
  const key = settingsStorageKey(DEMO.projectKey);
  const stored = (await h.kvs.get<{ revision: number; settings: Settings }>(key))!;
  const settings = structuredClone(stored.settings);
  settings.certificate = structuredClone(await certificateBlock());
  await h.kvs.set(key, { ...stored, revision: stored.revision + 1, settings });
}

/** A ticket as the emulator holds it: labels, comments as people read them. */
export const issueOf = (h: Pick<Harness, 'emulator'>, key: string): IssueSnapshot => issuesOf(h.emulator).find((i) => i.key === key)!;

/** The run state property as Jira stores it (a batch's spilled open rows are only a marker there). */
export const storedRunState = (h: Pick<Harness, 'emulator'>, key: string) => h.emulator.site.issue(key)!.properties.get(RUN_PROPERTY) as RunState;

/** From now on each job pushed is delivered twice, as an at-least-once platform may. */
export function duplicateEveryPush(h: Pick<Harness, 'queue'>): void {
  const push = h.queue.push.bind(h.queue);
  h.queue.push = async (jobs) => {
    await push(jobs);
    h.queue.duplicate((d) => d === h.queue.pending.at(-1));
  };
}

/** What each delivery since the `from`-th came to: the run's outcome ('done', 'continued', …) or the consumer's. */
export const outcomeStatuses = (h: Pick<Harness, 'outcomes'>, from = 0): string[] =>
  h.outcomes.slice(from).map((o) => (o.status === 'processed' ? o.outcome.status : o.status));

/** How many requests reached the integration backend under each idempotency key (http mode). */
export function backendPostsPerKey(h: Pick<Harness, 'backend'>): Map<string, number> {
  const perKey = new Map<string, number>();
  for (const r of h.backend!.requests) {
    if (r.method === 'POST' && r.idempotencyKey !== null) perKey.set(r.idempotencyKey, (perKey.get(r.idempotencyKey) ?? 0) + 1);
  }
  return perKey;
}

export interface HarnessOptions {
  backend?: 'assisted' | 'http';
  settings?: (s: Settings) => void;
  faults?: FaultRule[];
  latency?: LatencySpec;
  randomSeed?: number;
  hooks?: PipelineHooks;
  /** Deliveries after the first before an event is given up (the consumer then reports). */
  maxRetries?: number;
  /** The pipeline's clock (default: real time, waits skipped). */
  clock?: Clock;
  /** A run's time budget before it continues in a new job (default 600 s). */
  runBudgetMs?: number;
  integrationConcurrency?: number;
  /** The app's HTTP to the integration backend (default: global fetch). */
  fetch?: FetchLike;
}

export interface Harness {
  emulator: JiraEmulator;
  kvs: MemoryKeyValueStore;
  queue: MemoryJobQueue<PipelineJob>;
  pipeline: Pipeline;
  backend: ReferenceBackend | null;
  outcomes: ConsumerOutcome[];
  /** Raises a SetDIBA ticket as the SetDIBA customer, with the files attached; returns its key. */
  raise(options: { files: Record<string, Uint8Array>; summary?: string; description?: string; reporter?: string; organizations?: string[]; labels?: string[] }): string;
  /** Delivers every queued job to the real consumer until the queue is empty. */
  drain(concurrency?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const kvs = new MemoryKeyValueStore();
  const queue = new MemoryJobQueue<PipelineJob>({ maxRetries: options.maxRetries ?? 5 });
  const backend = options.backend === 'http' ? await startReferenceBackend() : null;
  const settings = defaultSettings();
  settings.certificate = structuredClone(await certificateBlock());
  settings.services.MUX.ownerAccountId = DEMO.users.muxOwner;
  if (backend) {
    settings.backend = { mode: 'http', endpoint: backend.baseUrl };
    await kvs.setSecret(backendTokenSecretKey(DEMO.projectKey), REFERENCE_BACKEND_TOKEN);
  }
  options.settings?.(settings);
  await kvs.set(settingsStorageKey(DEMO.projectKey), { revision: 1, updatedAt: null, updatedBy: null, settings });

  let pipeline: Pipeline | null = null;
  const triggerErrors: unknown[] = [];
  const emulator = await startJiraEmulator({
    seed: 'demo',
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.latency !== undefined ? { latency: options.latency } : {}),
    randomSeed: options.randomSeed ?? 1,
    onEvent: async (event) => {
      if (!pipeline) return;
      try {
        const outcome = await handleProductEvent(pipeline, event);
        // The platform redelivers an event whose trigger asked for it; here that is at once.
        if (outcome.status === 'retry') await handleProductEvent(pipeline, event);
      } catch (error) {
        triggerErrors.push(error);
      }
    },
  });
  const jira = new JiraClient(
    new FetchJiraTransport({ baseUrl: emulator.baseUrl, identity: { kind: 'app' }, headers: emulator.authHeaders(emulator.site.appAccountId) }),
  );
  pipeline = buildPipeline({
    jira,
    kvs,
    queue,
    clock: options.clock ?? fastClock,
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.runBudgetMs !== undefined ? { runBudgetMs: options.runBudgetMs } : {}),
    ...(options.integrationConcurrency !== undefined ? { integrationConcurrency: options.integrationConcurrency } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const outcomes: ConsumerOutcome[] = [];
  const maxAttempts = (options.maxRetries ?? 5) + 1;
  const consume = async (delivery: Parameters<typeof handleJobDelivery>[1]) => {
    const outcome = await handleJobDelivery(pipeline!, delivery, { maxAttempts });
    outcomes.push(outcome);
    return invocationResult(outcome);
  };

  return {
    emulator,
    kvs,
    queue,
    pipeline,
    backend,
    outcomes,
    raise: ({ files, summary, description, reporter, organizations, labels }) => {
      const issue = emulator.site.createIssue({
        projectKey: DEMO.projectKey,
        summary: summary ?? 'Alta integracions SetDIBA',
        description: description ?? 'Bon dia,\nUs adjuntem la plantilla amb els ens a integrar.',
        requestType: DEMO.requestTypes.altaIntegracio,
        reporter: reporter ?? DEMO.users.setdibaCustomer,
        organizations: organizations ?? [DEMO.organizations.setdiba],
        labels: labels ?? [],
        attachments: Object.entries(files).map(([filename, content]) => ({ filename, content })),
      });
      return issue.key;
    },
    drain: async (concurrency = 1) => {
      await emulator.idle();
      await queue.drain(consume, { concurrency });
      await emulator.idle();
      if (triggerErrors.length > 0) throw triggerErrors[0];
    },
    stop: async () => {
      await emulator.stop();
      await backend?.stop();
    },
  };
}
