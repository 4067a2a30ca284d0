/**
 * The panel while it waits (issue 13): the first load, and a run in progress, at 400 and 640 px, light
 * and dark. The spinner is whole inside the frame (it used to be clipped), its label says what is going
 * on, and once the run is over the panel refreshes by itself, without a reload. The run waits in the
 * sandbox's queue, held as Forge's queue holds a job until a consumer takes it: "En cua" is what the
 * real resolver answers, on the run's answer and on the panel's own refreshes.
 */
import type { Frame, Page, Route } from 'playwright-core';
import { DEMO } from '../../src/emulator';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, SCREENSHOT_DIR } from './support/browser';
import { inLanguageAndTheme, setPageSession } from './support/life';
import { MUNICIPALITIES } from '../../src/domain/municipalities';
import { ajuntamentRow, CATALAN_HEADER } from '../fixtures/template-rows';
import { workbookFile } from '../fixtures/workbook-files';
import { actAs } from './support/pages';
import { horizontalOverflow, PANEL_FRAME, panelScreenshot, setPanelWidth } from './support/panel-frame';
import { raiseSampleAndSettle } from './support/sandbox';
import { useBrowserSession } from './support/session';

jest.setTimeout(240_000);

const FITS = { overflowBy: 0, unreachable: [] };

/**
 * The spinner against the frame's viewport: whole, not cut at an edge. It turns, and a turning square's
 * bounding box grows past the square, so its untransformed size is laid around its centre.
 */
async function spinnerInside(frame: Frame): Promise<{ visible: boolean; inside: boolean; box?: string }> {
  return frame.evaluate(() => {
    const svg = document.querySelector('#root svg') as SVGSVGElement | null;
    if (!svg) return { visible: false, inside: false };
    const turning = svg.getBoundingClientRect();
    const size = Math.max(svg.width.baseVal.value, svg.height.baseVal.value);
    const [cx, cy] = [turning.left + turning.width / 2, turning.top + turning.height / 2];
    const box = { left: cx - size / 2, top: cy - size / 2, right: cx + size / 2, bottom: cy + size / 2 };
    const width = document.documentElement.clientWidth;
    const height = Math.max(document.documentElement.clientHeight, window.innerHeight);
    const inside = box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height;
    return { visible: size > 0, inside, ...(inside ? {} : { box: `${JSON.stringify(box)} in ${width}x${height}` }) };
  });
}

/** Holds the panel's resolver calls of one function until released, as a slow Jira would. */
async function holdCalls(page: Page, functionKey: string): Promise<() => Promise<void>> {
  const held: Route[] = [];
  await page.context().route('**/sandbox/bridge/invoke', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes(`"functionKey":"${functionKey}"`)) held.push(route);
    else await route.continue();
  });
  return async () => {
    for (const route of held.splice(0)) await route.continue().catch(() => undefined);
    await page.context().unroute('**/sandbox/bridge/invoke');
  };
}

