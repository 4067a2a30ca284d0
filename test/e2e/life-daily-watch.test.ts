/**
 * The daily watch (issue 15) from the browser: the admin finds its section on the settings page, with
 * the certificate's countdown; a wrong number of days is refused next to its field and nothing is saved;
 * "integrate MUX ens on their production date" and the days are saved and audited in words. Then the
 * sandbox's "next day" button moves the clock on and runs the watch: the MUX ens whose date has come is
 * integrated by the app itself, the status page lists what the watch did, and the ticket and its
 * requester are told.
 */
import { join } from 'node:path';
import { DEMO } from '../../src/emulator';
import { formatDate } from '../../src/i18n';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot, SCREENSHOT_DIR } from './support/browser';
import { inLanguageAndTheme, madridDay, panelRows, raiseOnForm, templateBytes, ticketComments } from './support/life';
import { actAs } from './support/pages';
import { panelFrame, panelScreenshot, setPanelWidth } from './support/panel-frame';
import { useBrowserSession } from './support/session';

jest.setTimeout(240_000);

const SETTINGS_FRAME = '#app-frame-project-settings';
const DAYS_FIELD = 'f-watch-missingDateDays';
/** Abrera gets tomorrow's date in the template; Aguilar de Segarra none. */
const TOMORROW_ENS = 'Abrera';

