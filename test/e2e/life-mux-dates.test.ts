/**
 * MUX production dates per ens, in the panel (issue 10, defect 2): SetDIBA's template gives one ens a
 * date that has come, one a date weeks away and one none. The panel shows each ens with its own date;
 * an agent cannot record a date before the ticket existed, and a date recorded goes to the ens without
 * one only; the MUX owner's "Integra ara" integrates only the ens whose date has come and says which
 * wait and until when; forcing one ens before its date asks for a reason, which the history keeps.
 */
import { DEMO } from '../../src/emulator';
import { formatDate } from '../../src/i18n';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { confirmRunAndReload, madridDay, openTicketPanel, panelRows, raiseOnForm, templateBytes } from './support/life';
import { horizontalOverflow, panelFrame, panelScreenshot } from './support/panel-frame';
import { useBrowserSession } from './support/session';

jest.setTimeout(240_000);

const FITS = { overflowBy: 0, unreachable: [] };
/** Abrera (date come), Aguilar de Segarra (date ahead), Alella (no date): codis d'ens. */
const DUE = '0800180001';
const AHEAD = '0800230008';
const NO_DATE = '0800390004';

/** A date as the panel writes it in Catalan ("1 de març de 2027", "3 d'abril de 2027"): the app's formatter, tested on its own. */
function catalanDate(iso: string): string {
  return formatDate('ca', iso, 'long');
}

