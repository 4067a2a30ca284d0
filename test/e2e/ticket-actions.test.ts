/**
 * The correction loop from the sandbox's ticket view, without the REST API: a customer raises a request
 * (a reload does not raise it twice), comments and attaches a file; an agent writes an internal note
 * and moves the ticket on. Times are Madrid's, Jira's status and link names are in the page's language,
 * a long summary wraps, and the favicon is there.
 */
import { DEMO } from '../../src/emulator';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { actAs, queueKeys } from './support/pages';
import { longCellTemplate } from './support/panel-frame';
import { raiseAndSettle, raiseSampleAndSettle } from './support/sandbox';
import { useBrowserSession } from './support/session';

jest.setTimeout(240_000);

describeWithBrowser('ticket view actions', () => {
  const session = useBrowserSession();
  let key = '';

  it('raising a request redirects after the post: a reload creates nothing', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.setdibaCustomer);
    await page.goto(sandbox.url);
    const before = await queueKeys(page);
    await page.goto(`${sandbox.url}raise`);
    await page.selectOption('#raise-sample', 'with-errors');
    await Promise.all([page.waitForURL(/\/raise\?created=/), page.locator('form.raise button[type=submit]').click()]);
    key = (await page.getAttribute('[data-raised-key]', 'data-raised-key')) ?? '';
    expect(key).toMatch(/^SUP-\d+$/);
    await page.reload();
    await page.locator('[data-raised-key]').waitFor();
    await sandbox.runtime.idle();
    await page.goto(sandbox.url);
    const after = await queueKeys(page);
    expect(after.filter((k) => !before.includes(k))).toEqual([key]);
  });

  it('a customer comments and attaches the corrected file from the ticket view', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.setdibaCustomer);
    await page.goto(`${sandbox.url}browse/${key}`);
    // A customer writes replies only: no internal-note box.
    expect(await page.locator('#action-internal').count()).toBe(0);
    const comments = await page.locator('li.comment').count();
    await page.fill('#action-comment', 'Us adjunto la plantilla corregida.');
    await Promise.all([page.waitForURL(/done=comment/), page.locator('form[action$="/comment"] button').click()]);
    await page.locator('li.comment', { hasText: 'Us adjunto la plantilla corregida.' }).waitFor();
    expect(await page.locator('li.comment').count()).toBeGreaterThan(comments);
    // Reloading the page after the action repeats nothing.
    await page.reload();
    expect(await page.locator('li.comment', { hasText: 'Us adjunto la plantilla corregida.' }).count()).toBe(1);

    await page.setInputFiles('#action-file', { name: 'plantilla-corregida.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(longCellTemplate()) });
    await Promise.all([page.waitForURL(/done=attach/), page.locator('form[action$="/attach"] button').click()]);
    await page.locator('ul.attachments a', { hasText: 'plantilla-corregida.xlsx' }).waitFor();
    await screenshot(page, 'ticket-01-customer-commented-attached');
    expect(await seriousViolations(page)).toEqual([]);
    await sandbox.runtime.idle();
  });

  it('an agent writes an internal note and moves the ticket on; status and times as the panel shows them', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.agent);
    await page.goto(`${sandbox.url}browse/${key}`);
    expect(await page.locator('[data-field="status"]').innerText()).toMatch(/esperant suport/i);
    expect(await page.locator('main').innerText()).not.toContain('Waiting for support');

    await page.fill('#action-comment', 'Revisat: falta confirmar una fila.');
    await page.check('#action-internal');
    await Promise.all([page.waitForURL(/done=comment/), page.locator('form[action$="/comment"] button').click()]);
    const note = page.locator('li.comment', { hasText: 'Revisat: falta confirmar una fila.' });
    expect(await note.getAttribute('data-public')).toBe('false');

    // Times in Europe/Madrid, formatted for the page's language, like the panel.
    const time = note.locator('time');
    const iso = (await time.getAttribute('datetime')) ?? '';
    const expected = new Intl.DateTimeFormat('ca-ES', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Madrid' }).format(new Date(iso));
    expect(await time.innerText()).toBe(expected);

    await page.selectOption('#action-transition', { label: 'Esperant el client' });
    await Promise.all([page.waitForURL(/done=transition/), page.locator('form[action$="/transition"] button').click()]);
    expect(await page.locator('[data-field="status"]').innerText()).toMatch(/esperant el client/i);
    await screenshot(page, 'ticket-02-agent-note-transition');

    // The customer does not see the internal note.
    await actAs(page, sandbox, DEMO.users.setdibaCustomer);
    await page.goto(`${sandbox.url}browse/${key}`);
    expect(await page.locator('li.comment', { hasText: 'Revisat: falta confirmar una fila.' }).count()).toBe(0);
  });

  it('link names in the page language, a long summary wraps, the favicon answers', async () => {
    const { sandbox, page } = session;
    const original = await raiseSampleAndSettle(sandbox, DEMO.users.setdibaCustomer, 'mixed');
    const longSummary = `Alta ${'integracions-SetDIBA-'.repeat(30)}final`;
    const long = await raiseAndSettle(sandbox, DEMO.users.setdibaCustomer, { summary: longSummary, description: '', files: [] });
    await actAs(page, sandbox, DEMO.users.agent);
    await page.goto(`${sandbox.url}browse/${original}`);
    const links = await page.locator('ul.links').innerText();
    expect(links).not.toMatch(/is cloned by|clones/);
    expect(links).toContain('té com a clon');

    await page.setViewportSize({ width: 1024, height: 900 });
    try {
      await page.goto(`${sandbox.url}browse/${long}`);
      const side = await page.locator('.issue-side').boundingBox();
      expect(side!.x + side!.width).toBeLessThanOrEqual(1024);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(scroll).toBeLessThanOrEqual(0);
      await screenshot(page, 'ticket-03-long-summary');
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }

    const favicon = await page.request.get(`${sandbox.url}favicon.ico`);
    expect(favicon.status()).toBe(200);
  });
});
