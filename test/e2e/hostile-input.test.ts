/**
 * What a hostile customer can send never runs in an agent's browser and never breaks the app: markup
 * in a ticket is shown as text, and a file that only pretends to be a workbook is reported on the ticket.
 */
import { DEMO } from '../../src/emulator';
import { describeWithBrowser, screenshot } from './support/browser';
import { actAs, queueRows } from './support/pages';
import { raiseAndSettle, raiseSampleAndSettle } from './support/sandbox';
import { useBrowserSession } from './support/session';

jest.setTimeout(180_000);

const MARKUP = '<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>';

describeWithBrowser('hostile input', () => {
  const session = useBrowserSession();

  it('markup typed by a customer is shown as text in the queue and the ticket', async () => {
    const { sandbox, page } = session;
    const issueKey = await raiseAndSettle(sandbox, DEMO.users.otherCustomer, { summary: `Consulta ${MARKUP}`, description: MARKUP, files: [] });
    await actAs(page, sandbox, DEMO.users.agent);
    await page.goto(sandbox.url);
    expect((await queueRows(page)).find((row) => row.key === issueKey)?.summary).toContain('<script>');
    await page.goto(`${sandbox.url}browse/${issueKey}`);
    expect(await page.locator('h1').innerText()).toContain('<img src=x');
    expect(await page.locator('.description').innerText()).toContain('<script>');
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
  });

  it('a PDF named .xlsx and a manipulated workbook: the ticket says which files and why, and asks for review', async () => {
    const { sandbox, page } = session;
    const issueKey = await raiseSampleAndSettle(sandbox, DEMO.users.setdibaCustomer, 'hostile');
    await page.goto(`${sandbox.url}browse/${issueKey}`);
    expect(await page.locator('[data-field="labels"]').innerText()).toContain('setdiba-revisar');
    const comments = (await page.locator('li.comment').allInnerTexts()).join('\n');
    expect(comments).toContain('plantilla.xlsx');
    expect(comments).toContain('plantilla-manipulada.xlsx');
    await screenshot(page, 'hostile-01-reported');
  });
});
