/**
 * The panel's resolver against the Jira emulator: who may do what. Jira is reached over HTTP on
 * 127.0.0.1 as the calling user (permissions) and as the app (writes), exactly as in Forge; the ticket
 * pipeline is a recording stand-in, because these tests are about the checks in front of it.
 */
import { FetchJiraTransport } from '../../../src/adapters/http/fetch-transport';
import { JiraClient } from '../../../src/adapters/jira/jira-client';
import type { Plan, PlannedRow, SourcedEntity } from '../../../src/domain/plan';
import { defaultSettings } from '../../../src/domain/settings';
import { DEMO, startJiraEmulator, type JiraEmulator } from '../../../src/emulator';
import { PANEL_FUNCTIONS, type PanelFunction } from '../../../src/contracts/panel';
import { handlePanelCall, type PanelCall } from '../../../src/handlers/panel-resolver';
import type { PanelDeps, PanelPipeline, RunRequest } from '../../../src/usecases/panel';
import { PANEL_PROPERTY } from '../../../src/usecases/panel';
import { sourcedEntity } from '../../fixtures/entities';

const U = DEMO.users;

function entity(row: number, service: SourcedEntity['service'], overrides: Partial<SourcedEntity> = {}): SourcedEntity {
  return sourcedEntity({
    attachmentId: '900',
    fileName: 'plantilla.xlsx',
    sheet: 'Full1',
    row,
    service,
    name: `Ajuntament ${row}`,
    codiEns: '0801930008',
    ine: '08019',
    nif: 'P0801900B',
    dir3: 'L01080193',
    productionDate: service === 'MUX' ? '2026-01-15' : null,
    ...overrides,
  });
}

function plannedRow(e: SourcedEntity, decision: PlannedRow['decision']): PlannedRow {
  return { entity: e, decision, problems: e.problems };
}

function planFor(issueKey: string): Plan {
  return {
    ticketKey: issueKey,
    splitMode: 'original-keeps-first',
    certificate: 'valid',
    services: [
      {
        service: 'MUX',
        target: { kind: 'self' },
        environment: 'PRO',
        rows: [plannedRow(entity(2, 'MUX'), 'mux-pending')],
        labels: ['setdiba', 'setdiba-mux', 'setdiba-pendent-data-pro'],
        assignee: U.muxOwner,
        reviewReasons: [],
      },
      {
        service: 'e-NOTUM',
        target: { kind: 'new' },
        environment: 'PRO',
        rows: [
          plannedRow(
            entity(3, 'e-NOTUM', {
              problems: [{ field: 'name', code: 'name.mismatch', severity: 'warning', column: 'Ens', value: 'Ajuntament 3', params: {} }],
            }),
            'wait',
          ),
        ],
        labels: ['setdiba', 'setdiba-e-notum'],
        assignee: null,
        reviewReasons: ['waiting-confirmation'],
      },
    ],
    unassigned: [],
    unreadable: [],
    selfLabels: ['setdiba', 'setdiba-mux'],
    selfReviewReasons: [],
  };
}

function recordingPipeline(emulator: JiraEmulator, muxOwner: string | null) {
  const runs: RunRequest[] = [];
  const pipeline: PanelPipeline = {
    async preview(issueKey) {
      const issue = emulator.site.issue(issueKey);
      if (!issue) return null;
      const settings = defaultSettings();
      settings.services.MUX.ownerAccountId = muxOwner;
      const recognised = issue.labels.includes('setdiba') || issue.organizationIds.includes(DEMO.organizations.setdiba);
      return {
        facts: {
          key: issueKey,
          projectKey: DEMO.projectKey,
          summary: issue.summary,
          descriptionText: '',
          labels: [...issue.labels],
          assigneeAccountId: null,
          serviceDeskId: DEMO.serviceDeskId,
          requestTypeId: null,
          requestTypeName: null,
          reporter: null,
          organizations: [],
        },
        recognition: recognised ? { recognised: true, rule: 'organization' } : { recognised: false, rule: null },
        settings,
        plan: recognised ? planFor(issueKey) : null,
        attachments: [],
        results: new Map(),
        backendMode: 'http',
      };
    },
    async enqueueRun(request) {
      runs.push(request);
    },
    async progress() {
      return { run: { status: 'idle', since: null, step: null }, history: [], siblings: [], cloneOf: null };
    },
    async serviceWorkbook(issueKey, service) {
      return { fileName: `${issueKey}-${service}.xlsx`, bytes: new Uint8Array([80, 75, 3, 4]) };
    },
    tableWorkbook: async (_sheet, header, rows) => new TextEncoder().encode(JSON.stringify([header, ...rows])),
    describeProblem: (problem) => `problem ${problem.code}`,
  };
  return { pipeline, runs };
}

