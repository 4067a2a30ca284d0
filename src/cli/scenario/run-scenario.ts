/**
 * Runs a scenario (a ticket's whole life) through the app's real code: the trigger on every product
 * event, the queue consumer, the panel and settings resolvers called as the chosen user the way the
 * sandbox's bridge calls them, the reference integration backend and the Jira emulator. After every
 * step the app runs to quiescence, so the next step sees what a person would see.
 */
import { createHttpBackendProbe } from '../../adapters/backend/http-client';
import { JiraApiError } from '../../adapters/jira/errors';
import { panelPipeline } from '../../composition/panel-pipeline';
import { firstCertificateUpload } from '../../domain/certificate';
import { parseRunState, RUN_PROPERTY } from '../../domain/run-state';
import { errorMessage } from '../../domain/errors';
import { textToAdf } from '../../domain/report/adf';
import { defaultSettings, parseSettings, type Settings } from '../../domain/settings';
import { DEMO } from '../../emulator';
import { createPanelResolver } from '../../handlers/panel-resolver';
import { blankTemplate, createSettingsHandlers } from '../../handlers/settings-resolver';
import { handleProductEvent } from '../../handlers/trigger';
import type { Lang } from '../../i18n';
import { tScenario } from '../../i18n/catalog/scenario';
import { makeDemoCertificatePem } from '../demo-certificate';
import { appCalls, issuesOf, type IssueSnapshot, type SimulationReport } from '../simulate-report';
import { startSimulationWorld, type SimulationWorld } from '../simulate-world';
import { ScenarioClock, startOfScenarioDay, type DailyWatch } from './clock';
import { worldDailyWatch } from './daily-watch';
import { scenarioCertificate, scenarioFile, ScenarioFileError } from './files';
import { customerViewOf, recordingFetch, type ScenarioIssue, type WireIntegration } from './observe';
import { runPanelAction } from './panel-actions';
import { accountOf, organizationsOf } from './people';
import type { Scenario, Step } from './schema';
import { mergePatch } from './settings-patch';
import { StepFailure } from './step-failure';
import { resolveTicket } from './tickets';

export interface StepReport {
  do: Step['do'];
  ok: boolean;
  error: { code: string; message: string } | null;
  /** The key after raise, the panel state after a panel step, a short answer otherwise. */
  result: unknown;
}

export interface ScenarioReport extends Omit<SimulationReport, 'issues' | 'integrations'> {
  issues: ScenarioIssue[];
  integrations: WireIntegration[];
  steps: StepReport[];
}

/** What changed during one step, for the readable account. */
export interface StepTrace {
  step: Step;
  report: StepReport;
  before: IssueSnapshot[];
  after: IssueSnapshot[];
  integrations: WireIntegration[];
  daysCrossed: string[];
  today: string;
}

export interface RunScenarioOptions {
  /** Paths in the scenario are relative to this directory. */
  dir: string;
  /** The language of the scenario's own messages (the app answers each user in theirs). */
  lang: Lang;
  /** Runs for every Europe/Madrid day a clock step crosses; default: the app's daily watch (issue 15). */
  dailyWatch?: DailyWatch;
  onStep?: (trace: StepTrace) => void;
}

const LOCALES: Readonly<Record<Lang, string>> = { ca: 'ca_ES', es: 'es_ES', en: 'en_US' };
const DAY_MS = 86_400_000;

type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
/** `@forge/resolver`'s getDefinitions() as the platform calls it (the bridge's call and the runtime principal). */
type ResolverDefinitions = (
  request: { call: { functionKey: string; payload: unknown }; context: Record<string, unknown> },
  runtime: { principal: { accountId: string } },
) => Promise<unknown>;

function dataOf(answer: unknown): unknown {
  const envelope = answer as Envelope;
  if (!envelope.ok) throw StepFailure.fromApp(envelope.error.code, envelope.error.message);
  return envelope.data;
}

function mimeTypeOf(fileName: string): string {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    xlsm: 'application/vnd.ms-excel.sheet.macroEnabled.12',
    xls: 'application/vnd.ms-excel',
    ods: 'application/vnd.oasis.opendocument.spreadsheet',
    csv: 'text/csv',
  };
  return types[extension] ?? 'application/octet-stream';
}

