import { FetchJiraTransport } from '../../adapters/http/fetch-transport';
import { JiraClient } from '../../adapters/jira/jira-client';
import { MemoryKeyValueStore } from '../../adapters/memory/memory-key-value-store';
import { createHttpBackendProbe } from '../../adapters/backend/http-client';
import { startReferenceBackend, type ReferenceBackend } from '../../backend-reference/server';
import { buildPipeline, type Pipeline } from '../../composition/pipeline';
import { errorMessage } from '../../domain/errors';
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../emulator';
import { handleJobDelivery, invocationResult } from '../../handlers/consumer';
import { PORTAL_FUNCTIONS } from '../../contracts/portal';
import { REGISTRY_FUNCTIONS } from '../../contracts/registry';
import { SETTINGS_FUNCTIONS } from '../../contracts/settings';
import { createPanelResolver } from '../../handlers/panel-resolver';
import { createRegistryHandlers } from '../../handlers/registry-resolver';
import { createPortalHandlers } from '../../handlers/portal-resolver';
import { writeTableWorkbook } from '../../spreadsheet/write-workbook';
import { blankTemplate, createSettingsHandlers, dryParseTemplate } from '../../handlers/settings-resolver';
import { handleProductEvent } from '../../handlers/trigger';
import { ScenarioClock } from '../../cli/scenario/clock';
import { panelPipeline as watchPanelPipeline } from '../../composition/panel-pipeline';
import { runDailyWatch, type WatchAction } from '../../usecases/daily-watch';
import type { JiraPort } from '../../ports/jira';
import type { PipelineJob } from '../../usecases/process-ticket/job';
import { Activity } from './activity';
import { demoUsers, organizationsOf } from './demo-users';
import { JobPump } from './job-pump';
import { sandboxPanelPipeline } from './panel-pipeline';
import { SAMPLE_REQUESTS } from './samples';
import { seedSettings } from './seed-settings';
import { handlerDefinitions } from './handler-definitions';
import { seedRegistry } from './registry-seed';
import type { PartStatus, ResolverDefinitions, SandboxRuntime, UiResource } from './types';

export interface RuntimeOptions {
  log?: (line: string) => void;
  /** Generated registry entries to seed (the project page on a registry SetDIBA's size); 0 by default. */
  registryEntries?: number;
  /**
   * How long the app waits for the integration backend (the app's default otherwise). Browser tests that
   * hold the backend (holdBackend) raise it, so a held answer is not taken for a backend that hangs.
   */
  backendTimeoutMs?: number;
}

