/**
 * The correction loop (issue 10): a corrected template attached later, with or without a comment, is
 * read and its rows processed — corrected and new ens integrated, ens already integrated reported and
 * not sent again — and the two events Jira raises for one attachment (`updated` with the attachment in
 * its changelog, and `avi:jira:created:attachment`) wake the pipeline once.
 */
import { issuesOf } from '../../../src/cli/simulate-report';
import { handleProductEvent } from '../../../src/handlers/trigger';
import { ajuntament, template } from './fixtures';
import { DEMO, startHarness, type Harness } from './harness';

const GOOD = ajuntament(230, { service: 'OVER' });
const BAD = ajuntament(231, { service: 'OVER', nif: 'P0800000Z' });
const FIXED = ajuntament(231, { service: 'OVER' });
const NEW = ajuntament(232, { service: 'OVER' });

const sent = (h: Harness, codiEns: string) => h.backend!.integrations.filter((x) => x.codiEns === codiEns).length;
const runsOf = (h: Harness) => h.outcomes.filter((o) => o.status === 'processed').map((o) => (o.status === 'processed' ? o.outcome.status : ''));

describe('a corrected template attached later', () => {
  let h: Harness;
  let key: string;
  beforeAll(async () => {
    h = await startHarness({ backend: 'http' });
    key = h.raise({ files: { 'alta.xlsx': template([GOOD, BAD]) } });
    await h.drain();
  });
  afterAll(() => h.stop());

  it('starts with the good row integrated and the bad one to correct', () => {
    expect([sent(h, GOOD.codiEns), sent(h, BAD.codiEns)]).toEqual([1, 0]);
  });

  it('is processed once, whichever of the events of the same attachment comes first', async () => {
    const before = h.outcomes.length;
    h.emulator.site.addAttachment(key, { filename: 'alta-corregida.xlsx', content: template([GOOD, FIXED, NEW]), author: DEMO.users.setdibaCustomer });
    await h.drain();
    const kinds = h.emulator.events.filter((e) => !e.selfGenerated).slice(-2).map((e) => e.eventType);
    expect(kinds).toEqual(['avi:jira:updated:issue', 'avi:jira:created:attachment']);
    // One job for the two events: one run, no second delivery finding nothing new.
    expect(runsOf(h).slice(before)).toEqual(['done']);
  });

  it('integrates the corrected and the new ens and reports the one already in, without sending it again', async () => {
    expect([sent(h, GOOD.codiEns), sent(h, FIXED.codiEns), sent(h, NEW.codiEns)]).toEqual([1, 1, 1]);
    const results = issuesOf(h.emulator).find((i) => i.key === key)!.comments.filter((c) => !c.public).at(-1)!;
    expect(results.text).toContain('alta-corregida.xlsx');
    expect(results.text).toMatch(/ja integrat/i);
  });

  it('is woken by the attachment event alone (a platform that delivers only that one)', async () => {
    const later = h.emulator.site.addAttachment(key, { filename: 'v3.xlsx', content: template([ajuntament(233, { service: 'OVER' })]), author: DEMO.users.setdibaCustomer }, { emitEvent: false });
    const issueId = h.emulator.site.issue(key)!.id;
    const event = { eventType: 'avi:jira:created:attachment', attachment: { id: Number(later.id), issueId: Number(issueId), fileName: 'v3.xlsx' }, atlassianId: DEMO.users.setdibaCustomer };
    const first = await handleProductEvent(h.pipeline, event);
    expect(first).toMatchObject({ status: 'queued', job: { issueKey: key } });
    // The same change seen again (the `updated` event, or a redelivery) queues nothing more.
    const again = await handleProductEvent(h.pipeline, {
      eventType: 'avi:jira:updated:issue',
      issue: { id: issueId, key },
      changelog: { items: [{ field: 'Attachment', fieldId: 'attachment', to: later.id }] },
    });
    expect(again).toEqual({ status: 'ignored', reason: 'same-change' });
    await h.drain();
    expect(sent(h, ajuntament(233).codiEns)).toBe(1);
  });
});
