/**
 * A ticket's life after a fix (issue 10, defect 1), in the browser, as each person does it: the admin
 * puts an expired certificate in use; SetDIBA raises a request and its rows end blocked; the admin
 * uploads the renewed certificate on the settings page; the agent re-runs from the panel, after a
 * confirmation that lists what the run will write; the rows are integrated, once, and both the panel and
 * the ticket's comments say so. A second run has nothing to do and the confirmation says so.
 */
import { DEMO } from '../../src/emulator';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { certificateFile, confirmRunAndReload, openTicketPanel, panelRows, raiseOnForm, templateBytes, ticketComments } from './support/life';
import { actAs } from './support/pages';
import { horizontalOverflow, panelScreenshot } from './support/panel-frame';
import { useBrowserSession } from './support/session';

jest.setTimeout(240_000);

const SETTINGS_FRAME = '#app-frame-project-settings';
const FITS = { overflowBy: 0, unreachable: [] };
/** Abrera, Aguilar de Segarra, Alella: the first three ajuntaments of the reference list. */
const ENS = ['Abrera', 'Aguilar de Segarra', 'Alella'];

describeWithBrowser('re-run after a certificate fix', () => {
  const session = useBrowserSession();
  let key = '';

  async function useCertificate(kind: 'expired' | 'valid'): Promise<void> {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.admin);
    await page.goto(`${sandbox.url}projects/SUP/settings`);
    const section = page.frameLocator(SETTINGS_FRAME).locator('[data-section="certificate"]');
    await section.locator('#f-certificate-file').setInputFiles(await certificateFile(kind));
    const card = section.locator('[data-certificate-reading]');
    await card.getByRole('button', { name: kind === 'expired' ? 'Feu-lo servir igualment' : 'Fes servir aquest certificat' }).click();
    await section.getByText("S'ha desat el certificat.").waitFor();
  }

  it('an expired certificate blocks every row of a new request, and the panel says why', async () => {
    const { page } = session;
    await useCertificate('expired');

    key = await raiseOnForm(session, { file: 'plantilla-over.xlsx', bytes: templateBytes({ service: 'OVER', count: 3 }), summary: 'Alta OVER de tres ajuntaments' });
    expect(key).toMatch(/^SUP-\d+$/);

    const frame = await openTicketPanel(session, DEMO.users.agent, key, 640);
    const rows = await panelRows(frame);
    expect(rows.map((r) => r.status)).toEqual(['blocked', 'blocked', 'blocked']);
    expect(rows.map((r) => r.text).join(' ')).toContain('Bloquejada');
    // The plan names the cause: the certificate.
    await frame.getByRole('tab', { name: 'Pla' }).click();
    await frame.getByText(/El certificat CDA ha caducat/).first().waitFor();
    await panelScreenshot(page, 'life-01-blocked-by-expired-certificate-640');
  });

  // The re-run posts a public comment for the requester ("Ja en producció: …"): the confirmation says so.
  it('the re-run confirmation names the public comment for the requester', async () => {
    await useCertificate('valid');
    const frame = await openTicketPanel(session, DEMO.users.agent, key);
    await frame.getByRole('button', { name: 'Torna a executar' }).click();
    const confirmation = frame.getByRole('region', { name: "Abans d'executar" });
    expect(await confirmation.innerText()).toMatch(new RegExp(`Afegir a ${key} un comentari públic`));
    await confirmation.getByRole('button', { name: 'Cancel·la' }).click();
  });

  it('after the admin uploads the renewed certificate, the agent re-runs: the rows are integrated once, and the panel and the comments say so', async () => {
    const { sandbox, page } = session;
    await useCertificate('valid');
    await screenshot(page, 'life-02-settings-renewed-certificate');

    let frame = await openTicketPanel(session, DEMO.users.agent, key, 400);
    const commentsBefore = await ticketComments(page);
    await frame.getByRole('button', { name: 'Torna a executar' }).click();
    const confirmation = frame.getByRole('region', { name: "Abans d'executar" });
    await confirmation.waitFor();
    // The confirmation lists exactly what the run will do: the three blocked ens, to PRO.
    expect(await confirmation.innerText()).toMatch(/Integrar 3 ens d'OVER a PRO/);
    expect(await horizontalOverflow(frame)).toEqual(FITS);
    await panelScreenshot(page, 'life-03-rerun-confirmation-400');
    expect(await seriousViolations(frame)).toEqual([]);
    frame = await confirmRunAndReload(session, frame, confirmation, 400);
    // The panel refreshes by itself once the run is over: every row integrated.
    await frame.locator('li[data-row-status="integrated"]').nth(2).waitFor();
    expect((await panelRows(frame)).map((r) => r.status)).toEqual(['integrated', 'integrated', 'integrated']);
    expect(await horizontalOverflow(frame)).toEqual(FITS);
    await panelScreenshot(page, 'life-04-integrated-400');

    // The history has the run from the panel, by the agent.
    await frame.getByRole('tab', { name: 'Historial' }).click();
    await frame.getByText(/Des del panell, per Marta Puig/).first().waitFor();
    await panelScreenshot(page, 'life-05-history-400');

    // One internal results comment and one public comment for the requester, naming the ens in production.
    const added = (await ticketComments(page)).slice(commentsBefore.length);
    const publicOnes = added.filter((c) => c.public);
    expect(publicOnes).toHaveLength(1);
    for (const name of ENS) expect(publicOnes[0]!.text).toContain(name);
    expect(publicOnes[0]!.text).not.toMatch(/cal corregir/i);
    expect(added.filter((c) => !c.public).length).toBeGreaterThanOrEqual(1);
    // Nothing is left for a person to review: the review label has gone.
    expect(await page.locator('[data-field="labels"]').innerText()).not.toContain('setdiba-revisar');
    await screenshot(page, 'life-06-ticket-after-rerun');

    // The requester sees the same answer on their side.
    await actAs(page, sandbox, DEMO.users.setdibaCustomer);
    await page.goto(`${sandbox.url}browse/${key}`);
    const seen = await ticketComments(page);
    expect(seen.every((c) => c.public)).toBe(true);
    for (const name of ENS) expect(seen.at(-1)!.text).toContain(name);
  });

  it('a second run has nothing left to do: the confirmation says so before it starts', async () => {
    const { page } = session;
    const frame = await openTicketPanel(session, DEMO.users.agent, key, 640);
    await frame.getByRole('button', { name: 'Torna a executar' }).click();
    const confirmation = frame.getByRole('region', { name: "Abans d'executar" });
    await confirmation.getByText("L'execució no escriurà res de nou: tot el que diu el pla ja està fet.").waitFor();
    await panelScreenshot(page, 'life-07-nothing-to-do-640');
    await confirmation.getByRole('button', { name: 'Cancel·la' }).click();
  });
});