describe('issue panel resolver: permissions, checked as the calling user', () => {
  let emulator: JiraEmulator;
  let setdibaKey: string;
  let otherKey: string;
  let muxOwner: string | null;
  let recorder: ReturnType<typeof recordingPipeline>;

  const jiraAs = (accountId: string | null) =>
    new JiraClient(
      new FetchJiraTransport({
        baseUrl: emulator.baseUrl,
        identity: accountId ? { kind: 'user', accountId } : { kind: 'app' },
        headers: emulator.authHeaders(accountId ?? emulator.site.appAccountId),
      }),
    );
  const makeDeps = (accountId: string): PanelDeps => ({
    jiraAsUser: jiraAs(accountId),
    jiraAsApp: jiraAs(null),
    clock: { now: () => new Date('2026-02-01T10:00:00Z'), sleep: async () => undefined },
    pipeline: recorder.pipeline,
  });
  const call = (accountId: string | null, functionKey: string, payload: unknown = {}, issueKey: string | null = setdibaKey) =>
    handlePanelCall(makeDeps, { functionKey, payload, issueKey, accountId } satisfies PanelCall);

  const samplePayload: Record<PanelFunction, unknown> = {
    getPanelState: {},
    preview: {},
    run: {},
    decideRows: { rowIds: ['900:Full1:3'], decision: 'confirm' },
    setMuxProductionDate: { date: '2026-01-20' },
    integrateMuxNow: {},
    markChecklistStep: { stepId: 'e-NOTUM:0801930008', done: true },
    processAsSetdiba: {},
    downloadServiceWorkbook: { service: 'MUX' },
    downloadResults: { format: 'csv' },
  };

  beforeAll(async () => {
    emulator = await startJiraEmulator({ seed: 'demo' });
    setdibaKey = emulator.site.createIssue(
      {
        projectKey: DEMO.projectKey,
        summary: 'Alta integració SetDIBA',
        requestType: DEMO.requestTypes.altaIntegracio,
        reporter: U.setdibaCustomer,
        organizations: [DEMO.organizations.setdiba],
      },
      { emitEvent: false },
    ).key;
    otherKey = emulator.site.createIssue(
      {
        projectKey: DEMO.projectKey,
        summary: 'Consulta',
        requestType: DEMO.requestTypes.consulta,
        reporter: U.otherCustomer,
        organizations: [DEMO.organizations.ajuntamentDeProva],
      },
      { emitEvent: false },
    ).key;
  });

  beforeEach(() => {
    muxOwner = U.muxOwner;
    recorder = recordingPipeline(emulator, muxOwner);
  });

  afterAll(async () => {
    await emulator.stop();
  });

  test('an agent gets the whole first screen in one call, in their language', async () => {
    const result = await call(U.agent, 'getPanelState');
    if (!result.ok) throw new Error(result.error.message);
    const state = result.data as Extract<typeof result, { ok: true }>['data'] & { rows: unknown[] };
    expect(state).toMatchObject({ issueKey: setdibaKey, lang: 'ca', recognition: { recognised: true, rule: 'organization' } });
    expect(state.rows).toHaveLength(2);

    const spanish = await call(U.agentEs, 'getPanelState');
    expect(spanish.ok && spanish.data).toMatchObject({ lang: 'es' });
  });

  test.each([
    ['the requester (a SetDIBA customer)', U.setdibaCustomer],
    ['a customer of another organization', U.otherCustomer],
    ['a user without access to the project', U.outsider],
  ])('%s is refused on every function, and nothing is written or queued', async (_who, accountId) => {
    const before = emulator.site.issue(setdibaKey)!;
    const labelsBefore = [...before.labels];
    for (const fn of PANEL_FUNCTIONS) {
      const result = await call(accountId, fn, samplePayload[fn]);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      if (!result.ok) expect(result.error.message).toMatch(/Només els agents|Solo los agentes|Only agents/);
    }
    expect(recorder.runs).toEqual([]);
    const after = emulator.site.issue(setdibaKey)!;
    expect(after.labels).toEqual(labelsBefore);
    expect(after.properties.has(PANEL_PROPERTY)).toBe(false);
  });

  test('an anonymous call and a call without an issue are refused before Jira is asked anything', async () => {
    const callsBefore = emulator.calls.length;
    expect(await call(null, 'getPanelState')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(U.agent, 'getPanelState', {}, null)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(emulator.calls.length).toBe(callsBefore);
  });

  test('payloads are validated after the permission check; errors are sentences, not stack traces', async () => {
    const bad = await call(U.agent, 'setMuxProductionDate', { date: '15/01/2026' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect(bad.error.message).not.toMatch(/at .*\.ts:\d+/);
    expect(await call(U.agent, 'decideRows', { rowIds: [], decision: 'confirm' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(U.agent, 'run', { issueKey: otherKey })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(U.agent, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // A customer sending garbage still gets the refusal, not a validation hint.
    expect(await call(U.setdibaCustomer, 'setMuxProductionDate', { date: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('an agent runs, confirms a held row and records the MUX date; the decisions land on the ticket', async () => {
    expect((await call(U.agent, 'run')).ok).toBe(true);
    expect(recorder.runs).toEqual([{ issueKey: setdibaKey, requestedBy: U.agent, reason: 'panel' }]);

    const decided = await call(U.agent, 'decideRows', { rowIds: ['900:Full1:3'], decision: 'confirm', reason: 'Nom validat' });
    expect(decided.ok && decided.data).toMatchObject({ rows: expect.arrayContaining([expect.objectContaining({ id: '900:Full1:3', status: 'confirmed' })]) });
    expect(await call(U.agent, 'decideRows', { rowIds: ['900:Full1:2'], decision: 'confirm' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    const dated = await call(U.agent, 'setMuxProductionDate', { date: '2026-01-20' });
    expect(dated.ok && dated.data).toMatchObject({ mux: { recordedDate: '2026-01-20', recordedBy: { accountId: U.agent } } });
    const stored = emulator.site.issue(setdibaKey)!.properties.get(PANEL_PROPERTY) as { decisions: unknown[] };
    expect(stored.decisions).toEqual([expect.objectContaining({ rowIds: ['900:Full1:3'], decision: 'confirm', reason: 'Nom validat' })]);
  });

  test('only the MUX owner integrates MUX now, and only once an ens\'s date is reached', async () => {
    await call(U.agent, 'setMuxProductionDate', { date: '2026-01-20' });
    const byAgent = await call(U.agent, 'integrateMuxNow');
    expect(byAgent).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!byAgent.ok) expect(byAgent.error.message).toContain('Pere Soler');
    expect(recorder.runs).toEqual([]);

    const byOwner = await call(U.muxOwner, 'integrateMuxNow');
    expect(byOwner.ok).toBe(true);
    expect(recorder.runs).toEqual([{ issueKey: setdibaKey, requestedBy: U.muxOwner, reason: 'mux' }]);

    // The ens's own date (the template's) moved later by naming its row: nothing is due any more.
    await call(U.agent, 'setMuxProductionDate', { date: '2026-03-01', rowIds: ['900:Full1:2'] });
    expect(await call(U.muxOwner, 'integrateMuxNow')).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  test('process as SetDIBA adds the label as the app and queues a run', async () => {
    const result = await call(U.agent, 'processAsSetdiba', {}, otherKey);
    expect(result.ok).toBe(true);
    expect(emulator.site.issue(otherKey)!.labels).toContain('setdiba');
    expect(recorder.runs).toEqual([{ issueKey: otherKey, requestedBy: U.agent, reason: 'label' }]);
  });

  test('an agent downloads one service workbook as base64', async () => {
    const result = await call(U.agent, 'downloadServiceWorkbook', { service: 'MUX' });
    expect(result.ok && result.data).toEqual({
      fileName: `${setdibaKey}-MUX.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      contentBase64: 'UEsDBA==',
    });
  });
});
