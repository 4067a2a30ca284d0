/**
 * `setdiba simulate <file>... [--summary T] [--description T] [--reporter EMAIL] [--org NAME]
 *   [--settings FILE.json] [--backend http|assisted] [--deliveries N] [--concurrent] [--latency MS] [--backend-latency MS]
 *   [--faults SPEC] [--seed N] [--json]`
 *
 * Runs the whole pipeline headless: the Jira emulator in-process with the demo site (project SUP,
 * organization SetDIBA, a SetDIBA customer, agents, the MUX owner) and a demo certificate, a ticket
 * raised with the files attached, the created event delivered N times to the real trigger, the real
 * consumer run to completion over the real JiraClient — then the final state, as text or one JSON
 * document (`--json`, shape in docs/pipeline.md).
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { firstCertificateUpload } from '../domain/certificate';
import { defaultSettings, parseSettings, type Settings } from '../domain/settings';
import { DEMO, type FaultRule, type ProductEvent } from '../emulator';
import { handleProductEvent } from '../handlers/trigger';
import type { Lang } from '../i18n';
import { pipelineText } from '../i18n/catalog/pipeline';
import type { IntegrationBackend } from '../ports/integration-backend';
import { EXIT, type CliCommand, type CliIo } from './command';
import { makeDemoCertificatePem } from './demo-certificate';
import { langFrom, parseCommandArgs, UsageError } from './options';
import { appCalls, formatReport, issuesOf, type IntegrationSnapshot, type SimulationReport } from './simulate-report';
import { runScript } from './simulate-script';
import { startSimulationWorld, type JiraCallTiming } from './simulate-world';
import { VirtualClock } from './simulate-clock';
import { systemClock, type Clock } from '../ports/clock';
import { tScenario } from '../i18n/catalog/scenario';

export interface SimulateOptions {
  files: string[];
  summary: string;
  description: string;
  reporter: string | null;
  org: string | null;
  settingsFile: string | null;
  backend: 'http' | 'assisted' | null;
  deliveries: number;
  concurrent: boolean;
  latencyMs: number;
  faults: FaultRule[];
  seed: number;
  json: boolean;
  /** A scenario file (`--script`): a ticket's whole life instead of one request (simulate-script.ts). */
  script?: string | null;
  /**
   * `--backend-latency MS`: every integration takes this long. Time is then virtual (simulate-clock.ts):
   * a run of many minutes, continuations included, takes seconds.
   */
  backendLatencyMs?: number;
}

/** What `simulate` answers besides the report: the failures, and each Jira call's timing (the bench). */
export interface SimulateResult {
  report: SimulationReport;
  failures: string[];
  jiraCalls: JiraCallTiming[];
  /** Queue jobs pushed (the trigger's, and the continuations of long runs) and delivered. */
  jobs: { pushed: number; deliveries: number; longestMs: number };
  /** From the ticket's creation to the end, on the simulation's clock (virtual with a backend latency). */
  clockElapsedMs: number;
  /** Calls each ens got from the integration backend, whatever the answer (exactly once: all 1). */
  backendCallsPerEns: Map<string, number>;
}

const FAULT_KINDS = new Set(['429', '500', '502', '503', '504', 'drop']);

/** `429:0.2,500:0.1` → a fraction of every Jira call failing that way, drawn from the seed. */
export function parseFaults(spec: string, t: (key: string, params?: Record<string, string>) => string): FaultRule[] {
  if (spec.trim() === '') return [];
  return spec.split(',').map((part) => {
    const [kind = '', rateText = ''] = part.trim().split(':');
    const rate = Number(rateText);
    if (!FAULT_KINDS.has(kind) || !(rate >= 0 && rate <= 1) || rateText === '') {
      throw new UsageError(t('simulate.error.faults', { spec: part }));
    }
    return { route: '*', rate, fault: kind === 'drop' ? 'drop' : Number(kind) };
  });
}

function positiveInt(value: string | undefined, fallback: number, name: string, t: (key: string, params?: Record<string, string>) => string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(t('simulate.error.number', { option: name, value }));
  return n;
}

