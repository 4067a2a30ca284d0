/**
 * The registry project page in the sandbox, as Jira would host it (jira:projectPage): an agent reaches
 * it from the navigation and finds what a real ticket integrated among 5,000 generated entries, with a
 * link to that ticket; searches, filters, pages and downloads the filtered set; an admin reads it in
 * Spanish in the dark theme, wide and narrow; a customer is refused, on the page and when calling the
 * resolver directly.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO } from '../../src/emulator';
import { municipality } from '../fixtures/template-rows';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { actAs } from './support/pages';
import { raiseSampleAndSettle } from './support/sandbox';
import { useBrowserSession } from './support/session';

jest.setTimeout(240_000);

const FRAME = '#app-frame-project-page';
const GENERATED = 5_000;

/** Language and theme are the sandbox page's session settings (the switches in its top bar). */
async function setPageSession(page: Page, field: '#lang-switch' | '#theme-switch', value: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.waitForURL(/.*/), page.selectOption(field, value)]);
  await page.waitForFunction(([f, v]) => (document.querySelector(f!) as HTMLSelectElement | null)?.value === v, [field, value]);
}

function appFrame(page: Page) {
  const frame = page.frame({ url: /\/sandbox\/ui\/project-page\// });
  if (!frame) throw new Error('the project page frame is not there');
  return frame;
}

/** Nothing wider than the frame except inside the table's own scroll box. */
async function pageOverflows(page: Page): Promise<boolean> {
  return appFrame(page).evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** What a curious customer could send from the browser's console. */
async function invokeDirectly(page: Page, functionKey: string, payload: Record<string, unknown>) {
  return page.evaluate(
    async ([fn, body]) => {
      const response = await fetch('/sandbox/bridge/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resource: 'project-page', projectKey: 'SUP', functionKey: fn, payload: body }),
      });
      return (await response.json()) as { body: { ok: boolean; error?: { code: string; message: string } } };
    },
    [functionKey, payload] as const,
  );
}

describeWithBrowser('registry project page', () => {
  const session = useBrowserSession();
  let requestKey: string;

  beforeAll(async () => {
    // A real request first, so its integrations are in the registry with their tickets; then the
    // generated entries around them (the real records are kept).
    requestKey = await raiseSampleAndSettle(session.sandbox, DEMO.users.setdibaCustomer, 'every-service');
    await session.sandbox.runtime.seedRegistry!(GENERATED);
  });

  it('an agent reaches it from the navigation and finds what a ticket integrated, linked to that ticket', async () => {
    const { sandbox, page } = session;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await actAs(page, sandbox, DEMO.users.agent);
    await page.getByRole('navigation', { name: 'Navegació principal' }).getByRole('link', { name: 'Integracions SetDIBA' }).click();
    await page.waitForURL(/\/projects\/SUP\/registry$/);
    const frame = page.frameLocator(FRAME);
    // Every generated entry, the real ones among them, newest first, 50 a page.
    await frame.getByText('5.000 ens · pàgina 1 de 100').waitFor();
    expect(await frame.locator('tbody tr').count()).toBe(50);
    await screenshot(page, 'registry-01-agent-ca-light-1280');
    expect(await seriousViolations(appFrame(page))).toEqual([]);

    // Alella (08003) was in the request's e-NOTUM file.
    const alella = municipality('08003');
    await frame.getByLabel("Cerca per nom, INE o codi d'ens").fill('08003');
    await frame.getByLabel('Servei').selectOption('e-NOTUM');
    await frame.getByRole('button', { name: 'Cerca', exact: true }).click();
    await frame.getByText('5 ens · pàgina 1 de 1').waitFor();
    const row = frame.locator(`[data-registry-entry="PRO:e-NOTUM:${alella.codiEns}"]`);
    await row.getByText("Integrat per l'app").waitFor();
    const link = row.getByRole('link');
    const ticket = (await link.innerText()).trim();
    expect(ticket).toMatch(/^SUP-\d+$/);
    // Not one of the generated tickets (SUP-1000 and up): the request or the e-NOTUM ticket split from it.
    expect(Number(ticket.split('-')[1])).toBeLessThan(1000);
    expect(Number(ticket.split('-')[1])).toBeGreaterThanOrEqual(Number(requestKey.split('-')[1]));
    expect(await row.innerText()).toContain(alella.ine5);
    await screenshot(page, 'registry-02-agent-search-ca-light-1280');

    await link.click();
    await page.waitForURL(new RegExp(`/browse/${ticket}$`));
    expect(await page.title()).toContain(ticket);
  });

  it('filters by state, pages, and downloads the filtered set as CSV', async () => {
    const { sandbox, page } = session;
    await page.goto(`${sandbox.url}projects/SUP/registry`);
    const frame = page.frameLocator(FRAME);
    await frame.getByText('5.000 ens · pàgina 1 de 100').waitFor();

    await frame.getByLabel('Estat').selectOption('already_integrated');
    await frame.getByText(/^\d+ ens · pàgina 1 de \d+$/).filter({ hasNotText: '5.000' }).waitFor();
    const states = await frame.locator('tbody tr td:nth-child(6)').allInnerTexts();
    expect(states.length).toBe(50);
    expect(new Set(states.map((s) => s.trim()))).toEqual(new Set(['Ja hi era integrat']));
    await frame.getByRole('button', { name: 'Següent' }).click();
    await frame.getByText(/ · pàgina 2 de \d+$/).waitFor();

    await frame.getByRole('button', { name: 'Neteja' }).click();
    await frame.getByLabel('Servei').selectOption('OVER');
    // OVER: the 311 ajuntaments and 24 more bodies in the generated set (the request's two among them).
    await frame.getByText('335 ens · pàgina 1 de 7').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Descarrega (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('SetDIBA-SUP-registre.csv');
    const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe("Ens,Codi d'ens,INE,Servei,Entorn,Estat,Data,Tiquet,Empremta del certificat");
    expect(lines).toHaveLength(336);
    expect(lines.slice(1).every((line) => line.split(',')[3] === 'OVER')).toBe(true);
    await frame.getByText("S'ha descarregat SetDIBA-SUP-registre.csv.").waitFor();

    const [xlsx] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Descarrega (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('SetDIBA-SUP-registre.xlsx');
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('an admin reads it in Spanish in the dark theme, wide and narrow, with nothing wider than the frame', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.admin);
    await page.goto(`${sandbox.url}projects/SUP/registry`);
    await setPageSession(page, '#lang-switch', 'es');
    await setPageSession(page, '#theme-switch', 'dark');
    const frame = page.frameLocator(FRAME);
    await frame.getByLabel('Buscar por nombre, INE o código de ente').waitFor();
    await frame.getByText('5000 entes · página 1 de 100').waitFor();
    await frame.getByRole('columnheader', { name: 'Huella del certificado' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await screenshot(page, 'registry-03-admin-es-dark-1280');
    expect(await seriousViolations(appFrame(page))).toEqual([]);
    expect(await pageOverflows(page)).toBe(false);

    await page.setViewportSize({ width: 480, height: 1000 });
    await frame.getByText('5000 entes · página 1 de 100').waitFor();
    await screenshot(page, 'registry-04-admin-es-dark-480');
    expect(await pageOverflows(page)).toBe(false);
    expect(await seriousViolations(appFrame(page))).toEqual([]);

    await setPageSession(page, '#lang-switch', 'ca');
    await setPageSession(page, '#theme-switch', 'light');
    await page.frameLocator(FRAME).getByText('5.000 ens · pàgina 1 de 100').waitFor();
    await screenshot(page, 'registry-05-admin-ca-light-480');
    expect(await pageOverflows(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('a customer is refused, in Catalan and Spanish: the page shows nothing of the registry, and the resolver refuses a direct call', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.setdibaCustomer);
    await page.goto(`${sandbox.url}projects/SUP/registry`);
    const frame = page.frameLocator(FRAME);
    await frame.getByText("Només els agents d'aquest projecte poden veure el registre d'integracions.").waitFor();
    expect(await frame.locator('table').count()).toBe(0);
    expect(await frame.getByRole('button', { name: 'Descarrega (CSV)' }).count()).toBe(0);
    await screenshot(page, 'registry-06-customer-refused-ca-light');
    expect(await seriousViolations(appFrame(page))).toEqual([]);

    await setPageSession(page, '#lang-switch', 'es');
    await setPageSession(page, '#theme-switch', 'dark');
    await page.frameLocator(FRAME).getByText('Solo los agentes de este proyecto pueden ver el registro de integraciones.').waitFor();
    await screenshot(page, 'registry-07-customer-refused-es-dark');

    for (const [fn, payload] of [
      ['queryRegistry', { search: 'Alella' }],
      ['exportRegistry', { format: 'csv' }],
    ] as const) {
      const answer = await invokeDirectly(page, fn, payload);
      expect(answer.body).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('agentes') } });
    }
    await setPageSession(page, '#lang-switch', 'ca');
    await setPageSession(page, '#theme-switch', 'light');
  });
});
