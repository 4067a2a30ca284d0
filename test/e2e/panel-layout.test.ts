/**
 * The issue panel at the widths Jira gives it (400, 640 and 1024 px), light and dark, Catalan and
 * Spanish: no horizontal overflow, every action reachable, compact rows that open to the details, a
 * 3,000-character cell that stays cut until asked for, the Atlassian font stack, a frame that follows its
 * content after switching tabs, and the design tokens' dark theme inside the frame.
 */
import { DEMO } from '../../src/emulator';
import type { Frame, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { actAs } from './support/pages';
import { panelScreenshot, fontFamilyOf, horizontalOverflow, LONG_CELL_CHARS, longCellTemplate, PANEL_FRAME, panelFrame, setPanelWidth } from './support/panel-frame';
import { raiseAndSettle } from './support/sandbox';
import { useBrowserSession } from './support/session';

jest.setTimeout(240_000);

const WIDTHS = [400, 640, 1024] as const;
const FITS = { overflowBy: 0, unreachable: [] };

async function setPageSession(page: Page, url: string, field: '#lang-switch' | '#theme-switch', value: string): Promise<void> {
  if (!page.url().startsWith(url)) await page.goto(url);
  await Promise.all([page.waitForLoadState('load'), page.waitForURL(/.*/), page.selectOption(field, value)]);
  await page.waitForFunction(([f, v]) => (document.querySelector(f!) as HTMLSelectElement | null)?.value === v, [field, value]);
}

async function frameHeight(page: Page): Promise<number> {
  return page.$eval(PANEL_FRAME, (frame) => frame.getBoundingClientRect().height);
}

/** Waits until the shell has applied the height the frame last reported. */
async function settledFrameHeight(page: Page): Promise<number> {
  let previous = -1;
  for (let i = 0; i < 20; i += 1) {
    const height = await frameHeight(page);
    if (height === previous) return height;
    previous = height;
    await page.waitForTimeout(150);
  }
  return previous;
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

async function openRowWith(frame: Frame, text: RegExp): Promise<void> {
  await frame.getByRole('button', { name: text }).first().click();
}

describeWithBrowser('issue panel layout', () => {
  const session = useBrowserSession();
  let key = '';

  beforeAll(async () => {
    key = await raiseAndSettle(session.sandbox, DEMO.users.setdibaCustomer, {
      summary: 'Alta e-NOTUM amb una cel·la llarguíssima',
      description: 'Plantilla amb un nom de 3.000 caràcters i un NIF incorrecte.',
      files: [{ fileName: 'plantilla-cella-llarga.xlsx', bytes: longCellTemplate() }],
    });
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.sandbox.url.replace(/\/$/, '') });
  });

  for (const width of WIDTHS) {
    it(`at ${width} px: no horizontal overflow, compact rows, every action reachable`, async () => {
      const { sandbox, page } = session;
      await actAs(page, sandbox, DEMO.users.agent);
      await page.goto(`${sandbox.url}browse/${key}`);
      await setPanelWidth(page, width);
      const frame = await panelFrame(page);
      await frame.getByRole('button', { name: 'Comprova' }).waitFor();

      // The compact row of the long cell stays one line high; the cell does not push anything away.
      const longRow = frame.locator('li[data-row-id]').filter({ hasText: 'de nom molt llarg' }).first();
      expect((await longRow.boundingBox())!.height).toBeLessThan(90);
      expect(await horizontalOverflow(frame)).toEqual(FITS);

      // Open the long row and the row with the wrong NIF: details and actions fit too.
      await longRow.getByRole('button', { expanded: false }).first().click();
      const details = longRow.locator('[id^="setdiba-row-"]');
      expect(((await details.textContent()) ?? '').length).toBeLessThan(LONG_CELL_CHARS / 2);
      await openRowWith(frame, /Full1:4/);
      expect(await horizontalOverflow(frame)).toEqual(FITS);
      await panelScreenshot(page, `layout-${width}-rows-expanded`);

      // Shown whole on demand, wrapped inside the panel.
      await details.getByRole('button', { name: /Mostra-ho tot/ }).first().click();
      expect(((await details.textContent()) ?? '').length).toBeGreaterThan(LONG_CELL_CHARS);
      expect(await horizontalOverflow(frame)).toEqual(FITS);

      // "Copia" answers on the button.
      const copy = longRow.getByRole('button', { name: /Copia els identificadors/ });
      await copy.click();
      await copy.filter({ hasText: 'Copiat' }).waitFor();

      // Every tab fits too.
      for (const tab of ['Pla', 'Historial', 'Tiquets per servei']) {
        await frame.getByRole('tab', { name: tab }).click();
        expect(await horizontalOverflow(frame)).toEqual(FITS);
      }
      await frame.getByRole('tab', { name: 'Pla' }).click();
      await panelScreenshot(page, `layout-${width}-plan`);
      expect(await seriousViolations(frame)).toEqual([]);
    });
  }

  it('the page itself has no horizontal scroll at 400 px, with the panel under the ticket', async () => {
    const { sandbox, page } = session;
    await page.setViewportSize({ width: 400, height: 900 });
    try {
      await actAs(page, sandbox, DEMO.users.agent);
      await page.goto(`${sandbox.url}browse/${key}`);
      const frame = await panelFrame(page);
      await frame.getByRole('button', { name: 'Comprova' }).waitFor();
      const page400 = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(page400.scroll).toBeLessThanOrEqual(page400.client);
      expect((await horizontalOverflow(frame)).unreachable).toEqual([]);
      await screenshot(page, 'layout-page-400');
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
  });

  it('uses the Atlassian font stack, and the frame follows its content when switching tabs', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.agent);
    await page.goto(`${sandbox.url}browse/${key}`);
    await setPanelWidth(page, 640);
    const frame = await panelFrame(page);
    await frame.getByRole('button', { name: 'Comprova' }).waitFor();
    for (const selector of ['label', 'li[data-row-id]']) {
      const family = await fontFamilyOf(frame, selector);
      expect(family).toMatch(/Atlassian Sans|ui-sans-serif|-apple-system/);
      expect(family).not.toMatch(/Times/);
    }
    const rowsHeight = await settledFrameHeight(page);
    await frame.getByRole('tab', { name: 'Pla' }).click();
    await frame.locator('#setdiba-writes').waitFor();
    expect(await fontFamilyOf(frame, '#setdiba-writes ~ ul li, #setdiba-writes ~ p')).not.toMatch(/Times/);
    await frame.getByRole('tab', { name: 'Historial' }).click();
    const historyHeight = await settledFrameHeight(page);
    // The frame shrinks to the shorter tab instead of keeping its largest height.
    expect(historyHeight).toBeLessThan(rowsHeight);
    const content = await frame.evaluate(() => document.body.offsetHeight);
    expect(Math.abs(historyHeight - Math.max(content, 240))).toBeLessThanOrEqual(4);
  });

  it('dark theme: the design tokens inside the frame turn dark with the page (Catalan and Spanish)', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.agent);
    await setPageSession(page, sandbox.url, '#theme-switch', 'dark');
    try {
      for (const lang of ['ca', 'es'] as const) {
        await setPageSession(page, sandbox.url, '#lang-switch', lang);
        await page.goto(`${sandbox.url}browse/${key}`);
        await setPanelWidth(page, 640);
        const frame = await panelFrame(page);
        await frame.getByRole('button', { name: lang === 'ca' ? 'Comprova' : 'Comprobar' }).waitFor();
        const colours = await frame.evaluate(() => ({
          mode: document.documentElement.getAttribute('data-color-mode'),
          background: getComputedStyle(document.body).backgroundColor,
          text: getComputedStyle(document.body).color,
          token: getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim(),
        }));
        expect(colours.mode).toBe('dark');
        expect(colours.token).not.toBe('');
        expect(luminance(colours.background)).toBeLessThan(0.25);
        expect(luminance(colours.text)).toBeGreaterThan(0.6);
        await openRowWith(frame, /Full1:4/);
        await panelScreenshot(page, `layout-dark-${lang}`);
        await screenshot(page, `layout-dark-${lang}-page`);
        expect(await seriousViolations(frame)).toEqual([]);
      }
      await setPageSession(page, sandbox.url, '#theme-switch', 'light');
      await setPageSession(page, sandbox.url, '#lang-switch', 'es');
      await page.goto(`${sandbox.url}browse/${key}`);
      await setPanelWidth(page, 640);
      const frame = await panelFrame(page);
      await frame.getByRole('button', { name: 'Comprobar' }).waitFor();
      await panelScreenshot(page, 'layout-light-es');
    } finally {
      await setPageSession(page, sandbox.url, '#theme-switch', 'light');
      await setPageSession(page, sandbox.url, '#lang-switch', 'ca');
    }
  });
});
