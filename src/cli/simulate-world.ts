/**
 * The simulated world `setdiba simulate` runs in, with or without a scenario: the Jira emulator with the
 * demo site, the reference integration backend, and the app's real pipeline (trigger, queue consumer)
 * over the fetch transport, all on 127.0.0.1 and all reading one clock. The sandbox (`npm start`) wires
 * the same pieces for a browser; this is the headless wiring, drained on demand instead of by a timer.
 */
import { createIntegrationBackend } from '../adapters/backend/create-backend';
import type { FetchLike } from '../adapters/backend/http-client';
import { FetchJiraTransport } from '../adapters/http/fetch-transport';
import { JiraClient } from '../adapters/jira/jira-client';
import type { JiraTransport } from '../adapters/jira/transport';
import { MemoryJobQueue } from '../adapters/memory/memory-job-queue';
import { MemoryKeyValueStore } from '../adapters/memory/memory-key-value-store';
import { REFERENCE_BACKEND_TOKEN, startReferenceBackend, type ReferenceBackend } from '../backend-reference/server';
import { buildPipeline, type Pipeline } from '../composition/pipeline';
import { errorMessage } from '../domain/errors';
import { backendTokenSecretKey, settingsStorageKey, type Settings } from '../domain/settings';
import { DEMO, startJiraEmulator, type FaultRule, type JiraEmulator, type ProductEvent } from '../emulator';
import { handleJobDelivery, invocationResult } from '../handlers/consumer';
import { systemClock, type Clock } from '../ports/clock';
import type { IntegrationBackend } from '../ports/integration-backend';
import type { PipelineJob } from '../usecases/process-ticket/job';

export interface WorldOptions {
  /** The starting settings; the backend block is filled in here (the reference backend's address). */
  settings: Settings;
  mode: 'http' | 'assisted';
  /** Start the reference backend even in assisted mode (a scenario may switch to http later). */
  alwaysStartBackend?: boolean;
  clock?: Clock;
  randomSeed?: number;
  latencyMs?: number;
  faults?: FaultRule[];
  /** Every product event of the site (the app's own included), once the pipeline exists. */
  onEvent?: (event: ProductEvent, pipeline: Pipeline) => Promise<void> | void;
  /**
   * Fixes the backend to the starting settings' one, wrapped (simulate counts what an assisted run asked
   * for). Without it every run builds its backend from the settings of the moment, as in Forge.
   */
  wrapBackend?: (backend: IntegrationBackend) => IntegrationBackend;
  /** The app's outgoing HTTP (to the integration backend); default: global fetch. */
  fetch?: FetchLike;
  /** Told of every Jira call the app made, when it started and ended (the bench's round trips). */
  onJiraCall?: (call: JiraCallTiming) => void;
}

/** One Jira REST call as the app saw it: what, and when (ms on the process's monotonic clock). */
export interface JiraCallTiming {
  method: string;
  path: string;
  startMs: number;
  endMs: number;
}

/** The transport, timing each call for `onJiraCall`. */
function timed(transport: JiraTransport, onCall: (call: JiraCallTiming) => void): JiraTransport {
  return {
    identity: transport.identity,
    async request(request) {
      const startMs = performance.now();
      try {
        return await transport.request(request);
      } finally {
        onCall({ method: request.method, path: request.path, startMs, endMs: performance.now() });
      }
    },
  };
}

export interface SimulationWorld {
  emulator: JiraEmulator;
  reference: ReferenceBackend | null;
  kvs: MemoryKeyValueStore;
  queue: MemoryJobQueue<PipelineJob>;
  pipeline: Pipeline;
  clock: Clock;
  /** Jira as this account, over REST: what that person may see and do. */
  jiraAs(accountId: string): JiraClient;
  /** Runs the app to quiescence: every event handled, every queued job (and what it queues) delivered. */
  settle(concurrency?: number): Promise<void>;
  /** Errors of deliveries that threw, distinct, in order. */
  readonly failures: readonly string[];
  /** How long each job delivery took on the world's clock, in order. */
  readonly jobDurationsMs: readonly number[];
  stop(): Promise<void>;
}