describeWithBrowser('the panel while it waits', () => {
  // The backend held mid-run must not be taken for one that hangs (the app's own limit is 10 s).
  const session = useBrowserSession({ backendTimeoutMs: 120_000 });
  let key = '';

  beforeAll(async () => {
    key = await raiseSampleAndSettle(session.sandbox, DEMO.users.setdibaCustomer, 'every-service');
  });

  const VIEWS = [
    { width: 400, theme: 'light' },
    { width: 640, theme: 'dark' },
  ] as const;

  for (const view of VIEWS) {
    it(`loading, then a run in progress, at ${view.width} px (${view.theme})`, async () => {
      const { sandbox, page } = session;
      await actAs(page, sandbox, DEMO.users.agent);
      await setPageSession(page, sandbox.url, '#theme-switch', view.theme);
      try {
        // The first load: a slow answer shows the spinner and what it is doing.
        const release = await holdCalls(page, 'getPanelState');
        await page.goto(`${sandbox.url}browse/${key}`);
        await setPanelWidth(page, view.width);
        const handle = await page.waitForSelector(PANEL_FRAME);
        const frame = (await handle.contentFrame())!;
        await frame.getByText("S'està carregant…").waitFor();
        expect(await spinnerInside(frame)).toEqual({ visible: true, inside: true });
        // Atlaskit's spinner fades in over its first second; the screenshot shows it as a person sees it then.
        await page.waitForTimeout(1200);
        const frameBox = (await page.locator(PANEL_FRAME).boundingBox())!;
        await page.screenshot({ path: `${SCREENSHOT_DIR}/progress-00-spinner-${view.width}-${view.theme}.png`, clip: { x: frameBox.x, y: frameBox.y, width: 160, height: 48 } });
        await panelScreenshot(page, `progress-01-loading-${view.width}-${view.theme}`);
        expect(await seriousViolations(frame)).toEqual([]);
        await release();
        await frame.getByRole('button', { name: 'Comprova' }).waitFor();

        // A run asked from the panel waits in the queue, with a spinner, until a consumer takes it.
        const releaseJobs = sandbox.runtime.holdJobs!();
        try {
          await frame.getByRole('button', { name: 'Torna a executar' }).click();
          await frame.getByRole('button', { name: 'Confirma i executa' }).click();
          const queued = frame.getByText(/^En cua$/).first();
          await queued.waitFor();
          expect(await spinnerInside(frame)).toEqual({ visible: true, inside: true });
          expect(await horizontalOverflow(frame)).toEqual(FITS);
          await frame.getByText("El panell s'actualitza sol mentre dura el processament.").waitFor();
          // Past the panel's own refresh (every 3 s): still queued, and a second run cannot be asked for.
          await page.waitForTimeout(3500);
          await queued.waitFor();
          await frame.getByText(/^des de l(es|a) \d{1,2}:\d{2}$/).waitFor();
          expect(await frame.getByRole('button', { name: 'Torna a executar' }).isDisabled()).toBe(true);
          await panelScreenshot(page, `progress-02-queued-${view.width}-${view.theme}`);
          expect(await seriousViolations(frame)).toEqual([]);
        } finally {
          releaseJobs();
        }
        const progress = frame.getByText(/^(En cua|En curs)$/).first();
        await sandbox.runtime.idle();
        // No reload: the panel asks again by itself and the progress goes away.
        await progress.waitFor({ state: 'detached', timeout: 20_000 });
        await frame.getByRole('button', { name: 'Torna a executar' }).waitFor();
        expect(await frame.getByRole('button', { name: 'Torna a executar' }).isEnabled()).toBe(true);
      } finally {
        await page.context().unroute('**/sandbox/bridge/invoke');
        await page.goto(sandbox.url);
        await setPageSession(page, sandbox.url, '#theme-switch', 'light');
      }
    });
  }
  // Ens no other test integrates (an ens the registry knows is not sent to the backend at all). The step
  // is told in the language of the agent's Jira profile, as the rest of what the resolver says.
  const MIDWAY = [
    { width: 400, theme: 'light', lang: 'ca', agent: DEMO.users.agent, from: 200, step: /^Integrant els ens: 0 de 6$/ },
    { width: 640, theme: 'dark', lang: 'es', agent: DEMO.users.agentEs, from: 210, step: /^Integrando los entes: 0 de 6$/ },
  ] as const;

  for (const view of MIDWAY) {
    it(`a run in the middle of its integrations says which step, and how many ens of how many (${view.width} px, ${view.theme}, ${view.lang})`, async () => {
      const { sandbox, page } = session;
      await inLanguageAndTheme(session, view, async () => {
        await actAs(page, sandbox, view.agent);
        // The backend answers nothing until released: the run waits on its first ens.
        const release = sandbox.runtime.holdBackend!();
        try {
          const rows = [[...CATALAN_HEADER], ...MUNICIPALITIES.slice(view.from, view.from + 6).map((m, i) => ajuntamentRow(m, view.from + i, { service: 'OVER' }))];
          const customer = sandbox.runtime.users.find((u) => u.accountId === DEMO.users.setdibaCustomer)!;
          const { issueKey } = await sandbox.runtime.raiseRequest(customer, {
            summary: 'Alta OVER',
            description: 'Us adjuntem la plantilla.',
            files: [{ fileName: 'plantilla-over.xlsx', bytes: workbookFile([{ name: 'OVER', rows }], 'xlsx') }],
          });
          await page.goto(`${sandbox.url}browse/${issueKey}`);
          await setPanelWidth(page, view.width);
          const frame = (await (await page.waitForSelector(PANEL_FRAME)).contentFrame())!;
          await frame.getByText(view.step).waitFor({ timeout: 30_000 });
          await panelScreenshot(page, `progress-03-integrating-${view.width}-${view.theme}-${view.lang}`);
          await frame.getByText(view.lang === 'ca' ? /^En curs$/ : /^En curso$/).first().waitFor();
          expect(await horizontalOverflow(frame)).toEqual(FITS);
          expect(await seriousViolations(frame)).toEqual([]);
        } finally {
          release();
          await sandbox.runtime.idle();
        }
      });
    });
  }
});