export function parseSimulateArgs(args: readonly string[], lang: Lang): SimulateOptions {
  const t = pipelineText(lang);
  const { values, positionals } = parseCommandArgs(
    args,
    {
      summary: { type: 'string' },
      description: { type: 'string' },
      reporter: { type: 'string' },
      org: { type: 'string' },
      settings: { type: 'string' },
      backend: { type: 'string' },
      deliveries: { type: 'string' },
      concurrent: { type: 'boolean' },
      latency: { type: 'string' },
      'backend-latency': { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      script: { type: 'string' },
    },
    lang,
  );
  const script = values.script ?? null;
  if (script !== null && positionals.length > 0) throw new UsageError(tScenario(lang, 'usage.withFiles'));
  if (script === null && positionals.length === 0) throw new UsageError(t('simulate.error.noFiles'));
  const backend = values.backend ?? null;
  if (backend !== null && backend !== 'http' && backend !== 'assisted') throw new UsageError(t('simulate.error.backend', { backend }));
  const deliveries = positiveInt(values.deliveries, 1, '--deliveries', t);
  if (deliveries < 1) throw new UsageError(t('simulate.error.number', { option: '--deliveries', value: String(deliveries) }));
  return {
    files: positionals,
    summary: values.summary ?? 'Alta integracions SetDIBA',
    description: values.description ?? '',
    reporter: values.reporter ?? null,
    org: values.org ?? null,
    settingsFile: values.settings ?? null,
    backend,
    deliveries,
    concurrent: values.concurrent ?? false,
    latencyMs: positiveInt(values.latency, 0, '--latency', t),
    backendLatencyMs: positiveInt(values['backend-latency'], 0, '--backend-latency', t),
    faults: parseFaults(values.faults ?? '', t),
    seed: positiveInt(values.seed, 1, '--seed', t),
    json: values.json ?? false,
    script,
  };
}

async function simulationSettings(options: SimulateOptions, io: CliIo): Promise<{ settings: Settings; explicitCertificate: boolean }> {
  if (!options.settingsFile) return { settings: defaultSettings(), explicitCertificate: false };
  const raw: unknown = JSON.parse(await readFile(resolve(io.cwd, options.settingsFile), 'utf8'));
  const document = (raw && typeof raw === 'object' && 'settings' in raw ? (raw as { settings: unknown }).settings : raw) as Record<string, unknown>;
  return { settings: parseSettings(document), explicitCertificate: typeof document === 'object' && document !== null && 'certificate' in document };
}

/**
 * Distinct integrations the assisted backend was asked for (it does nothing remotely), every call per
 * ens, and the backend's latency on the simulation's clock.
 */
function recording(backend: IntegrationBackend, into: IntegrationSnapshot[], calls: Map<string, number>, latency: { clock: Clock; ms: number }): IntegrationBackend {
  const seen = new Set<string>();
  return {
    mode: backend.mode,
    async integrate(request) {
      const ens = `${request.service} ${request.environment} ${request.codiEns}`;
      calls.set(ens, (calls.get(ens) ?? 0) + 1);
      const clock = latency.clock;
      let result: Awaited<ReturnType<IntegrationBackend['integrate']>>;
      if (latency.ms > 0 && clock instanceof VirtualClock) {
        await clock.sleep(latency.ms);
        // The call itself is real work the virtual clock must wait for (simulate-clock.ts).
        result = await clock.hold(() => backend.integrate(request));
      } else {
        if (latency.ms > 0) await clock.sleep(latency.ms);
        result = await backend.integrate(request);
      }
      if (!seen.has(request.idempotencyKey)) {
        seen.add(request.idempotencyKey);
        into.push({
          issue: request.issueKey,
          service: request.service,
          environment: request.environment,
          codiEns: request.codiEns,
          certificateFingerprint: request.certificate.sha256Fingerprint,
          result: result.result,
        });
      }
      return result;
    },
  };
}

export async function simulate(options: SimulateOptions, io: CliIo): Promise<SimulateResult> {
  const files = await Promise.all(
    options.files.map(async (path) => ({ filename: basename(path), content: new Uint8Array(await readFile(resolve(io.cwd, path))) })),
  );
  const { settings, explicitCertificate } = await simulationSettings(options, io);
  if (!explicitCertificate) {
    settings.certificate = firstCertificateUpload(Buffer.from(await makeDemoCertificatePem()), { accountId: DEMO.users.admin, at: new Date() });
  }
  settings.services.MUX.ownerAccountId ??= DEMO.users.muxOwner;
  const recorded: IntegrationSnapshot[] = [];
  const created: ProductEvent[] = [];
  const jiraCalls: JiraCallTiming[] = [];
  const backendCallsPerEns = new Map<string, number>();
  const backendLatencyMs = options.backendLatencyMs ?? 0;
  const clock: Clock = backendLatencyMs > 0 ? new VirtualClock() : systemClock;
  const world = await startSimulationWorld({
    clock,
    settings,
    mode: options.backend ?? settings.backend.mode,
    randomSeed: options.seed,
    latencyMs: options.latencyMs,
    faults: options.faults,
    // The created event is delivered by hand below, as many times as asked (the platform's at-least-once).
    onEvent: (event) => {
      if (event.eventType === 'avi:jira:created:issue' && !event.selfGenerated) created.push(event);
    },
    wrapBackend: (backend) => recording(backend, recorded, backendCallsPerEns, { clock, ms: backendLatencyMs }),
    onJiraCall: (call) => jiraCalls.push(call),
  });
  try {
    const { emulator, reference, pipeline } = world;
    const site = emulator.site;
    // A reporter or organization the demo site does not know is created on the fly.
    const reporterEmail = options.reporter;
    let reporter: string = DEMO.users.setdibaCustomer;
    if (reporterEmail) {
      const known = [...site.users.values()].find((u) => u.emailAddress?.toLowerCase() === reporterEmail.toLowerCase());
      reporter = known?.accountId ?? site.addUser({ accountId: `customer-${reporterEmail.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, displayName: reporterEmail, emailAddress: reporterEmail, accountType: 'customer' }).accountId;
    }
    const orgName = options.org ?? 'SetDIBA';
    const organization = site.organization(orgName) ?? site.addOrganization({ name: orgName, members: [] });
    organization.members.add(reporter);

    const started = Date.now();
    const clockStarted = clock.now().getTime();
    const issue = site.createIssue({
      projectKey: DEMO.projectKey,
      summary: options.summary,
      ...(options.description ? { description: options.description } : {}),
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter,
      organizations: [organization.id],
      attachments: files,
    });
    await emulator.idle();
    const event = created.find((e) => 'issue' in e && e.issue.key === issue.key);
    if (!event) throw new Error(`the emulator emitted no created event for ${issue.key}`);
    const deliver = () => handleProductEvent(pipeline, event);
    if (options.concurrent) await Promise.all(Array.from({ length: options.deliveries }, deliver));
    else for (let i = 0; i < options.deliveries; i++) await deliver();

    await world.settle(options.concurrent ? options.deliveries : 1);
    const elapsedMs = Date.now() - started;
    const integrations: IntegrationSnapshot[] = reference
      ? reference.integrations.map((x) => ({
          issue: x.issueKey,
          service: x.service,
          environment: x.environment,
          codiEns: x.codiEns,
          certificateFingerprint: x.certificateFingerprint,
          result: x.result,
        }))
      : recorded;
    const report: SimulationReport = { issues: issuesOf(emulator), integrations, calls: appCalls(emulator), elapsedMs };
    return {
      report,
      failures: world.queue.dead.length > 0 ? [...world.failures] : [],
      jiraCalls,
      jobs: { pushed: world.queue.pushed.length, deliveries: world.jobDurationsMs.length, longestMs: Math.max(0, ...world.jobDurationsMs) },
      clockElapsedMs: clock.now().getTime() - clockStarted,
      backendCallsPerEns,
    };
  } finally {
    await world.stop();
  }
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  async run(args, io) {
    const lang = langFrom(args);
    const options = parseSimulateArgs(args, lang);
    if (options.script) return runScript({ script: options.script, json: options.json, lang }, io);
    const { report, failures } = await simulate(options, io);
    io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, lang));
    for (const failure of failures) io.stderr(`${pipelineText(lang)('simulate.failed')}: ${failure}\n`);
    return failures.length > 0 ? EXIT.problems : EXIT.ok;
  },
};