async function startingSettings(scenario: Scenario, clock: ScenarioClock): Promise<Settings> {
  const settings = defaultSettings();
  settings.certificate = firstCertificateUpload(Buffer.from(await makeDemoCertificatePem(clock.now())), {
    accountId: DEMO.users.admin,
    at: clock.now(),
  });
  settings.services.MUX.ownerAccountId = DEMO.users.muxOwner;
  if (!scenario.settings) return settings;
  // Checked as any stored document is; an invalid patch stops the scenario before it starts.
  return parseSettings(mergePatch(settings, scenario.settings));
}

class ScenarioRun {
  private origin: string | null = null;
  private readonly settingsHandlers;
  private readonly panel: ResolverDefinitions;
  /** Issue 15's watch over this world, unless the caller brings its own. */
  private readonly dailyWatch: DailyWatch;

  constructor(
    private readonly world: SimulationWorld,
    private readonly clock: ScenarioClock,
    private readonly options: RunScenarioOptions,
  ) {
    const { reference } = world;
    this.dailyWatch = worldDailyWatch(world);
    this.settingsHandlers = createSettingsHandlers((accountId) => ({
      kvs: world.kvs,
      jira: world.jiraAs(accountId),
      clock,
      probe: createHttpBackendProbe({ fetch: (url, init) => fetch(url, init), timeoutMs: 5_000 }),
      allowedEndpoints: reference ? [reference.baseUrl] : [],
      blankTemplate,
    }));
    const pipeline = panelPipeline(world.pipeline);
    this.panel = createPanelResolver((accountId) => ({
      jiraAsUser: world.jiraAs(accountId),
      jiraAsApp: world.jiraAs(world.emulator.site.appAccountId),
      clock,
      pipeline,
    })) as unknown as ResolverDefinitions;
  }

  private get site() {
    return this.world.emulator.site;
  }

  private contextFor(accountId: string, extension: Record<string, unknown>): Record<string, unknown> {
    return { accountId, locale: this.site.user(accountId)?.locale ?? 'ca_ES', extension, timezone: 'Europe/Madrid' };
  }

  private async settingsCall(accountId: string, fn: keyof ReturnType<typeof createSettingsHandlers>, payload: unknown): Promise<unknown> {
    const answer = await this.settingsHandlers[fn]({
      payload,
      context: this.contextFor(accountId, { type: 'jira:projectSettingsPage', project: { key: DEMO.projectKey } }),
    });
    return dataOf(JSON.parse(JSON.stringify(answer)));
  }

  async run(step: Step): Promise<unknown> {
    switch (step.do) {
      case 'raise':
        return this.raise(step);
      case 'attach': {
        const key = resolveTicket(this.site, step.ticket, this.origin);
        const jira = this.world.jiraAs(accountOf(this.site, step.as ?? 'customer'));
        const files = await Promise.all(step.files.map((f) => scenarioFile(f, this.options.dir)));
        for (const file of files) await jira.addAttachment(key, file.filename, file.content, mimeTypeOf(file.filename));
        if (step.comment !== undefined) await jira.addComment(key, { body: textToAdf(step.comment), public: true });
        return { key, files: files.map((f) => f.filename) };
      }
      case 'comment': {
        const key = resolveTicket(this.site, step.ticket, this.origin);
        const jira = this.world.jiraAs(accountOf(this.site, step.as ?? 'customer'));
        const comment = await jira.addComment(key, { body: textToAdf(step.text), public: !step.internal });
        return { key, comment: comment.id };
      }
      case 'settings':
        return this.settings(step);
      case 'backend': {
        if (!this.world.reference) throw new StepFailure('invalid_step', 'error.missingField', { field: 'backend' });
        this.world.reference.acceptToken(step.acceptToken);
        return { acceptToken: step.acceptToken !== null };
      }
      case 'panel': {
        const invoke = this.panelAs(step);
        return runPanelAction(invoke, {
          action: step.action,
          ...(step.ens ? { ens: step.ens } : {}),
          ...(step.date !== undefined ? { date: step.date } : {}),
          ...(step.reason !== undefined ? { reason: step.reason } : {}),
          ...(step.force !== undefined ? { force: step.force } : {}),
          ...(step.format !== undefined ? { format: step.format } : {}),
        });
      }
      case 'clock':
        return this.advance(step);
      case 'lose-run':
        return this.loseRun(step);
    }
  }

