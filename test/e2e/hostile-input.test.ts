/**
 * What a hostile customer can send never runs in an agent's browser and never breaks the app: markup
 * in a ticket is shown as text, and a file that only pretends to be a workbook is reported on the ticket.
 */
import { DEMO } from '../../src/emulator';
import { SAMPLE_REQUESTS } from '../../src/sandbox/runtime/samples';
import type { Sandbox } from '../../src/sandbox/sandbox';
import { describeWithBrowser, openBrowser, screenshot, type TestBrowser } from './support/browser';
import { actAs, queueRows } from './support/pages';
import { startTestSandbox } from './support/sandbox';

jest.setTimeout(180_000);

const MARKUP = '<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>';

describeWithBrowser('hostile input', () => {
  let sandbox: Sandbox;
  let browser: TestBrowser;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('markup typed by a customer is shown as text in the queue and the ticket', async () => {
    const customer = sandbox.runtime.users.find((u) => u.accountId === DEMO.users.otherCustomer)!;
    const { issueKey } = await sandbox.runtime.raiseRequest(customer, { summary: `Consulta ${MARKUP}`, description: MARKUP, files: [] });
    await sandbox.runtime.idle();
    const { page } = browser;
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
    const customer = sandbox.runtime.users.find((u) => u.accountId === DEMO.users.setdibaCustomer)!;
    const sample = SAMPLE_REQUESTS.find((s) => s.id === 'hostile')!;
    const { issueKey } = await sandbox.runtime.raiseRequest(customer, { summary: sample.summary, description: sample.description, files: await sample.files() });
    await sandbox.runtime.idle();
    const { page } = browser;
    await page.goto(`${sandbox.url}browse/${issueKey}`);
    expect(await page.locator('[data-field="labels"]').innerText()).toContain('setdiba-revisar');
    const comments = (await page.locator('li.comment').allInnerTexts()).join('\n');
    expect(comments).toContain('plantilla.xlsx');
    expect(comments).toContain('plantilla-manipulada.xlsx');
    await screenshot(page, 'hostile-01-reported');
  });
});
