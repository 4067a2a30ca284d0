/**
 * The run history the panel shows, end to end: a run records what woke it, its outcome, the tickets it
 * raised and the comments it posted; a run that fails records the failure and the comment saying so.
 */
import { panelPipeline } from '../../../src/composition/panel-pipeline';
import type { RunState } from '../../../src/domain/run-state';
import { ajuntaments, template } from './fixtures';
import { DEMO, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.stop());

const runState = (key: string) => h.emulator.site.issue(key)!.properties.get('setdiba.run') as RunState;

it('records the product event, the tickets raised and every comment posted', async () => {
  const key = h.raise({ files: { 'a.xlsx': template([...ajuntaments(1, 'e-NOTUM', 60), ...ajuntaments(1, 'OVER', 61)]) } });
  await h.drain();
  const [run] = runState(key).runs;
  const clone = runState(key).tickets.OVER!;
  expect(run).toMatchObject({
    kind: 'batch',
    trigger: { cause: 'created', reason: null, requestedBy: null },
    outcome: 'done',
    created: [clone],
    counts: { checklist: 2 },
  });
  const posted = [key, clone].flatMap((k) => h.emulator.site.issue(k)!.commentIds);
  expect(run!.comments.map((c) => c.id).sort()).toEqual(posted.sort());
  const { history } = await panelPipeline(h.pipeline).progress(key, 'en');
  expect(history).toEqual([
    expect.objectContaining({ trigger: 'created', by: null, outcome: 'done', createdTickets: [clone], summary: 'Files: a.xlsx. 2 entities: 2 waiting for an agent.' }),
  ]);
});

it('records a run that could not finish as failed, with the comment that says why', async () => {
  // Not a JSM request (no request type), labelled by an agent: recognised, but it cannot be split.
  const key = h.emulator.site.createIssue({
    projectKey: DEMO.projectKey,
    summary: 'Alta integracions',
    issueType: 'Task',
    reporter: DEMO.users.agent,
    labels: ['setdiba'],
    attachments: [{ filename: 'b.xlsx', content: template([...ajuntaments(1, 'e-NOTUM', 70), ...ajuntaments(1, 'OVER', 71)]) }],
  }).key;
  await h.drain();
  expect(h.outcomes).toContainEqual(expect.objectContaining({ status: 'reported', kind: 'user' }));
  const runs = runState(key).runs;
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ kind: 'batch', outcome: 'failed', message: expect.stringContaining('not a Jira Service Management request') });
  expect(runs[0]!.comments).toEqual([{ issueKey: key, id: h.emulator.site.issue(key)!.commentIds.at(-1), public: false }]);
  const { history } = await panelPipeline(h.pipeline).progress(key, 'ca');
  expect(history[0]).toMatchObject({ outcome: 'failed', summary: expect.stringMatching(/^No s'ha pogut completar: /) });
});