describeWithBrowser('the daily watch', () => {
  const session = useBrowserSession();
  let key = '';

  beforeAll(async () => {
    const bytes = templateBytes({ service: 'MUX', rows: [{ ine: '08001', date: madridDay(1) }, { ine: '08002' }] });
    key = await raiseOnForm(session, { file: 'plantilla-mux.xlsx', bytes, summary: 'Alta MUX amb una data per demà' });
  });

  it('the Watch section is on the settings page with the certificate countdown; a wrong number of days is refused, nothing saved', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.admin);
    await page.goto(`${sandbox.url}projects/SUP/settings`);
    const frame = page.frameLocator(SETTINGS_FRAME);
    const section = frame.locator('[data-section="watch"]');
    await section.getByRole('heading', { name: 'Vigilància diària' }).waitFor();
    expect(await section.locator('[data-certificate-countdown]').innerText()).toMatch(/^Queden \d+ dies perquè caduqui el certificat CDA de SetDIBA/);
    const days = section.getByLabel('Dies abans de demanar les dates de MUX que falten');
    expect(await days.inputValue()).toBe('14');
    expect(await section.getByLabel('Integrar els ens de MUX el dia de pas a producció').isChecked()).toBe(false);
    await section.screenshot({ path: join(SCREENSHOT_DIR, 'watch-01-section-ca-light.png') });

    for (const wrong of ['0', 'catorze']) {
      await days.fill(wrong);
      await frame.getByRole('button', { name: 'Desa', exact: true }).click();
      await frame.locator(`[data-field-error="${DAYS_FIELD}"]`).waitFor();
      expect(await frame.locator(`[data-field-error="${DAYS_FIELD}"]`).innerText()).toBe('Escriviu un nombre enter de dies, de 1 a 90.');
    }
    await section.screenshot({ path: join(SCREENSHOT_DIR, 'watch-02-invalid-days-ca-light.png') });
    await page.reload();
    expect(await page.frameLocator(SETTINGS_FRAME).locator('[data-section="watch"]').getByLabel('Dies abans de demanar les dates de MUX que falten').inputValue()).toBe('14');
  });

  it('the admin turns on integration on the production date and sets the days: saved, and audited in words', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.admin);
    await page.goto(`${sandbox.url}projects/SUP/settings`);
    const frame = page.frameLocator(SETTINGS_FRAME);
    const section = frame.locator('[data-section="watch"]');
    await section.getByLabel('Integrar els ens de MUX el dia de pas a producció').check();
    await section.getByLabel('Dies abans de demanar les dates de MUX que falten').fill('7');
    await frame.getByRole('button', { name: 'Desa', exact: true }).click();
    await frame.getByText("S'ha desat la configuració.").waitFor();
    const audit = frame.locator('[data-section="audit"]');
    await audit.getByText(/Integrar els ens de MUX el dia de pas a producció: no → sí/).first().waitFor();
    await audit.getByText(/Dies abans de demanar les dates de MUX que falten: 14 → 7/).first().waitFor();
    expect(await audit.innerText()).not.toMatch(/watch\.|missingDateDays/);
    const appFrame = page.frame({ url: /\/sandbox\/ui\/project-settings\// });
    expect(await seriousViolations(appFrame!)).toEqual([]);

    await page.reload();
    const again = page.frameLocator(SETTINGS_FRAME).locator('[data-section="watch"]');
    expect(await again.getByLabel('Integrar els ens de MUX el dia de pas a producció').isChecked()).toBe(true);
    expect(await again.getByLabel('Dies abans de demanar les dates de MUX que falten').inputValue()).toBe('7');
  });

  it('in Spanish and dark, the section reads right', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.admin);
    await inLanguageAndTheme(session, { lang: 'es', theme: 'dark' }, async () => {
      await page.goto(`${sandbox.url}projects/SUP/settings`);
      const section = page.frameLocator(SETTINGS_FRAME).locator('[data-section="watch"]');
      await section.getByRole('heading', { name: 'Vigilancia diaria' }).waitFor();
      expect(await section.locator('[data-certificate-countdown]').innerText()).toMatch(/^Quedan \d+ días para que caduque el certificado CDA de SetDIBA/);
      await section.screenshot({ path: join(SCREENSHOT_DIR, 'watch-03-section-es-dark.png') });
      const appFrame = page.frame({ url: /\/sandbox\/ui\/project-settings\// });
      expect(await seriousViolations(appFrame!, '[data-section="watch"]')).toEqual([]);
    });
  });

  it('"next day" runs the watch: the ens whose date came is integrated, the status page lists it, the ticket and the requester are told', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.agent);
    await page.goto(`${sandbox.url}browse/${key}`);
    const before = await ticketComments(page);

    await page.goto(`${sandbox.url}sandbox/status`);
    await Promise.all([page.waitForURL(/\/sandbox\/status$/), page.locator('[data-next-day]').click()]);
    const result = page.locator('#watch-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(`Avui és ${formatDate('ca', madridDay(1), 'long')}`);
    // What the watch did, in words, each line linking to its ticket.
    const line = result.locator('li[data-watch-task="mux-integrate"]', { has: page.locator(`a[href="/browse/${key}"]`) });
    expect(await line.innerText()).toContain(`Integració dels ens MUX el dia de pas a producció: ${TOMORROW_ENS}`);
    expect(await result.innerText()).not.toMatch(/mux-due|mux-integrate/);
    // Catalan elides before a vowel: "d'Abrera", never "de Abrera".
    expect(await result.locator('li[data-watch-task="mux-due"]').innerText()).toContain(`producció d'${TOMORROW_ENS}`);
    await screenshot(page, 'watch-04-status-after-next-day');
    expect(await seriousViolations(page, '#watch-result')).toEqual([]);
    await sandbox.runtime.idle();

    await page.goto(`${sandbox.url}browse/${key}`);
    await setPanelWidth(page, 640);
    const frame = await panelFrame(page);
    const rows = await panelRows(frame);
    expect(rows.map((r) => r.status)).toEqual(['integrated', 'mux-pending']);
    await panelScreenshot(page, 'watch-05-panel-after-next-day-640');
    const added = (await ticketComments(page)).slice(before.length);
    const told = added.filter((c) => c.public);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(TOMORROW_ENS);
    await screenshot(page, 'watch-06-ticket-after-next-day');

    // A second "next day" does not integrate or announce the same ens again.
    await page.goto(`${sandbox.url}sandbox/status`);
    await Promise.all([page.waitForURL(/\/sandbox\/status$/), page.locator('[data-next-day]').click()]);
    await sandbox.runtime.idle();
    await page.goto(`${sandbox.url}browse/${key}`);
    const later = (await ticketComments(page)).slice(before.length + added.length);
    expect(later.filter((c) => c.public && c.text.includes(`producció: ${TOMORROW_ENS}`))).toEqual([]);
  });

  // When the watch integrates MUX ens because of the project setting, the internal comment names the
  // daily watch, not the MUX owner (who asked for nothing).
  it('the internal comment of a watch integration does not put it on the MUX owner', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.agent);
    await page.goto(`${sandbox.url}browse/${key}`);
    const internal = (await ticketComments(page)).filter((c) => !c.public).map((c) => c.text);
    expect(internal.join('\n')).not.toMatch(/Pere Soler ha demanat integrar/);
  });
});
