/**
 * The project settings page in the sandbox, as Jira would host it: an admin changes a setting and sees
 * it saved and audited; a customer is refused — on the page and when calling the resolver directly.
 */
import { DEMO } from '../../src/emulator';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { actAs } from './support/pages';
import { useBrowserSession } from './support/session';

jest.setTimeout(180_000);

const FRAME = '#app-frame-project-settings';

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
    await frame.getByText(/recognition.label: setdiba → setdiba-demo/).waitFor();
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
});
