/**
 * The daily watch against the Jira emulator and the app's real pipeline (the world `setdiba simulate`
 * runs in, on 127.0.0.1): a stuck run is re-queued once, then reported; a second invocation the same day
 * writes nothing; a sweep cut short by its budget goes on from the stored cursor.
 */
import { makeDemoCertificatePem } from '../../../src/cli/demo-certificate';
import { ScenarioClock, startOfScenarioDay } from '../../../src/cli/scenario/clock';
import { startSimulationWorld, type SimulationWorld } from '../../../src/cli/simulate-world';
import { panelPipeline } from '../../../src/composition/panel-pipeline';
import { firstCertificateUpload } from '../../../src/domain/certificate';
import { emptyRunState, RUN_PROPERTY } from '../../../src/domain/run-state';
import { defaultSettings } from '../../../src/domain/settings';
import { DEMO } from '../../../src/emulator';
import { runDailyWatch, type DailyWatchDeps, type WatchBudget } from '../../../src/usecases/daily-watch';

const DAY_MS = 86_400_000;
let world: SimulationWorld;
let clock: ScenarioClock;

beforeEach(async () => {
  clock = new ScenarioClock(startOfScenarioDay('2027-03-10'));
  const settings = defaultSettings();
  settings.certificate = firstCertificateUpload(Buffer.from(await makeDemoCertificatePem(clock.now())), { accountId: DEMO.users.admin, at: clock.now() });
  settings.services.MUX.ownerAccountId = DEMO.users.muxOwner;
  world = await startSimulationWorld({ settings, mode: 'assisted', clock });
});
afterEach(async () => world.stop());

function deps(budget?: WatchBudget): DailyWatchDeps {
  return {
    jira: world.pipeline.deps.jira,
    kvs: world.kvs,
    clock,
    panel: panelPipeline(world.pipeline),
    loadSettings: world.pipeline.deps.loadSettings,
    ...(budget ? { budget } : {}),
  };
}

/** A ticket whose run the platform gave up on: state running, last touched two days ago, no lease. */
async function stuckTicket(summary: string): Promise<string> {
  const jira = world.jiraAs(world.emulator.site.appAccountId);
  const project = await jira.getProject(DEMO.projectKey);
  const issueType = project!.issueTypes.find((t) => !t.subtask)!;
  const state = { ...emptyRunState(), state: 'running' as const, updatedAt: new Date(clock.now().getTime() - 2 * DAY_MS).toISOString() };
  const created = await jira.createIssue({
    projectKey: DEMO.projectKey,
    issueTypeId: issueType.id,
    summary,
    description: null,
    reporterAccountId: null,
    properties: { [RUN_PROPERTY]: state },
  });
  return created.key;
}

const appComments = async (key: string) => (await world.jiraAs(world.emulator.site.appAccountId).getComments(key)).filter((c) => !c.public);

describe('the daily watch', () => {
  it('re-queues a stuck run once, and tells the agents a day later when it is still stuck', async () => {
    const key = await stuckTicket('Encallat');
    const first = await runDailyWatch(deps(), '2027-03-10');
    expect(first.actions).toEqual([{ task: 'stuck-requeued', issueKey: key }]);
    expect(world.queue.pushed.filter((job) => job.issueKey === key)).toHaveLength(1);

    // The same day again: nothing re-queued, nothing posted.
    const again = await runDailyWatch(deps(), '2027-03-10');
    expect(again.actions).toEqual([]);
    expect(world.queue.pushed.filter((job) => job.issueKey === key)).toHaveLength(1);

    // The job was lost as well (never delivered here): the next day the agents are told, once.
    clock.advanceTo(startOfScenarioDay('2027-03-11'));
    expect((await runDailyWatch(deps(), '2027-03-11')).actions).toEqual([{ task: 'stuck-reported', issueKey: key }]);
    expect((await runDailyWatch(deps(), '2027-03-11')).actions).toEqual([]);
    const notes = await appComments(key);
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes[0]!.body)).toContain('Executa');
    expect(world.queue.pushed.filter((job) => job.issueKey === key)).toHaveLength(1);
  });

  it('goes on from its stored cursor when the budget runs out', async () => {
    const keys = [await stuckTicket('A'), await stuckTicket('B'), await stuckTicket('C')];
    const first = await runDailyWatch(deps({ maxTickets: 1, maxMs: 600_000 }), '2027-03-10');
    expect(first.complete).toBe(false);
    let seen = first.ticketsSeen;
    for (let i = 0; i < 10 && seen < 3; i++) {
      const next = await runDailyWatch(deps({ maxTickets: 1, maxMs: 600_000 }), '2027-03-10');
      seen += next.ticketsSeen;
    }
    // Every ticket re-queued exactly once across the invocations of the day.
    for (const key of keys) expect(world.queue.pushed.filter((job) => job.issueKey === key)).toHaveLength(1);
    expect((await runDailyWatch(deps(), '2027-03-10')).ticketsSeen).toBe(0);
  });
});
