/**
 * The retry-run half of the long-run bench: a ticket whose rows all waited for the certificate, then
 * "Executa" from the panel once it is uploaded, against a backend taking `backendLatencyMs` per ens on
 * the simulation's virtual clock (the world `setdiba simulate` runs in). The retry run is cut by its
 * budget like a batch run and resumes as the same retry in each continuation.
 */
import { firstCertificateUpload } from '../src/domain/certificate';
import { defaultSettings, settingsStorageKey, type Settings } from '../src/domain/settings';
import { DEMO } from '../src/emulator';
import { handleProductEvent } from '../src/handlers/trigger';
import { makeDemoCertificatePem } from '../src/cli/demo-certificate';
import { VirtualClock } from '../src/cli/simulate-clock';
import { startSimulationWorld } from '../src/cli/simulate-world';
import type { IntegrationBackend } from '../src/ports/integration-backend';

export interface LongRetryFigures {
  /** Backend requests per idempotency key. */
  callsPerKey: Map<string, number>;
  integrated: number;
  /** Jobs the retry took: the panel's and its continuations. */
  jobs: number;
  longestJobMs: number;
  virtualMs: number;
  runKinds: string[];
  state: string | null;
  failures: readonly string[];
}

/** A backend that takes `ms` of virtual time per call, counting the calls per idempotency key. */
function slow(backend: IntegrationBackend, clock: VirtualClock, ms: number, calls: Map<string, number>): IntegrationBackend {
  return {
    mode: backend.mode,
    async integrate(request) {
      calls.set(request.idempotencyKey, (calls.get(request.idempotencyKey) ?? 0) + 1);
      await clock.sleep(ms);
      return clock.hold(() => backend.integrate(request));
    },
  };
}

export async function longRetry(workbook: Uint8Array, backendLatencyMs: number): Promise<LongRetryFigures> {
  const clock = new VirtualClock();
  const settings = defaultSettings();
  settings.certificate.current = null;
  const callsPerKey = new Map<string, number>();
  const world = await startSimulationWorld({
    clock,
    settings,
    mode: 'http',
    onEvent: async (event, pipeline) => {
      if (event.eventType === 'avi:jira:created:issue' && !event.selfGenerated) await handleProductEvent(pipeline, event);
    },
    wrapBackend: (backend) => slow(backend, clock, backendLatencyMs, callsPerKey),
  });
  try {
    const issue = world.emulator.site.createIssue({
      projectKey: DEMO.projectKey,
      summary: 'Alta integracions SetDIBA',
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter: DEMO.users.setdibaCustomer,
      organizations: [DEMO.organizations.setdiba],
      attachments: [{ filename: 'plantilla.xlsx', content: workbook }],
    });
    await world.settle();
    // The admin uploads the certificate; an agent presses "Executa".
    const key = settingsStorageKey(DEMO.projectKey);
    const stored = (await world.kvs.get<{ revision: number; settings: Settings }>(key))!;
    const fixed = structuredClone(stored.settings);
    fixed.certificate = firstCertificateUpload(Buffer.from(await makeDemoCertificatePem()), { accountId: DEMO.users.admin, at: clock.now() });
    await world.kvs.set(key, { ...stored, revision: stored.revision + 1, settings: fixed });
    const jobsBefore = world.jobDurationsMs.length;
    const started = clock.now().getTime();
    await world.queue.push([{ issueKey: issue.key, cause: 'panel', reason: 'panel', requestedBy: DEMO.users.agent, queuedAt: clock.now().toISOString() }]);
    await world.settle();
    const jobs = world.jobDurationsMs.slice(jobsBefore);
    const state = world.emulator.site.issue(issue.key)?.properties.get('setdiba.run') as { state?: string; runs?: { kind: string }[] } | undefined;
    return {
      callsPerKey,
      integrated: world.reference?.integrations.filter((x) => x.result === 'integrated').length ?? 0,
      jobs: jobs.length,
      longestJobMs: Math.max(0, ...jobs),
      virtualMs: clock.now().getTime() - started,
      runKinds: (state?.runs ?? []).map((r) => r.kind),
      state: state?.state ?? null,
      failures: world.failures,
    };
  } finally {
    await world.stop();
  }
}
