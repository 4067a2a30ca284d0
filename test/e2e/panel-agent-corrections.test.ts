/**
 * The issue panel's corrections, in the real panel at 400 px, Catalan and Spanish: the MUX date field
 * starts empty and warns about a past date; a MUX owner replaced in the settings while their panel is
 * open is told so at "Integra ara", the panel staying; one due ens is named in the confirmation; a
 * confirmed row can be rejected before it is integrated; a row to correct reads "Cal corregir" in the plan.
 */
import type { Frame } from 'playwright-core';
import { DEMO } from '../../src/emulator';
import type { SettingsPage } from '../../src/contracts/settings';
import { seriousViolations } from './support/axe';
import { describeWithBrowser } from './support/browser';
import { inLanguageAndTheme, madridDay, openTicketPanel, panelRows, raiseOnForm, templateBytes } from './support/life';
import { horizontalOverflow, panelScreenshot } from './support/panel-frame';
import { useBrowserSession, type BrowserSession } from './support/session';

jest.setTimeout(240_000);

const FITS = { overflowBy: 0, unreachable: [] };
/** Abrera: its template date has come. */
const DUE = '0800180001';

/** The settings resolver as the admin calls it from the settings page: the MUX owner becomes `accountId`. */
async function setMuxOwner({ sandbox }: BrowserSession, accountId: string): Promise<void> {
  const resolver = sandbox.runtime.resolvers['project-settings']!;
  const context = {
    accountId: DEMO.users.admin,
    extension: { type: 'jira:projectSettingsPage', project: { key: DEMO.projectKey, type: 'service_desk' } },
    locale: 'ca-ES',
    moduleKey: 'setdiba-project-settings',
    localId: `setdiba-project-settings-${DEMO.projectKey}`,
    siteUrl: sandbox.url,
    timezone: 'Europe/Madrid',
  };
  const call = (functionKey: string, payload: unknown) =>
    resolver({ call: { functionKey, payload }, context }, { principal: { accountId: DEMO.users.admin } }) as Promise<{ ok: boolean; data: unknown }>;
  const loaded = await call('getSettingsPage', {});
  const page = loaded.data as SettingsPage;
  const settings = structuredClone(page.settings) as unknown as { services: { MUX: { ownerAccountId: string | null } } };
  settings.services.MUX.ownerAccountId = accountId;
  const saved = await call('saveSettings', { settings, revision: page.revision });
  expect(saved).toMatchObject({ ok: true, data: { outcome: 'saved' } });
}

async function muxTab(frame: Frame): Promise<void> {
  await frame.getByRole('tab', { name: 'MUX' }).click();
}

