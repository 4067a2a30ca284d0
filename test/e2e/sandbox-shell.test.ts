/**
 * The sandbox page itself (the Jira-like frame around the app): it opens, says which parts of the app
 * are wired, switches user and language, and has no serious accessibility violations.
 */
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { useBrowserSession } from './support/session';

jest.setTimeout(120_000);

describeWithBrowser('sandbox page', () => {
  const session = useBrowserSession();

  it('opens on the queue, in Catalan, with the navigation of a Jira project', async () => {
    const { sandbox, page } = session;
    await page.goto(sandbox.url);
    expect(await page.getAttribute('html', 'lang')).toBe('ca');
    expect(await page.locator('nav').innerText()).toContain('Crea un tiquet');
    await screenshot(page, 'shell-01-queue');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lists every part of the app and whether it is wired', async () => {
    const { sandbox, page } = session;
    await page.goto(`${sandbox.url}sandbox/status`);
    const parts = await page.locator('tr[data-part]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-part')));
    expect(parts).toEqual(expect.arrayContaining(['Jira emulator', 'Custom UI: issue-panel', 'Custom UI: project-settings']));
    await screenshot(page, 'shell-02-status');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('switches the page language', async () => {
    const { sandbox, page } = session;
    await page.goto(sandbox.url);
    // The switch reloads the same URL, so waitForURL would return at once: wait for the page's language.
    await page.selectOption('#lang-switch', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('nav').innerText()).toContain('Raise a ticket');
    await page.selectOption('#lang-switch', 'ca');
    await page.waitForFunction(() => document.documentElement.lang === 'ca');
  });
});