describeWithBrowser('MUX production dates per ens', () => {
  const session = useBrowserSession();
  let key = '';
  const past = madridDay(-3);
  const ahead = madridDay(40);
  const recorded = madridDay(60);

  beforeAll(async () => {
    const bytes = templateBytes({ service: 'MUX', rows: [{ ine: '08001', date: past }, { ine: '08002', date: ahead }, { ine: '08003' }] });
    key = await raiseOnForm(session, { file: 'plantilla-mux.xlsx', bytes, summary: 'Alta MUX de tres ajuntaments' });
  });

  it('each ens shows its own date from the template; a date before the ticket is refused; a recorded date goes to the ens without one', async () => {
    const { page } = session;
    const frame = await openTicketPanel(session, DEMO.users.agent, key, 400);
    // Rows that have a date never say the date is missing.
    const rows = await panelRows(frame);
    expect(rows.map((r) => r.status)).toEqual(['mux-scheduled', 'mux-scheduled', 'mux-pending']);
    expect(rows.filter((r) => r.status === 'mux-scheduled').map((r) => r.text).join(' ')).not.toMatch(/falta la data/);

    await frame.getByRole('tab', { name: 'MUX' }).click();
    const ens = (codi: string) => frame.locator(`[data-mux-ens="${codi}"]`);
    expect(await ens(DUE).innerText()).toContain(catalanDate(past));
    expect(await ens(DUE).innerText()).toMatch(/de la plantilla · es pot integrar/);
    expect(await ens(AHEAD).innerText()).toContain(catalanDate(ahead));
    expect(await ens(NO_DATE).innerText()).toContain('sense data');
    expect(await horizontalOverflow(frame)).toEqual(FITS);
    await panelScreenshot(page, 'mux-01-dates-per-ens-400');
    expect(await seriousViolations(frame)).toEqual([]);

    // A date before the ticket existed is said wrong as it is typed, with the reason, and cannot be saved
    // (the resolver refuses it too: panel-mux-dates).
    const field = frame.locator('#setdiba-mux-date');
    await field.fill('2019-01-01');
    const before = frame.getByText(/^La data 1 de gener de 2019 és anterior a la creació del tiquet \(\d+ de .+ de \d{4}\)/);
    await before.waitFor();
    expect(await frame.getByRole('button', { name: 'Desa la data' }).isDisabled()).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('min')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await ens(NO_DATE).innerText()).toContain('sense data');
    await panelScreenshot(page, 'mux-02-date-before-ticket-400');
    expect(await seriousViolations(frame)).toEqual([]);

    // Without a choice of rows the date goes to the ens that have none; the template's dates stay.
    await frame.locator('#setdiba-mux-date').fill(recorded);
    await frame.getByRole('button', { name: 'Desa la data' }).click();
    await frame.getByText("S'ha registrat la data.").waitFor();
    expect(await ens(NO_DATE).innerText()).toContain(catalanDate(recorded));
    expect(await ens(AHEAD).innerText()).toContain(catalanDate(ahead));
    expect(await ens(DUE).innerText()).toContain(catalanDate(past));
    await panelScreenshot(page, 'mux-03-date-recorded-400');
  });

  it('an agent who is not the MUX owner cannot integrate', async () => {
    const { page } = session;
    const frame = await panelFrame(page);
    await frame.getByText('Només el responsable de MUX els pot integrar.').waitFor();
    expect(await frame.getByRole('button', { name: 'Integra ara' }).count()).toBe(0);
  });

  it("the owner's Integra ara integrates only the ens whose date has come, and says which wait and until when", async () => {
    const { page } = session;
    let frame = await openTicketPanel(session, DEMO.users.muxOwner, key, 640);
    await frame.getByRole('tab', { name: 'MUX' }).click();
    await frame.getByRole('button', { name: 'Integra ara' }).click();
    const confirmation = frame.getByRole('region', { name: "Abans d'executar" });
    expect(await confirmation.innerText()).toMatch(/S'integrarà a PRO l'ens MUX/);
    await panelScreenshot(page, 'mux-04-integrate-now-confirm-640');
    frame = await confirmRunAndReload(session, frame, confirmation, 640);
    const rows = await panelRows(frame);
    expect(rows.map((r) => r.status)).toEqual(['integrated', 'mux-scheduled', 'mux-scheduled']);
    await frame.getByRole('tab', { name: 'MUX' }).click();
    // What waits, and until when.
    const waits = await frame.getByText(/^Esperen:/).innerText();
    expect(waits).toContain(`${AHEAD} (${catalanDate(ahead)})`);
    expect(waits).toContain(`${NO_DATE} (${catalanDate(recorded)})`);
    expect(waits).not.toContain(DUE);
    expect(await frame.locator(`[data-mux-ens="${DUE}"]`).innerText()).toMatch(/Integrada/);
    expect(await horizontalOverflow(frame)).toEqual(FITS);
    await panelScreenshot(page, 'mux-05-after-integrate-now-640');
    expect(await seriousViolations(frame)).toEqual([]);

    // The internal comment names the ens that wait; the label stays while any MUX ens waits.
    const internal = await page.locator('li.comment[data-public="false"]').last().innerText();
    expect(internal).toMatch(/Aguilar de Segarra|0800230008/);
    expect(await page.locator('[data-field="labels"]').innerText()).toContain('setdiba-pendent-data-pro');
    await screenshot(page, 'mux-06-ticket-after-integrate-now');
  });

  it('forcing one ens before its date needs a reason, and the history keeps who and why', async () => {
    const { page } = session;
    let frame = await openTicketPanel(session, DEMO.users.muxOwner, key, 400);
    await frame.getByRole('tab', { name: 'MUX' }).click();
    const force = frame.locator(`[data-mux-ens="${AHEAD}"]`).getByRole('button', { name: "Força la integració d'aquest ens" });
    // Each such button says which ens it forces, for a screen reader going through the buttons.
    const describedBy = (await force.getAttribute('aria-describedby')) ?? 'none';
    expect(await frame.locator(`[id="${describedBy}"]`).innerText()).toContain(AHEAD);
    await force.click();
    const confirmation = frame.getByRole('region', { name: "Abans d'executar" });
    expect(await confirmation.innerText()).toContain(`S'integrarà a PRO l'ens ${AHEAD} abans de la seva data.`);
    // No reason, no forcing.
    expect(await confirmation.getByRole('button', { name: 'Confirma i executa' }).isDisabled()).toBe(true);
    await panelScreenshot(page, 'mux-07-force-needs-reason-400');
    await confirmation.getByLabel("Motiu (queda a l'historial)").fill("L'ajuntament ja ha fet la prova amb l'AOC");
    frame = await confirmRunAndReload(session, frame, confirmation, 400);
    expect((await panelRows(frame)).map((r) => r.status)).toEqual(['integrated', 'integrated', 'mux-scheduled']);
    await frame.getByRole('tab', { name: 'Historial' }).click();
    const latest = frame.locator('[data-history-entry]').first();
    expect(await latest.innerText()).toMatch(/Pere Soler/);
    expect(await latest.innerText()).toContain("L'ajuntament ja ha fet la prova amb l'AOC");
    await panelScreenshot(page, 'mux-08-history-forced-400');
  });
});
