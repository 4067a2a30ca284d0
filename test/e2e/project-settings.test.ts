/**
 * The project settings page in the sandbox, as Jira would host it: an admin changes a setting and sees
 * it saved and audited; a customer is refused — on the page and when calling the resolver directly.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REFERENCE_BACKEND_TOKEN } from '../../src/backend-reference/server';
import { DEMO } from '../../src/emulator';
import { makeCertificate } from '../fixtures/certificates/generate';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot, SCREENSHOT_DIR } from './support/browser';
import { actAs } from './support/pages';
import { useBrowserSession } from './support/session';

jest.setTimeout(180_000);

const FRAME = '#app-frame-project-settings';

/** A screenshot of one part of the page (a section inside the app's frame), for review. */
async function shot(locator: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await locator.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Language and theme are the sandbox page's session settings (the switches in its top bar). */
async function setPageSession(page: Page, url: string, field: '#lang-switch' | '#theme-switch', value: string): Promise<void> {
  if (!page.url().startsWith(url)) await page.goto(url);
  await Promise.all([page.waitForLoadState('load'), page.waitForURL(/.*/), page.selectOption(field, value)]);
  await page.waitForFunction(([f, v]) => (document.querySelector(f!) as HTMLSelectElement | null)?.value === v, [field, value]);
}

describeWithBrowser('project settings page', () => {
  const session = useBrowserSession();

  it('an admin sees the configured project, changes the label and saves; the change is audited', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.admin);
    await page.goto(`${sandbox.url}projects/SUP/settings`);
    const frame = page.frameLocator(FRAME);
    const label = frame.getByLabel('Etiqueta que hi pot afegir un agent');
    await label.waitFor();
    expect(await label.inputValue()).toBe('setdiba');
    // The sandbox starts configured: MUX has its owner and the demo certificate is in use.
    await frame.locator('[data-owner="agent-pere"]').waitFor();
    await frame.locator('[data-current-certificate]').waitFor();
    await screenshot(page, 'settings-01-admin');
    const appFrame = page.frame({ url: /\/sandbox\/ui\/project-settings\// });
    expect(appFrame).not.toBeNull();
    expect(await seriousViolations(appFrame!)).toEqual([]);

    await label.fill('setdiba-demo');
    await frame.getByRole('button', { name: 'Desa', exact: true }).click();
    await frame.getByText("S'ha desat la configuració.").waitFor();
    // The audit log in words: the field's label, not its path.
    await frame.getByText('Etiqueta: setdiba → setdiba-demo').waitFor();
    expect(await frame.getByText(/recognition\.label/).count()).toBe(0);
    await screenshot(page, 'settings-02-saved');
    expect(await seriousViolations(appFrame!)).toEqual([]);
  });

  it('an invalid value is shown next to its field and nothing is saved', async () => {
    const { page } = session;
    const frame = page.frameLocator(FRAME);
    await frame.getByLabel('Etiqueta que hi pot afegir un agent').fill('amb espais');
    await frame.getByRole('button', { name: 'Desa', exact: true }).click();
    await frame.locator('[data-field-error="f-recognition-label"]').waitFor();
    expect(await frame.locator('[data-field-error="f-recognition-label"]').innerText()).toContain('no pot tenir espais');
    await screenshot(page, 'settings-03-invalid');
    await page.reload();
    expect(await page.frameLocator(FRAME).getByLabel('Etiqueta que hi pot afegir un agent').inputValue()).toBe('setdiba-demo');
  });

  it('a customer is refused: the page shows nothing of the settings, and the resolver refuses a direct call', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.setdibaCustomer);
    await page.goto(`${sandbox.url}projects/SUP/settings`);
    const frame = page.frameLocator(FRAME);
    await frame.getByText('No podeu veure ni canviar aquesta configuració').waitFor();
    expect(await frame.getByRole('button', { name: 'Desa', exact: true }).count()).toBe(0);
    await screenshot(page, 'settings-04-customer-refused');

    // What a curious customer could send from the browser's console: the server still says no.
    const answer = await page.evaluate(async () => {
      const response = await fetch('/sandbox/bridge/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          resource: 'project-settings',
          projectKey: 'SUP',
          functionKey: 'saveSettings',
          payload: { settings: { version: 1, recognition: { label: 'hacked' } }, revision: 1 },
        }),
      });
      return (await response.json()) as { body: { ok: boolean; error?: { code: string } } };
    });
    expect(answer.body).toEqual(expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) }));

    await actAs(page, sandbox, DEMO.users.admin);
    await page.goto(`${sandbox.url}projects/SUP/settings`);
    expect(await page.frameLocator(FRAME).getByLabel('Etiqueta que hi pot afegir un agent').inputValue()).toBe('setdiba-demo');
  });

  it('a new token is tried first: the backend refuses a wrong one and nothing is saved; a right one is saved', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.admin);
    await page.goto(`${sandbox.url}projects/SUP/settings`);
    const frame = page.frameLocator(FRAME);
    const section = frame.locator('[data-section="backend"]');
    await section.getByLabel('Testimoni nou').fill('not-the-token');
    await section.getByRole('button', { name: 'Prova i desa el testimoni' }).click();
    await section.getByText("El servei no accepta aquest testimoni (HTTP 401). No s'ha desat.").waitFor();
    await section.getByRole('button', { name: 'Desa-lo igualment' }).waitFor();
    await shot(section, 'settings-05-token-refused-ca-light');
    await section.getByLabel('Testimoni nou').fill(REFERENCE_BACKEND_TOKEN);
    await section.getByRole('button', { name: 'Prova i desa el testimoni' }).click();
    await section.getByText('El servei accepta el testimoni i ja està desat.').waitFor();
  });

  it('a picked certificate is shown with its warnings and replaces the current one only on confirmation; the old one can be restored', async () => {
    const { page } = session;
    const frame = page.frameLocator(FRAME);
    const section = frame.locator('[data-section="certificate"]');
    const before = await section.locator('[data-current-certificate]').innerText();
    const expired = await makeCertificate({
      subject: 'CN=SETDIBA-CADUCAT, O=Diputacio de Barcelona (DEMO), C=ES',
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2025-03-01T00:00:00Z'),
    });
    const file = join(mkdtempSync(join(tmpdir(), 'setdiba-cert-')), 'caducat.cer');
    writeFileSync(file, expired.der);
    await section.locator('#f-certificate-file').setInputFiles(file);
    const card = section.locator('[data-certificate-reading]');
    await card.getByText(/Aquest certificat va caducar l'1 de març de 2025/).waitFor();
    await card.getByText('CN=SETDIBA-CADUCAT, O=Diputacio de Barcelona (DEMO), C=ES').first().waitFor();
    await shot(section, 'settings-06-certificate-read-ca-light');
    // Nothing changed yet.
    expect(await section.locator('[data-current-certificate]').innerText()).toBe(before);
    await card.getByRole('button', { name: 'Feu-lo servir igualment' }).click();
    await section.getByText("S'ha desat el certificat.").waitFor();
    await section.locator('[data-current-certificate]').getByText('CN=SETDIBA-CADUCAT, O=Diputacio de Barcelona (DEMO), C=ES').first().waitFor();

    // The demo certificate is in the history: put it back, after a confirmation.
    await section.getByRole('button', { name: /^Torna a fer servir el certificat CN=SETDIBA-AYTOS/ }).click();
    await section.getByText(/Voleu tornar a fer servir aquest certificat\?/).waitFor();
    await shot(section, 'settings-07-certificate-restore-confirm-ca-light');
    await section.getByRole('button', { name: 'Sí, torna a fer-lo servir' }).click();
    await section.getByText(/S'ha tornat a posar en ús el certificat CN=SETDIBA-AYTOS/).waitFor();
    expect(await section.locator('[data-current-certificate]').innerText()).toBe(before);
    const audit = frame.locator('[data-section="audit"]');
    await audit.getByText(/ha tornat a posar en ús un certificat anterior/).first().waitFor();
    expect(await audit.innerText()).not.toMatch(/serial |certificate\.current/);
  });

  it('an import is previewed in words, in Catalan and Spanish, light and dark, and applied on confirmation', async () => {
    const { sandbox, page } = session;
    const doc = {
      version: 1,
      recognition: { label: 'setdiba-demo' },
      services: { MUX: { ownerAccountId: DEMO.users.muxOwner }, OVER: { enabled: false } },
      splitMode: 'umbrella',
    };
    const file = join(mkdtempSync(join(tmpdir(), 'setdiba-import-')), 'configuracio.json');
    writeFileSync(file, JSON.stringify(doc));
    const views = [
      { lang: 'ca', theme: 'light', apply: 'Aplica la importació', cancel: 'Cancel·la', over: 'OVER: actiu' },
      { lang: 'ca', theme: 'dark', apply: 'Aplica la importació', cancel: 'Cancel·la', over: 'OVER: actiu' },
      { lang: 'es', theme: 'light', apply: 'Aplicar la importación', cancel: 'Cancelar', over: 'OVER: activo' },
      { lang: 'es', theme: 'dark', apply: 'Aplicar la importación', cancel: 'Cancelar', over: 'OVER: activo' },
    ] as const;
    try {
      for (const view of views) {
        await setPageSession(page, sandbox.url, '#lang-switch', view.lang);
        await setPageSession(page, sandbox.url, '#theme-switch', view.theme);
        await page.goto(`${sandbox.url}projects/SUP/settings`);
        const frame = page.frameLocator(FRAME);
        const section = frame.locator('[data-section="export"]');
        await section.locator('#f-import-file').setInputFiles(file);
        const preview = section.locator('[data-import-preview="preview"]');
        await preview.getByRole('row', { name: new RegExp(view.over) }).waitFor();
        expect(await preview.innerText()).not.toMatch(/services\.|agent-pere/);
        await shot(section, `settings-08-import-preview-${view.lang}-${view.theme}`);
        await shot(frame.locator('[data-section="audit"]'), `settings-09-audit-${view.lang}-${view.theme}`);
        if (view.theme === 'dark') {
          const appFrame = page.frame({ url: /\/sandbox\/ui\/project-settings\// });
          expect(await appFrame!.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
        }
        await preview.getByRole('button', { name: view.cancel }).click();
      }
    } finally {
      await setPageSession(page, sandbox.url, '#theme-switch', 'light');
      await setPageSession(page, sandbox.url, '#lang-switch', 'ca');
    }
    await page.goto(`${sandbox.url}projects/SUP/settings`);
    const frame = page.frameLocator(FRAME);
    const section = frame.locator('[data-section="export"]');
    await section.locator('#f-import-file').setInputFiles(file);
    await section.getByRole('button', { name: 'Aplica la importació' }).click();
    await section.getByText(/^S'ha importat la configuració: han canviat \d+ camps\.$/).waitFor();
    await frame.locator('[data-section="audit"]').getByText('OVER: actiu: sí → no').waitFor();
    await shot(frame.locator('[data-section="audit"]'), 'settings-10-audit-after-import-ca-light');
  });
});
