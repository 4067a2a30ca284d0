/**
 * The sandbox's "next day" (issue 15): the page's button moves the sandbox's clock one day on and runs
 * the daily watch for that day; a reload of the page does not move it again (post-redirect-get).
 */
import { calendarDayInMadrid } from '../../../src/domain/plan/mux-dates';
import { startSandbox, type Sandbox } from '../../../src/sandbox/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
}, 60_000);
afterAll(async () => sandbox.stop());

it('moves the clock one day per click and runs the watch for it', async () => {
  const today = calendarDayInMadrid(new Date());
  const answer = await fetch(new URL('/sandbox/next-day', sandbox.url), { method: 'POST', redirect: 'manual' });
  expect(answer.status).toBeGreaterThanOrEqual(300);
  expect(answer.status).toBeLessThan(400);
  expect(answer.headers.get('location')).toBe('/sandbox/status');
  const second = await sandbox.runtime.nextDay!();
  const dayAfter = calendarDayInMadrid(new Date(Date.now() + 2 * 86_400_000));
  expect(second.today).toBe(dayAfter);
  expect(second.today > today).toBe(true);
  // A fresh demo site: nothing waits for a date and the certificate is far from expiring.
  expect(second.actions).toEqual([]);
}, 60_000);
