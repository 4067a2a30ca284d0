/**
 * The correction loop (issue 10), as the requester and the agent live it in the sandbox: SetDIBA raises
 * a template with three wrong rows and is told what to correct; they attach the corrected file from the
 * ticket view (with a comment, as people do); the app reads it, the panel shows the new file and its
 * rows integrated (the row already integrated is reported, not redone), and the requester gets exactly
 * one new public comment, which no longer asks them to correct anything.
 */
import { DEMO } from '../../src/emulator';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { inLanguageAndTheme, openTicketPanel, panelRows, raiseOnForm, templateBytes, ticketComments } from './support/life';
import { actAs } from './support/pages';
import { horizontalOverflow, panelFrame, panelScreenshot, setPanelWidth } from './support/panel-frame';
import { useBrowserSession } from './support/session';

jest.setTimeout(240_000);

const FITS = { overflowBy: 0, unreachable: [] };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describeWithBrowser('the correction loop', () => {
  const session = useBrowserSession();
  let key = '';

  it('a template with wrong rows: the good row is integrated, the requester is told what to correct', async () => {
    const { sandbox, page } = session;
    key = await raiseOnForm(session, { sample: 'with-errors' });

    await page.goto(`${sandbox.url}browse/${key}`);
    const seen = await ticketComments(page);
    expect(seen.at(-1)!.text).toMatch(/corregir/i);

    const frame = await openTicketPanel(session, DEMO.users.agent, key, 640);
    const rows = await panelRows(frame);
    expect(rows.filter((r) => r.status === 'integrated')).toHaveLength(1);
    // A row with a wrong value waits for the corrected file: it says so, it is not "Rebutjada".
    const toCorrect = rows.filter((r) => r.text.includes('Error'));
    expect(toCorrect).toHaveLength(3);
    for (const row of toCorrect) expect(row.text).toContain('Cal corregir');
    await panelScreenshot(page, 'loop-01-rows-to-correct-640');
  });

  it('the requester attaches the corrected file with a comment; the panel updates and one public comment answers', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.setdibaCustomer);
    await page.goto(`${sandbox.url}browse/${key}`);
    const before = await ticketComments(page);

    // The corrected template: the same four ajuntaments (Avià, Avinyó, Avinyonet del Penedès, Aiguafreda), every value right.
    const corrected = templateBytes({ service: 'e-NOTUM', rows: [{ ine: '08011' }, { ine: '08012' }, { ine: '08013' }, { ine: '08014' }] });
    await page.fill('#action-comment', 'Us adjunto la plantilla corregida.');
    await Promise.all([page.waitForURL(/done=comment/), page.locator('form[action$="/comment"] button').click()]);
    await page.setInputFiles('#action-file', { name: 'plantilla-corregida.xlsx', mimeType: XLSX, buffer: Buffer.from(corrected) });
    await Promise.all([page.waitForURL(/done=attach/), page.locator('form[action$="/attach"] button').click()]);
    await sandbox.runtime.idle();

    // The ticket view refreshes by itself; wait (bounded) for the app's answer rather than trusting one reload.
    let after = await ticketComments(page);
    for (let i = 0; i < 20 && after.length < before.length + 2; i += 1) {
      await page.waitForTimeout(500);
      await sandbox.runtime.idle();
      await page.reload();
      after = await ticketComments(page);
    }
    const added = after.slice(before.length);
    // The requester's own comment, then exactly one answer from the app.
    expect(added.map((c) => c.author)).toEqual(['Suport SetDIBA', 'Integracions SetDIBA']);
    const answer = added[1]!.text;
    expect(answer).not.toMatch(/corregir/i);
    expect(answer).toMatch(/producció/i);
    await screenshot(page, 'loop-02-requester-after-correction');
    expect(await seriousViolations(page, '.issue')).toEqual([]);

    const frame = await openTicketPanel(session, DEMO.users.agent, key, 400);
    // Both files are listed, each file's rows under its name; the corrected file's rows are all settled.
    await frame.locator('[data-file-heading="plantilla-corregida.xlsx"]').waitFor();
    expect(await frame.locator('[data-file-heading]').count()).toBe(2);
    const rows = await panelRows(frame);
    const files = [...new Set(rows.map((r) => r.id.split(':')[0]))];
    expect(files).toHaveLength(2);
    const correctedRows = rows.filter((r) => r.id.startsWith(`${files[1]}:`));
    expect(correctedRows).toHaveLength(4);
    for (const row of correctedRows) expect(['integrated', 'already-integrated']).toContain(row.status);
    // The first file's rows for those same ens are replaced by the corrected file: muted, no longer "to correct".
    const firstRows = rows.filter((r) => r.id.startsWith(`${files[0]}:`));
    expect(firstRows).toHaveLength(4);
    for (const row of firstRows) {
      expect(row.status).toBe('replaced');
      expect(row.text).toContain('Substituïda pel fitxer «plantilla-corregida.xlsx»');
      expect(row.text).not.toContain('Cal corregir');
    }
    expect(await frame.locator('li[data-row-muted="true"]').count()).toBe(4);
    // And the "only rows with problems" filter has nothing left to show.
    await frame.getByRole('checkbox', { name: 'Només les files amb problemes' }).check();
    expect(await frame.locator('li[data-row-id]').count()).toBe(0);
    await panelScreenshot(page, 'loop-03b-problems-filter-after-correction-400');
    await frame.getByRole('checkbox', { name: 'Només les files amb problemes' }).uncheck();
    await frame.locator('li[data-row-id]').first().waitFor();
    // The ens integrated from the first file is reported, not integrated again.
    const results = (await ticketComments(page)).filter((c) => !c.public).at(-1)!.text;
    expect(results).toMatch(/Avià.*Ja integrat/);
    expect(await horizontalOverflow(frame)).toEqual(FITS);
    await panelScreenshot(page, 'loop-03-panel-after-correction-400');
    expect(await seriousViolations(frame)).toEqual([]);

    // The history has the run the new file started.
    await frame.getByRole('tab', { name: 'Historial' }).click();
    expect(await frame.locator('[data-history-entry]').count()).toBeGreaterThanOrEqual(2);
    await panelScreenshot(page, 'loop-04-history-400');
  });

  it('in Spanish, dark: the same panel reads right and fits', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.agent);
    await inLanguageAndTheme(session, { lang: 'es', theme: 'dark' }, async () => {
      await page.goto(`${sandbox.url}browse/${key}`);
      await setPanelWidth(page, 640);
      const frame = await panelFrame(page);
      await frame.getByRole('button', { name: 'Comprobar' }).waitFor();
      expect(await horizontalOverflow(frame)).toEqual(FITS);
      await panelScreenshot(page, 'loop-05-panel-es-dark-640');
      expect(await seriousViolations(frame)).toEqual([]);
    });
  });
});