  /** Leaves the ticket's run state as a run the platform killed leaves it: running, never finished. */
  private async loseRun(step: Extract<Step, { do: 'lose-run' }>): Promise<unknown> {
    const key = resolveTicket(this.site, step.ticket, this.origin);
    const jira = this.world.jiraAs(this.site.appAccountId);
    const state = parseRunState(await jira.getIssueProperty(key, RUN_PROPERTY));
    if (!state) throw new StepFailure('unknown_ticket', 'error.unknownTicket', { ticket: step.ticket });
    await jira.setIssueProperty(key, RUN_PROPERTY, { ...state, state: 'running', updatedAt: this.clock.now().toISOString() });
    return { key };
  }

  /** The panel's resolver on the step's ticket, as the step's user (what the bridge does for the frame). */
  private panelAs(step: Extract<Step, { do: 'panel' }>) {
    const key = resolveTicket(this.site, step.ticket, this.origin);
    const accountId = accountOf(this.site, step.as ?? 'agent');
    const context = this.contextFor(accountId, {
      type: 'jira:issuePanel',
      issue: { key, type: 'Service Request' },
      project: { key: DEMO.projectKey, type: 'service_desk' },
    });
    return async (functionKey: string, payload: unknown) =>
      dataOf(await this.panel({ call: { functionKey, payload }, context: { ...context, moduleKey: 'setdiba-issue-panel' } }, { principal: { accountId } }));
  }

  /**
   * The panel as the step's user sees it once the app is quiet again: a run's answer is the state when
   * it was queued, and the report wants what the agent sees when it has finished.
   */
  async panelStateAfter(step: Step, answer: unknown): Promise<unknown> {
    if (step.do !== 'panel' || typeof answer !== 'object' || answer === null || !('rows' in answer)) return answer;
    return this.panelAs(step)('getPanelState', {});
  }

  private async raise(step: Extract<Step, { do: 'raise' }>): Promise<unknown> {
    const reporter = accountOf(this.site, step.reporter ?? 'customer');
    const user = this.site.user(reporter);
    if (user && step.lang) user.locale = LOCALES[step.lang];
    const files = await Promise.all(step.files.map((f) => scenarioFile(f, this.options.dir)));
    // The portal creates the request with its files in one step: the app sees one "created" event.
    const issue = this.site.createIssue({
      projectKey: DEMO.projectKey,
      summary: step.summary ?? 'Alta integracions SetDIBA',
      description: step.description ?? '',
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter,
      organizations: organizationsOf(this.site, reporter),
      attachments: files.map((file) => ({ ...file, author: reporter })),
    });
    this.site.deliverEvents();
    this.origin = issue.key;
    return issue.key;
  }