/**
 * Assembles the sandbox from the app's real pieces, wired as Forge wires them but over local
 * transports: the Jira emulator with its demo site (REST over fetch), the real trigger and queue
 * consumer (a memory queue with at-least-once delivery), the real resolvers, and the reference
 * integration backend. The project starts configured (MUX owner, demo certificate, the reference
 * backend in http mode) so that a raised request goes all the way through.
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<SandboxRuntime> {
  const log = options.log ?? (() => undefined);
  const activity = new Activity();
  const parts: PartStatus[] = [];
  const kvs = new MemoryKeyValueStore();
  // Real time until "next day" moves it on (the daily watch, issue 15); everything reads this clock.
  const clock = new ScenarioClock();

  const [backend, emulatorBox] = await Promise.all([
    startReferenceBackend(),
    (async () => {
      let onEvent: (event: unknown) => Promise<void> = async () => undefined;
      const emulator = await startJiraEmulator({
        seed: 'demo',
        // The page itself is a client of the emulator; a problem it causes is logged, not thrown at stop.
        failOnViolations: false,
        now: () => clock.now(),
        onEvent: (event) => onEvent(event),
      });
      return { emulator, setListener: (listener: typeof onEvent) => (onEvent = listener) };
    })(),
  ]);
  const emulator: JiraEmulator = emulatorBox.emulator;
  parts.push({ name: 'Jira emulator', ok: true, detail: `${emulator.baseUrl} (demo site, project ${DEMO.projectKey})` });
  parts.push({ name: 'Reference integration backend', ok: true, detail: backend.baseUrl });

  const clients = new Map<string, JiraClient>();
  const jiraAs = (accountId: string): JiraClient => {
    let client = clients.get(accountId);
    if (!client) {
      const identity = accountId === emulator.site.appAccountId ? ({ kind: 'app' } as const) : ({ kind: 'user', accountId } as const);
      client = new JiraClient(new FetchJiraTransport({ baseUrl: emulator.baseUrl, identity, headers: emulator.authHeaders(accountId) }));
      clients.set(accountId, client);
    }
    return client;
  };
  const jiraAsApp = jiraAs(emulator.site.appAccountId);

  const settingsSeed = await seedSettings(kvs, backend);
  parts.push({ name: 'Project settings', ok: true, detail: settingsSeed });

  const pump = new JobPump<PipelineJob>(activity, (job) => job.issueKey, log);
  const pipeline: Pipeline = buildPipeline({
    jira: jiraAsApp,
    kvs,
    queue: pump,
    clock,
    fetch: (url, init) => fetch(url, init),
    ...(options.backendTimeoutMs !== undefined ? { backendTimeoutMs: options.backendTimeoutMs } : {}),
  });
  pump.setConsumer(async (delivery) => invocationResult(await handleJobDelivery(pipeline, delivery, { maxAttempts: 4 })));
  emulatorBox.setListener(async (event) => {
    activity.changed();
    try {
      const outcome = await handleProductEvent(pipeline, event);
      // The platform redelivers an event whose trigger asked for a retry; the sandbox does so at once.
      if (outcome.status === 'retry') await handleProductEvent(pipeline, event);
    } catch (error) {
      log(`[sandbox] trigger failed: ${errorMessage(error)}`);
    }
  });
  parts.push({ name: 'App: trigger and queue consumer', ok: true, detail: 'src/handlers/trigger.ts, src/handlers/consumer.ts over a memory queue (at least once)' });

  const resolvers: Partial<Record<UiResource, ResolverDefinitions>> = {};
  const settingsHandlers = createSettingsHandlers((accountId) => ({
    kvs,
    jira: jiraAs(accountId),
    clock,
    probe: createHttpBackendProbe({ fetch: (url, init) => fetch(url, init), timeoutMs: 5_000 }),
    // The sandbox's own backend is the one address this "installation" may call.
    allowedEndpoints: [backend.baseUrl],
    blankTemplate,
    jiraAsApp,
    dryParse: dryParseTemplate,
  }));
  resolvers['project-settings'] = handlerDefinitions(SETTINGS_FUNCTIONS, settingsHandlers);
  parts.push({ name: 'App: settings resolver', ok: true, detail: 'src/handlers/settings-resolver.ts' });

  const panelPipeline = sandboxPanelPipeline(pipeline);
  resolvers['issue-panel'] = createPanelResolver((accountId) => ({
    jiraAsUser: jiraAs(accountId),
    jiraAsApp,
    clock,
    pipeline: panelPipeline.pipeline,
  })) as ResolverDefinitions;
  parts.push({ name: 'App: issue panel resolver', ok: panelPipeline.ok, detail: panelPipeline.detail });

  resolvers['project-page'] = handlerDefinitions(
    REGISTRY_FUNCTIONS,
    createRegistryHandlers((accountId) => ({
      kvs,
      jira: jiraAs(accountId),
      tableWorkbook: async (sheetName, header, rows) => writeTableWorkbook({ sheetName, header, rows }),
    })),
  );
  // Both customer portal modules share one resolver, as in the manifest.
  const portal = handlerDefinitions(
    PORTAL_FUNCTIONS,
    createPortalHandlers((accountId) => ({
      panel: { jiraAsUser: jiraAs(accountId), jiraAsApp, clock, pipeline: panelPipeline.pipeline },
      kvs,
      blankTemplate: async (service, lang) => (await blankTemplate(service, lang)).content,
    })),
  );
  resolvers['portal-request'] = portal;
  resolvers['portal-check'] = portal;
  parts.push({ name: 'App: customer portal resolver', ok: panelPipeline.ok, detail: 'src/handlers/portal-resolver.ts' });
  const seeded = await seedRegistry(kvs, DEMO.projectKey, options.registryEntries ?? 0);
  parts.push({ name: 'App: registry resolver', ok: true, detail: `src/handlers/registry-resolver.ts; ${seeded}` });
  parts.push({ name: 'Sample templates', ok: true, detail: SAMPLE_REQUESTS.map((s) => s.id).join(', ') });

  const users = demoUsers(emulator.site);

  return {
    projectKey: DEMO.projectKey,
    parts,
    users,
    activity,
    samples: SAMPLE_REQUESTS,
    displayName: (accountId) => emulator.site.user(accountId)?.displayName ?? accountId,
    jiraAs: (accountId: string): JiraPort | null => (users.some((u) => u.accountId === accountId) ? jiraAs(accountId) : null),
    jiraAsApp,
    restAs: (accountId: string) =>
      users.some((u) => u.accountId === accountId)
        ? async (method, path, body) => {
            const response = await fetch(`${emulator.baseUrl}${path}`, {
              method,
              headers: { ...emulator.authHeaders(accountId), accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
              ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
            const text = await response.text();
            return { status: response.status, json: parseJsonOrNull(text) };
          }
        : null,
    resolvers,
    seedRegistry: (count) => seedRegistry(kvs, DEMO.projectKey, count),
    // The customer portal creates the request with its attachments in one step, so the app sees one
    // "created" event with the files already there (the REST API would need two calls and two events).
    raiseRequest: async (user, input) => {
      const issue = emulator.site.createIssue({
        projectKey: DEMO.projectKey,
        summary: input.summary,
        description: input.description,
        requestType: DEMO.requestTypes.altaIntegracio,
        reporter: user.accountId,
        organizations: organizationsOf(emulator.site, user.accountId),
        attachments: input.files.map((file) => ({ filename: file.fileName, content: file.bytes, author: user.accountId })),
      });
      // What the create screen's property panels submitted is saved with the request, before any event.
      for (const [key, value] of Object.entries(input.properties ?? {})) issue.properties.set(key, value);
      // Events made outside an HTTP request wait for the next response; this one is delivered now.
      emulator.site.deliverEvents();
      activity.changed();
      return { issueKey: issue.key };
    },
    nextDay: async () => {
      const days = clock.advanceTo(new Date(clock.now().getTime() + 86_400_000));
      const actions: WatchAction[] = [];
      const watchDeps = { jira: pipeline.deps.jira, kvs, clock, panel: watchPanelPipeline(pipeline), loadSettings: pipeline.deps.loadSettings };
      for (const day of days) actions.push(...(await runDailyWatch(watchDeps, day)).actions);
      activity.changed();
      return { today: clock.today(), actions };
    },
    holdJobs: () => pump.hold(),
    holdBackend: () => backend.hold(),
    idle: async () => {
      // Events are handed to the trigger after the emulator answers; jobs may push more jobs.
      for (let i = 0; i < 10; i += 1) {
        await emulator.idle();
        await pump.idle();
        if (activity.idle && pump.queue.pending.length === 0) return;
      }
    },
    stop: async () => {
      await pump.stop();
      await emulator.stop();
      await backend.stop();
    },
  };
}

export type { ReferenceBackend };

/** A body that is not JSON (an HTML error page, an empty 204) reads as null, like the Forge bridge does. */
function parseJsonOrNull(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
