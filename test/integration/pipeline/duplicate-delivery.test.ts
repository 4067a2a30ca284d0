/**
 * The platform delivers a product event at least once. A ticket's `created` event delivered again after
 * its run is done must cost nothing: no call to Jira, no job, no write; a queue job delivered again
 * costs the one read that tells it nothing is new.
 */
import { handleProductEvent } from '../../../src/handlers/trigger';
import { ajuntaments, template } from './fixtures';
import { startHarness } from './harness';

it('a second delivery of the created event is dropped without a Jira call or a job', async () => {
  const h = await startHarness({ backend: 'http' });
  try {
    const key = h.raise({ files: { 'alta.xlsx': template(ajuntaments(3, 'OVER')) } });
    await h.drain();
    const created = h.emulator.events.find((e) => e.eventType === 'avi:jira:created:issue' && 'issue' in e && e.issue.key === key);
    expect(created).toBeDefined();
    const callsBefore = h.emulator.calls.length;
    const jobsBefore = h.queue.pushed.length;

    await expect(handleProductEvent(h.pipeline, created)).resolves.toEqual({ status: 'ignored', reason: 'same-change' });

    expect(h.emulator.calls.length).toBe(callsBefore);
    expect(h.queue.pushed.length).toBe(jobsBefore);
  } finally {
    await h.stop();
  }
});

it('a queue job delivered again after its run is done reads the ticket and writes nothing', async () => {
  const h = await startHarness({ backend: 'http' });
  try {
    h.raise({ files: { 'alta.xlsx': template(ajuntaments(3, 'OVER')) } });
    await h.drain();
    const callsBefore = h.emulator.calls.length;
    expect(h.queue.redeliver()).toBe(1);
    await h.drain();
    const again = h.emulator.calls.slice(callsBefore);
    // The issue with its run state and panel decisions, and its JSM request: nothing new, nothing written.
    expect(again.map((c) => c.route).sort()).toEqual(['GET /rest/api/3/issue/{issueIdOrKey}', 'GET /rest/servicedeskapi/request/{issueIdOrKey}']);
    expect(h.outcomes.at(-1)).toMatchObject({ status: 'processed', outcome: { status: 'nothing-new' } });
  } finally {
    await h.stop();
  }
});