describeWithBrowser('issue panel corrections', () => {
  const session = useBrowserSession();
  let muxKey = '';
  let heldKey = '';

  beforeAll(async () => {
    const mux = templateBytes({ service: 'MUX', rows: [{ ine: '08001', date: madridDay(-3) }, { ine: '08002' }] });
    muxKey = await raiseOnForm(session, { file: 'plantilla-mux.xlsx', bytes: mux, summary: 'Alta MUX de dos ajuntaments' });
    // Avià is right; Avinyó's name differs from the official one (held for a warning); Avinyonet's NIF is wrong.
    const held = templateBytes({ service: 'e-NOTUM', rows: [{ ine: '08011' }, { ine: '08012', name: 'Ajuntament de Avinyo Vell' }, { ine: '08013', nif: 'P0801300X' }] });
    heldKey = await raiseOnForm(session, { file: 'plantilla-enotum.xlsx', bytes: held, summary: 'Alta e-NOTUM de tres ajuntaments' });
  });

  // The ticket was raised today: yesterday is before it, so the field says so as it is typed (a past date
  // after the ticket's day gets the "ja ha passat" warning instead: panel-defects.test.tsx).
  it('the MUX date field starts empty and says a date before the ticket cannot be saved, in Catalan and Spanish', async () => {
    const { page } = session;
    let frame = await openTicketPanel(session, DEMO.users.agent, muxKey, 400);
    await muxTab(frame);
    const field = frame.locator('#setdiba-mux-date');
    expect(await field.inputValue()).toBe('');
    expect(await frame.getByRole('button', { name: 'Desa la data' }).isDisabled()).toBe(true);
    await frame.getByText("per canviar la d'un ens, seleccioneu-lo.", { exact: false }).waitFor();
    await panelScreenshot(page, 'corrections-01-mux-date-empty-400-ca');
    await field.fill(madridDay(-1));
    await frame.getByText(/^La data .+ és anterior a la creació del tiquet \(.+\): no pot ser la data de pas a producció\.$/).waitFor();
    expect(await frame.getByRole('button', { name: 'Desa la data' }).isDisabled()).toBe(true);
    expect(await horizontalOverflow(frame)).toEqual(FITS);
    expect(await seriousViolations(frame)).toEqual([]);
    await panelScreenshot(page, 'corrections-02-mux-date-before-ticket-400-ca');

    await inLanguageAndTheme(session, { lang: 'es', theme: 'light' }, async () => {
      frame = await openTicketPanel(session, DEMO.users.agent, muxKey, 400);
      await frame.getByRole('tab', { name: 'MUX' }).click();
      expect(await frame.locator('#setdiba-mux-date').inputValue()).toBe('');
      await frame.getByText('para cambiar la de un ente, selecciónelo.', { exact: false }).waitFor();
      await frame.locator('#setdiba-mux-date').fill(madridDay(-1));
      await frame.getByText(/^La fecha .+ es anterior a la creación de la solicitud \(.+\): no puede ser la fecha de paso a producción\.$/).waitFor();
      expect(await frame.getByRole('button', { name: 'Guardar la fecha' }).isDisabled()).toBe(true);
      expect(await horizontalOverflow(frame)).toEqual(FITS);
      await panelScreenshot(page, 'corrections-03-mux-date-before-ticket-400-es');
    });
  });

  it('a MUX owner replaced while their panel is open: the one due ens is named, and the refusal is at the action', async () => {
    const { page, sandbox } = session;
    const frame = await openTicketPanel(session, DEMO.users.muxOwner, muxKey, 400);
    await muxTab(frame);
    await frame.getByRole('button', { name: 'Integra ara' }).click();
    const confirmation = frame.getByRole('region', { name: "Abans d'executar" });
    expect(await confirmation.innerText()).toMatch(new RegExp(`S'integrarà a PRO l'ens MUX ${DUE} Abrera amb el certificat CDA de SetDIBA\\.`));
    await panelScreenshot(page, 'corrections-04-integrate-now-names-ens-400-ca');

    await setMuxOwner(session, DEMO.users.agent);
    try {
      await confirmation.getByRole('button', { name: 'Confirma i executa' }).click();
      const newOwner = sandbox.runtime.displayName(DEMO.users.agent);
      const refusal = frame.getByRole('alert').filter({ hasText: `El responsable de MUX ha canviat a la configuració del projecte: ara és ${newOwner}.` });
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain("No s'ha integrat res; demaneu-li que integri aquests ens.");
      expect(await refusal.evaluate((element) => element.contains(document.activeElement))).toBe(true);
      expect(await frame.getByText('No podeu fer servir aquest panell').count()).toBe(0);
      expect(await frame.getByRole('button', { name: 'Comprova' }).count()).toBe(1);
      expect(await frame.getByRole('button', { name: 'Integra ara' }).count()).toBe(0);
      expect(await horizontalOverflow(frame)).toEqual(FITS);
      expect(await seriousViolations(frame)).toEqual([]);
      await panelScreenshot(page, 'corrections-05-stale-mux-owner-400-ca');
      await sandbox.runtime.idle();
      // Nothing was integrated.
      await frame.getByRole('tab', { name: /^Files/ }).click();
      const rows = await panelRows(frame);
      expect(rows.map((r) => r.status)).not.toContain('integrated');
    } finally {
      await setMuxOwner(session, DEMO.users.muxOwner);
    }
  });

  it('a confirmed row can be rejected until it is integrated; a row to correct reads "Cal corregir" in the plan', async () => {
    const { page } = session;
    let frame = await openTicketPanel(session, DEMO.users.agent, heldKey, 400);
    const rows = await panelRows(frame);
    expect(rows.map((r) => r.status)).toEqual(['integrated', 'waiting', 'rejected']);
    const held = frame.locator(`li[data-row-id="${rows[1]!.id}"]`);
    await held.getByRole('button', { name: /Avinyo/ }).click();
    await held.getByRole('button', { name: /^Confirma la fila / }).click();
    await frame.getByText("1 fila actualitzada. S'integrarà a la pròxima execució.").waitFor();
    await frame.locator(`li[data-row-id="${rows[1]!.id}"][data-row-status="confirmed"]`).waitFor();
    // The details stay open: the other decision is offered, with why it still can be.
    expect(await held.getByRole('button', { name: /^Confirma la fila / }).count()).toBe(0);
    await held.getByRole('button', { name: /^Rebutja la fila / }).waitFor();
    await held.getByText('Podeu canviar la decisió fins que una execució integri la fila.').waitFor();
    expect(await horizontalOverflow(frame)).toEqual(FITS);
    expect(await seriousViolations(frame)).toEqual([]);
    await panelScreenshot(page, 'corrections-06-confirmed-row-can-be-rejected-400-ca');

    await frame.getByRole('tab', { name: 'Pla' }).click();
    const card = frame.getByRole('region', { name: 'e-NOTUM' });
    expect(await card.innerText()).toContain('Cal corregir: 1');
    expect(await card.innerText()).not.toMatch(/rebutjada/);
    await panelScreenshot(page, 'corrections-07-plan-to-correct-400-ca');

    await inLanguageAndTheme(session, { lang: 'es', theme: 'light' }, async () => {
      frame = await openTicketPanel(session, DEMO.users.agent, heldKey, 400);
      await frame.getByRole('tab', { name: 'Plan' }).click();
      expect(await frame.getByRole('region', { name: 'e-NOTUM' }).innerText()).toContain('Por corregir: 1');
      await panelScreenshot(page, 'corrections-08-plan-to-correct-400-es');
    });
  });
});
