/**
 * The tickets a split raises are workable from their own panel (issue 10, defect 3), in assisted mode:
 * the admin chooses assisted integrations on the settings page; SetDIBA raises a request that mixes
 * services; an agent opens the OVER ticket the split created and finds its rows (not "Files (0)") and the
 * checklist of its ens, ticks a step, and sees who did it. Then the same service tickets' tabs (rows,
 * steps, MUX) at 400 and 640 px, light and dark, Catalan and Spanish: nothing cut, nothing off-screen,
 * readable in the dark, and no serious accessibility violation.
 */
import type { Frame } from 'playwright-core';
import { DEMO } from '../../src/emulator';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { openTicketPanel, panelRows, raiseOnForm, setPageSession } from './support/life';
import { actAs, queueRows } from './support/pages';
import { horizontalOverflow, panelFrame, panelScreenshot, setPanelWidth } from './support/panel-frame';
import { useBrowserSession } from './support/session';

jest.setTimeout(300_000);

const SETTINGS_FRAME = '#app-frame-project-settings';
const FITS = { overflowBy: 0, unreachable: [] };

/** Text and background colours that a reader can tell apart (WCAG's contrast ratio, 4.5 for body text). */
function contrast(a: string, b: string): number {
  const lum = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Every visible text element whose colour is too close to what it is read against (dark-theme
 * regressions): the backgrounds of its ancestors, translucent ones blended over those below them.
 */
async function lowContrastTexts(frame: Frame): Promise<string[]> {
  const samples = await frame.evaluate(() => {
    const parse = (c: string): [number, number, number, number] => {
      const v = (c.match(/[\d.]+/g) ?? []).map(Number);
      return [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v.length > 3 ? v[3]! : 1];
    };
    const backdrop = (element: Element): string => {
      const layers: [number, number, number, number][] = [];
      for (let node: Element | null = element; node; node = node.parentElement) {
        const layer = parse(getComputedStyle(node).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      let [r, g, b] = [255, 255, 255];
      for (const [lr, lg, lb, a] of layers.reverse()) [r, g, b] = [lr * a + r * (1 - a), lg * a + g * (1 - a), lb * a + b * (1 - a)];
      return `rgb(${r}, ${g}, ${b})`;
    };
    const out: { text: string; color: string; background: string }[] = [];
    for (const element of Array.from(document.querySelectorAll('p, span, li, label, time, dt, dd, h1, h2, h3, td, th, button, [role="tab"]'))) {
      const own = Array.from(element.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
      const box = element.getBoundingClientRect();
      if (!own || box.width === 0 || element.closest(':disabled, [aria-disabled="true"]')) continue;
      out.push({ text: (element.textContent ?? '').trim().slice(0, 40), color: getComputedStyle(element).color, background: backdrop(element) });
    }
    return out;
  });
  return samples.filter((s) => contrast(s.color, s.background) < 4.5).map((s) => `${s.text} (${s.color} on ${s.background})`);
}

/** Tabs and buttons whose label does not fit their box (cut with an ellipsis or hidden). */
async function cutLabels(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    Array.from(document.querySelectorAll('[role="tab"], button'))
      .filter((element) => (element as HTMLElement).scrollWidth > (element as HTMLElement).clientWidth + 1)
      .map((element) => (element.textContent ?? '').trim()),
  );
}

describeWithBrowser('a split ticket in its own panel', () => {
  const session = useBrowserSession();
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    const { sandbox, page } = session;
    // The admin chooses assisted integrations: the app prepares the steps and an agent does them.
    await actAs(page, sandbox, DEMO.users.admin);
    await page.goto(`${sandbox.url}projects/SUP/settings`);
    const frame = page.frameLocator(SETTINGS_FRAME);
    await frame.locator('[data-section="backend"]').getByRole('radio', { name: /^Assistit/ }).check();
    await frame.getByRole('button', { name: 'Desa', exact: true }).click();
    await frame.getByText("S'ha desat la configuració.").waitFor();

    // SetDIBA raises a request mixing four services.
    keys.origin = await raiseOnForm(session, { sample: 'mixed' });

    await actAs(page, sandbox, DEMO.users.agent);
    await page.goto(sandbox.url);
    // Each ticket of the family carries its service's label; MUX stays on the original.
    const slugs = { mux: 'MUX', 'e-notum': 'e-NOTUM', 'e-tauler': 'e-TAULER', over: 'OVER' } as const;
    for (const row of await queueRows(page)) {
      for (const [slug, service] of Object.entries(slugs)) if (row.labels.includes(`setdiba-${slug}`)) keys[service] = row.key;
    }
    expect(Object.keys(keys).sort()).toEqual(['MUX', 'OVER', 'e-NOTUM', 'e-TAULER', 'origin']);
  });

  it('the OVER ticket of the split shows its own rows and its steps; an agent ticks one', async () => {
    const { page } = session;
    expect(keys.OVER).toMatch(/^SUP-\d+$/);
    const frame = await openTicketPanel(session, DEMO.users.agent, keys.OVER!, 640);
    await frame.getByText(`Tiquet per servei creat a partir de ${keys.origin}.`).waitFor();
    const rows = await panelRows(frame);
    // Its rows, of its service only: the sample's two OVER ens (SetDIBA wrote EACAT).
    expect(rows.map((r) => r.text)).toEqual([expect.stringContaining('Argentona'), expect.stringContaining('Artés')]);
    expect(await frame.getByRole('tab', { name: 'Files (2)' }).count()).toBe(1);
    await panelScreenshot(page, 'split-01-over-ticket-rows-640');

    // In assisted mode the plan counts the ens as steps to do by hand, not as what a run would integrate.
    await frame.getByRole('tab', { name: 'Pla' }).click();
    const plan = await frame.locator('section[aria-labelledby="setdiba-plan-OVER"]').innerText();
    expect(plan).toContain('2 per fer a mà (pestanya Passos)');
    expect(plan).not.toMatch(/per integrar/);

    await frame.getByRole('tab', { name: 'Passos' }).click();
    const steps = frame.locator('input[type="checkbox"]');
    expect(await steps.count()).toBe(2);
    const first = frame.locator('label:has(input[type="checkbox"])').first();
    const firstText = (await first.innerText()).trim();
    expect(firstText).toMatch(/^OVER a PRO:/);
    // The box follows the ticket's state: it turns on once the app has recorded who ticked it.
    await steps.first().click();
    await frame.getByText(/Fet per Marta Puig/).waitFor();
    expect(await steps.first().isChecked()).toBe(true);
    expect(await horizontalOverflow(frame)).toEqual(FITS);
    await panelScreenshot(page, 'split-02-over-ticket-step-done-640');
    expect(await seriousViolations(frame)).toEqual([]);

    // The mark stays after a reload: it is the ticket's, not the browser's.
    await page.reload();
    const again = await panelFrame(page);
    await again.getByRole('tab', { name: 'Passos' }).click();
    expect(await again.locator('input[type="checkbox"]').first().isChecked()).toBe(true);
    await again.getByRole('tab', { name: 'Pla' }).click();
    const planAfter = await again.locator('section[aria-labelledby="setdiba-plan-OVER"]').innerText();
    expect(planAfter).toContain('1 per fer a mà (pestanya Passos) · Ja integrades: 1');
    expect(planAfter).not.toMatch(/per integrar/);
    await panelScreenshot(page, 'split-02b-over-ticket-plan-after-step-640');
  });

  it('every service ticket of the split has rows in its panel, never "Files (0)"', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.agent);
    for (const service of ['MUX', 'e-NOTUM', 'e-TAULER', 'OVER']) {
      if (!keys[service]) continue;
      await page.goto(`${sandbox.url}browse/${keys[service]}`);
      const frame = await panelFrame(page);
      expect((await panelRows(frame)).length).toBeGreaterThan(0);
      expect(await frame.getByRole('tab', { name: 'Files (0)' }).count()).toBe(0);
    }
    await screenshot(page, 'split-03-service-ticket-page');
  });

  it('the MUX card of the plan counts the ens whose production date SetDIBA already gave', async () => {
    const { page } = session;
    // The sample's two MUX ens carry their date in the template: none is missing it, both are counted.
    const frame = await openTicketPanel(session, DEMO.users.agent, keys.MUX!, 640);
    await frame.getByRole('tab', { name: 'Pla' }).click();
    const card = await frame.locator('section[aria-labelledby="setdiba-plan-MUX"]').innerText();
    expect(card).toContain('2 amb la data de pas a producció programada');
    await panelScreenshot(page, 'split-04-mux-plan-dated-640');
  });

  const VIEWS = [
    { width: 400, theme: 'light', lang: 'ca', rows: 'Files', steps: 'Passos' },
    { width: 640, theme: 'light', lang: 'es', rows: 'Filas', steps: 'Pasos' },
    { width: 400, theme: 'dark', lang: 'es', rows: 'Filas', steps: 'Pasos' },
    { width: 640, theme: 'dark', lang: 'ca', rows: 'Files', steps: 'Passos' },
  ] as const;

  it('the service tickets\' tabs at 400 and 640 px, light and dark, Catalan and Spanish', async () => {
    const { sandbox, page } = session;
    await actAs(page, sandbox, DEMO.users.agent);
    try {
      for (const view of VIEWS) {
        await setPageSession(page, sandbox.url, '#lang-switch', view.lang);
        await setPageSession(page, sandbox.url, '#theme-switch', view.theme);
        for (const service of ['OVER', 'MUX'] as const) {
          await page.goto(`${sandbox.url}browse/${keys[service]}`);
          await setPanelWidth(page, view.width);
          const frame = await panelFrame(page);
          await frame.locator('li[data-row-id]').first().waitFor();
          const tabs = await frame.getByRole('tab').allInnerTexts();
          for (let index = 0; index < tabs.length; index += 1) {
            await frame.getByRole('tab').nth(index).click();
            const name = `split-matrix-${service}-${view.width}-${view.theme}-${view.lang}-tab${index}`;
            expect({ name, ...(await horizontalOverflow(frame)) }).toEqual({ name, ...FITS });
            expect({ name, cut: await cutLabels(frame) }).toEqual({ name, cut: [] });
            if (view.theme === 'dark') expect({ name, low: await lowContrastTexts(frame) }).toEqual({ name, low: [] });
            expect({ name, axe: await seriousViolations(frame) }).toEqual({ name, axe: [] });
            await panelScreenshot(page, name);
          }
          expect(tabs.some((t) => t.startsWith(view.rows))).toBe(true);
          if (service === 'OVER') expect(tabs).toContain(view.steps);
          if (service === 'MUX') expect(tabs).toContain('MUX');
        }
      }
    } finally {
      await page.goto(sandbox.url);
      await setPageSession(page, sandbox.url, '#theme-switch', 'light');
      await setPageSession(page, sandbox.url, '#lang-switch', 'ca');
    }
  });
});