  private async settings(step: Extract<Step, { do: 'settings' }>): Promise<unknown> {
    const accountId = accountOf(this.site, step.as ?? 'admin');
    const answers: Record<string, unknown> = {};
    if (step.certificate !== undefined) {
      const file = await scenarioCertificate(step.certificate, this.options.dir, this.clock.now());
      const data = (await this.settingsCall(accountId, 'uploadCertificate', {
        fileName: file.filename,
        contentBase64: Buffer.from(file.content).toString('base64'),
      })) as { outcome: string; message: string; code?: string };
      if (data.outcome === 'refused') throw StepFailure.fromApp(data.code ?? 'refused', data.message);
      answers['certificate'] = { outcome: data.outcome, message: data.message };
    }
    if (step.backendToken !== undefined) {
      // The page's "test and save" needs an address to try; a scenario sets the token before its backend
      // patch, so it saves as the page's "save anyway" does (the token is still audited).
      answers['backendToken'] = await this.settingsCall(accountId, 'setBackendToken', { token: step.backendToken, saveAnyway: true });
    }
    if (step.patch !== undefined) {
      const page = (await this.settingsCall(accountId, 'getSettingsPage', {})) as { settings: Record<string, unknown>; revision: number };
      const patch = { ...step.patch };
      // The reference backend's address is known only once it runs: "http" without an endpoint means it.
      const backend = patch['backend'] as { mode?: unknown; endpoint?: unknown } | undefined;
      if (backend?.mode === 'http' && backend.endpoint === undefined && this.world.reference) {
        patch['backend'] = { ...backend, endpoint: this.world.reference.baseUrl };
      }
      const data = (await this.settingsCall(accountId, 'saveSettings', {
        settings: mergePatch(page.settings, patch),
        revision: page.revision,
      })) as { outcome: string; message: string; changed?: boolean; errors?: { path: string; message: string }[] };
      if (data.outcome !== 'saved') {
        const detail = (data.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ');
        throw StepFailure.fromApp(data.outcome, detail ? `${data.message} ${detail}` : data.message);
      }
      answers['patch'] = { outcome: data.outcome, changed: data.changed ?? false, message: data.message };
    }
    return answers;
  }

  /** The days crossed by the last clock step (the daily watch ran for each). */
  lastDays: string[] = [];

  private async advance(step: Extract<Step, { do: 'clock' }>): Promise<unknown> {
    const today = this.clock.today();
    const target = step.to !== undefined ? startOfScenarioDay(step.to) : new Date(this.clock.now().getTime() + (step.days ?? 0) * DAY_MS);
    if (step.to !== undefined && step.to <= today) {
      throw new StepFailure('clock_backwards', 'error.clockBackwards', { to: step.to, today });
    }
    const days = this.clock.advanceTo(target);
    this.lastDays = days;
    const watch = this.options.dailyWatch ?? this.dailyWatch;
    for (const day of days) {
      await watch(day);
      await this.world.settle();
    }
    return { today: this.clock.today(), daysCrossed: days };
  }
}

function failureOf(error: unknown, lang: Lang): { code: string; message: string } {
  if (error instanceof StepFailure) {
    return { code: error.code, message: error.localised ?? (error.messageKey ? tScenario(lang, error.messageKey, error.params) : error.message) };
  }
  if (error instanceof ScenarioFileError) return { code: 'file', message: tScenario(lang, 'error.file', { detail: error.message }) };
  if (error instanceof JiraApiError) {
    return { code: `jira_${error.status}`, message: tScenario(lang, 'error.jira', { status: error.status, detail: error.message }) };
  }
  return { code: 'internal', message: tScenario(lang, 'error.internal', { detail: errorMessage(error) }) };
}

export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<{ report: ScenarioReport; failures: string[] }> {
  const clock = new ScenarioClock(scenario.now ? startOfScenarioDay(scenario.now) : null);
  const settings = await startingSettings(scenario, clock);
  const wire: WireIntegration[] = [];
  const world = await startSimulationWorld({
    settings,
    mode: scenario.backend ?? 'http',
    alwaysStartBackend: true,
    clock,
    fetch: recordingFetch(wire),
    // Every event goes to the real trigger, as Forge delivers it; a retry is delivered again at once.
    onEvent: async (event, pipeline) => {
      const outcome = await handleProductEvent(pipeline, event, clock.now());
      if (outcome.status === 'retry') await handleProductEvent(pipeline, event, clock.now());
    },
  });
  try {
    const started = Date.now();
    const run = new ScenarioRun(world, clock, options);
    const steps: StepReport[] = [];
    for (const step of scenario.steps) {
      const before = issuesOf(world.emulator);
      const wireBefore = wire.length;
      run.lastDays = [];
      let report: StepReport;
      try {
        const answer = await run.run(step);
        await world.settle();
        const result = await run.panelStateAfter(step, answer);
        report = { do: step.do, ok: true, error: null, result: result ?? null };
      } catch (error) {
        await world.settle();
        report = { do: step.do, ok: false, error: failureOf(error, options.lang), result: null };
      }
      steps.push(report);
      options.onStep?.({
        step,
        report,
        before,
        after: issuesOf(world.emulator),
        integrations: wire.slice(wireBefore),
        daysCrossed: run.lastDays,
        today: clock.today(),
      });
    }
    const elapsedMs = Date.now() - started;
    const issues: ScenarioIssue[] = [];
    for (const issue of issuesOf(world.emulator)) issues.push({ ...issue, customerView: await customerViewOf(world, issue) });
    const report: ScenarioReport = { issues, integrations: wire, calls: appCalls(world.emulator), elapsedMs, steps };
    return { report, failures: world.queue.dead.length > 0 ? [...world.failures] : [] };
  } finally {
    await world.stop();
  }
}
