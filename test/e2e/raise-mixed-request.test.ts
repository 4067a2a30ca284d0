/**
 * A customer raises a request with a template mixing every service; the app splits it into one ticket
 * per service, routes MUX to its owner, integrates the rest and comments the results — seen in the
 * browser, as an agent and as the customer.
 */
import { DEMO } from '../../src/emulator';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { actAs, queueRows } from './support/pages';
import { useBrowserSession } from './support/session';

jest.setTimeout(180_000);

describeWithBrowser('raising a mixed-services request', () => {
  const session = useBrowserSession();
  let original = '';

  it('the SetDIBA customer raises it from a sample template', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.setdibaCustomer);
    await page.goto(`${sandbox.url}raise`);
    await page.selectOption('#raise-sample', 'mixed');
    await screenshot(page, 'raise-01-form');
    expect(await seriousViolations(page)).toEqual([]);
    // The post redirects to /raise?created=KEY (a reload does not raise it twice).
    await Promise.all([page.waitForURL(/\/raise\?created=/), page.click('form.raise button[type=submit]')]);
    original = (await page.getAttribute('[data-raised-key]', 'data-raised-key')) ?? '';
    expect(original).toMatch(/^SUP-\d+$/);
    await screenshot(page, 'raise-02-raised');
  });

  it('the queue shows one ticket per service, MUX assigned to its owner, and progress while it runs', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.agent);
    await page.goto(sandbox.url);
    // The page updates by itself when the run ends: no reload here.
    await page.waitForFunction(() => document.querySelectorAll('table.queue tbody tr').length === 4, undefined, { timeout: 60_000 });
    await sandbox.runtime.idle();
    await page.waitForSelector('#live-status[data-busy="false"]');
    const rows = await queueRows(page);
    const byService = (slug: string) => rows.filter((row) => row.labels.includes(`setdiba-${slug}`));
    for (const slug of ['mux', 'e-notum', 'e-tauler', 'over']) expect(byService(slug)).toHaveLength(1);
    const mux = byService('mux')[0]!;
    expect(mux.key).toBe(original);
    expect(mux.assignee).toBe('Pere Soler');
    expect(mux.labels).toEqual(expect.arrayContaining(['setdiba', 'setdiba-pendent-data-pro']));
    expect(byService('e-notum')[0]?.summary).toContain('[e-NOTUM]');
    await screenshot(page, 'raise-03-queue-after-split');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a service ticket has its own workbook, the link to the original and the results comment table', async () => {
    const { sandbox, page } = session;
    const rows = await queueRows(page);
    const notum = rows.find((row) => row.labels.includes('setdiba-e-notum'))!;
    await page.goto(`${sandbox.url}browse/${notum.key}`);
    expect(await page.locator('.attachments li').count()).toBe(1);
    expect(await page.locator(`.links a[href="/browse/${original}"]`).count()).toBe(1);
    const results = page.locator('li.comment[data-public="false"] table.adf-table');
    expect(await results.count()).toBeGreaterThanOrEqual(1);
    // One row per ens of e-NOTUM in the sample (3), under the header row.
    expect(await results.first().locator('tr').count()).toBe(4);
    await screenshot(page, 'raise-04-service-ticket');
    expect(await seriousViolations(page, '.issue')).toEqual([]);
  });

  it('the original tells the customer which tickets were created, and hides internal notes from them', async () => {
    const { sandbox, page } = session;
    await page.goto(`${sandbox.url}browse/${original}`);
    const agentComments = await page.locator('li.comment').count();
    const publicText = await page.locator('li.comment[data-public="true"]').allInnerTexts();
    expect(publicText.join('\n')).toMatch(/SUP-\d+/);
    await screenshot(page, 'raise-05-original-as-agent');

    await actAs(page, sandbox, DEMO.users.setdibaCustomer);
    await page.goto(`${sandbox.url}browse/${original}`);
    const customerComments = await page.locator('li.comment').count();
    expect(await page.locator('li.comment[data-public="false"]').count()).toBe(0);
    expect(customerComments).toBeLessThan(agentComments);
    await screenshot(page, 'raise-06-original-as-customer');
  });
});