const MAX_RETRIES = 10;

export async function startSimulationWorld(options: WorldOptions): Promise<SimulationWorld> {
  const clock = options.clock ?? systemClock;
  const settings = options.settings;
  const kvs = new MemoryKeyValueStore();
  const reference =
    options.mode === 'http' || options.alwaysStartBackend ? await startReferenceBackend({ now: () => clock.now() }) : null;
  if (options.mode === 'http' && reference) settings.backend = { mode: 'http', endpoint: reference.baseUrl };
  else settings.backend = { mode: 'assisted', endpoint: null };
  if (reference) await kvs.setSecret(backendTokenSecretKey(DEMO.projectKey), REFERENCE_BACKEND_TOKEN);
  await kvs.set(settingsStorageKey(DEMO.projectKey), { revision: 1, updatedAt: null, updatedBy: null, settings });

  // The pipeline needs the emulator's address, and the emulator's listener needs the pipeline.
  let listener: (event: ProductEvent) => Promise<void> = async () => undefined;
  let emulator: JiraEmulator;
  try {
    emulator = await startJiraEmulator({
      seed: 'demo',
      randomSeed: options.randomSeed ?? 1,
      ...(options.latencyMs ? { latency: options.latencyMs } : {}),
      faults: options.faults ?? [],
      now: () => clock.now(),
      onEvent: (event) => listener(event),
    });
  } catch (error) {
    await reference?.stop();
    throw error;
  }

  const clients = new Map<string, JiraClient>();
  const jiraAs = (accountId: string): JiraClient => {
    let client = clients.get(accountId);
    if (!client) {
      const isApp = accountId === emulator.site.appAccountId;
      const identity = isApp ? ({ kind: 'app' } as const) : ({ kind: 'user', accountId } as const);
      const transport = new FetchJiraTransport({ baseUrl: emulator.baseUrl, identity, headers: emulator.authHeaders(accountId), timeoutMs: 30_000 });
      client = new JiraClient(isApp && options.onJiraCall ? timed(transport, options.onJiraCall) : transport);
      clients.set(accountId, client);
    }
    return client;
  };

  const queue = new MemoryJobQueue<PipelineJob>({ maxRetries: MAX_RETRIES });
  const appFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const pipeline = buildPipeline({
    jira: jiraAs(emulator.site.appAccountId),
    kvs,
    queue,
    clock,
    fetch: appFetch,
    ...(options.wrapBackend
      ? { backend: options.wrapBackend(createIntegrationBackend(settings.backend, { secrets: kvs, projectKey: DEMO.projectKey, fetch: appFetch })) }
      : {}),
  });
  const onEvent = options.onEvent;
  if (onEvent) listener = async (event) => onEvent(event, pipeline);

  const failures: string[] = [];
  const jobDurationsMs: number[] = [];
  const consume = async (delivery: Parameters<Parameters<typeof queue.drain>[0]>[0]) => {
    const started = clock.now().getTime();
    try {
      return invocationResult(await handleJobDelivery(pipeline, delivery, { maxAttempts: MAX_RETRIES + 1, now: () => clock.now() }));
    } catch (error) {
      const message = errorMessage(error);
      if (!failures.includes(message)) failures.push(message);
      throw error;
    } finally {
      jobDurationsMs.push(clock.now().getTime() - started);
    }
  };

  return {
    emulator,
    reference,
    kvs,
    queue,
    pipeline,
    clock,
    jiraAs,
    failures,
    jobDurationsMs,
    async settle(concurrency = 1) {
      // Events reach the trigger after the emulator answers; jobs may raise tickets that raise events.
      for (let round = 0; round < 50; round++) {
        await emulator.idle();
        if (queue.pending.length === 0) return;
        await queue.drain(consume, { concurrency });
      }
      throw new Error('the app did not settle after 50 rounds of events and jobs');
    },
    async stop() {
      try {
        await emulator.stop();
      } finally {
        await reference?.stop();
      }
    },
  };
}
