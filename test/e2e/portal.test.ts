/**
 * The customer portal in the sandbox (issue 16, part 1), as JSM would host the app's two portal modules:
 * - the request page with the app's detail panel, as the customer who raised the request (every ens of
 *   the request and of the tickets split from it, nothing internal), as another customer (refused, on
 *   the page and when calling the resolver directly), and as an agent;
 * - the create screen with the checker: a good file, a file with row errors (row, column, value, what to
 *   do), hostile files (zip bomb, too large, not a spreadsheet, a looping .xls) with a clear message and a
 *   page that keeps answering; the request sent with only the check's summary as its property.
 * At ~400 and 1024 px, light and dark, Catalan and Spanish; screenshots under test-output/screenshots.
 */
import type { Frame, Page } from 'playwright-core';
import { checkJson } from '../../src/cli/check';
import { CHECK_PROPERTY, checkSummarySchema } from '../../src/contracts/portal';
import { DEMO } from '../../src/emulator';
import type { RunState } from '../../src/domain/run-state';
import { readTemplate } from '../../src/spreadsheet/read-template';
import { loopingXls, PDF_BYTES, zipBombXlsx } from '../fixtures/hostile-files';
import { ajuntament, template } from '../integration/pipeline/fixtures';
import { seriousViolations } from './support/axe';
import { describeWithBrowser, screenshot } from './support/browser';
import { setPageSession } from './support/life';
import { actAs } from './support/pages';
import { raiseAndSettle } from './support/sandbox';
import { useBrowserSession } from './support/session';

jest.setTimeout(240_000);

const U = DEMO.users;
const ROWS = [
  ajuntament(20, { service: 'OVER' }),
  ajuntament(21, { service: 'e-NOTUM' }),
  ajuntament(22, { service: 'MUX' }), // no production date yet
  ajuntament(23, { service: 'OVER', nif: 'P0800000X' }), // wrong control letter
];
const DETAIL = '#app-frame-portal-request';
const CHECKER = '#app-frame-portal-check';

async function frameOf(page: Page, selector: string, ready: string): Promise<Frame> {
  const handle = await page.waitForSelector(selector);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${selector} has no document`);
  await frame.waitForSelector(ready);
  return frame;
}

async function setFrameWidth(page: Page, selector: string, width: number): Promise<void> {
  await page.$eval(selector, (frame, w) => void ((frame as HTMLElement).style.width = `${w}px`), width);
}

async function overflows(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** What a curious user could send from the browser's console, with a request key of their choosing. */
async function invokeDirectly(page: Page, issueKey: string) {
  return page.evaluate(async (key) => {
    const response = await fetch('/sandbox/bridge/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resource: 'portal-request', issueKey: key, projectKey: 'SUP', functionKey: 'getRequestStatus', payload: {} }),
    });
    return (await response.json()) as { body: { ok: boolean; error?: { code: string; message: string } } };
  }, issueKey);
}

describeWithBrowser('customer portal', () => {
  const session = useBrowserSession();
  let key: string;
  let clones: string[];

  beforeAll(async () => {
    key = await raiseAndSettle(session.sandbox, U.setdibaCustomer, {
      summary: 'Alta integracions SetDIBA (portal)',
      description: 'Bon dia, us adjuntem la plantilla.',
      files: [{ fileName: 'alta-portal.xlsx', bytes: template(ROWS) }],
    });
    const run = (await session.sandbox.runtime.jiraAsApp!.getIssueProperty(key, 'setdiba.run')) as RunState;
    clones = Object.values(run.tickets).filter((k): k is string => !!k && k !== key);
  });

  describe('the request page with the detail panel', () => {
    it('shows the requester each ens of the request and its split tickets, and nothing internal (ca, 1024 and 400 px, light)', async () => {
      const { sandbox, page } = session;
      await page.setViewportSize({ width: 1280, height: 1000 });
      await actAs(page, sandbox, U.setdibaCustomer);
      await page.goto(`${sandbox.url}portal/${key}`);
      const frame = await frameOf(page, DETAIL, '[data-state]');
      const lines = await frame.locator('li[data-state]').evaluateAll((items) =>
        items.map((li) => ({ codi: li.getAttribute('data-codi'), state: li.getAttribute('data-state'), text: (li.textContent ?? '').trim() })),
      );
      const byCodi = new Map(lines.map((l) => [l.codi, l]));
      expect(lines).toHaveLength(ROWS.length);
      expect(byCodi.get(ROWS[0]!.codiEns)).toMatchObject({ state: 'production' });
      expect(byCodi.get(ROWS[0]!.codiEns)!.text).toMatch(/En producció des (del|de l')/);
      expect(byCodi.get(ROWS[1]!.codiEns)).toMatchObject({ state: 'production' });
      expect(byCodi.get(ROWS[2]!.codiEns)!.text).toContain('Pendent de la data de pas a producció');
      const toCorrect = byCodi.get(ROWS[3]!.codiEns)!;
      expect(toCorrect.state).toBe('correct');
      expect(toCorrect.text).toContain('P0800000X');
      expect(toCorrect.text).toContain('NIF');
      await frame.getByRole('button', { name: 'Descarrega la plantilla de MUX' }).waitFor();
      // Nothing internal: no agent, no split ticket key, no storage key, no fingerprint-like hex.
      const text = await frame.locator('body').innerText();
      for (const secret of ['Marta Puig', 'Pere Soler', 'setdiba:', ...clones]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/[0-9A-F]{2}(:[0-9A-F]{2}){15}/i);
      await setFrameWidth(page, DETAIL, 1024);
      await screenshot(page, 'portal-01-request-customer-ca-light-1024');
      await setFrameWidth(page, DETAIL, 400);
      await page.waitForTimeout(200);
      expect(await overflows(frame)).toBe(false);
      await screenshot(page, 'portal-02-request-customer-ca-light-400');
      expect(await seriousViolations(frame)).toEqual([]);

      const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Descarrega la plantilla de MUX' }).click()]);
      expect(download.suggestedFilename()).toBe('plantilla-setdiba-mux.xlsx');
    });

    it('speaks Spanish in the dark theme when the portal does (400 px)', async () => {
      const { sandbox, page } = session;
      await setPageSession(page, `${sandbox.url}portal/${key}`, '#lang-switch', 'es');
      await setPageSession(page, `${sandbox.url}portal/${key}`, '#theme-switch', 'dark');
      const frame = await frameOf(page, DETAIL, '[data-state]');
      await frame.getByText('Estado de los entes de esta solicitud').waitFor();
      const text = await frame.locator('body').innerText();
      expect(text).toContain('En producción desde el');
      expect(text).toContain('Hay que corregirlo');
      await setFrameWidth(page, DETAIL, 400);
      await page.waitForTimeout(200);
      expect(await overflows(frame)).toBe(false);
      await screenshot(page, 'portal-03-request-customer-es-dark-400');
      expect(await seriousViolations(frame)).toEqual([]);
      await setPageSession(page, `${sandbox.url}portal/${key}`, '#theme-switch', 'light');
      await setPageSession(page, `${sandbox.url}portal/${key}`, '#lang-switch', 'ca');
    });

    it('refuses another customer, on the page and when they call the resolver themselves', async () => {
      const { sandbox, page } = session;
      await actAs(page, sandbox, U.otherCustomer);
      await setPageSession(page, `${sandbox.url}portal/${key}`, '#lang-switch', 'es');
      await page.locator('[data-portal-not-visible]').waitFor();
      const frame = await frameOf(page, DETAIL, 'main');
      await frame.getByText('No puede ver esta solicitud.').waitFor();
      const text = await frame.locator('body').innerText();
      for (const row of ROWS) {
        expect(text).not.toContain(row.name);
        expect(text).not.toContain(row.codiEns);
      }
      await screenshot(page, 'portal-04-request-other-customer-es-light');
      const direct = await invokeDirectly(page, key);
      expect(direct.body).toEqual({ ok: false, error: { code: 'forbidden', message: 'No puede ver esta solicitud.' } });
      await setPageSession(page, `${sandbox.url}portal/${key}`, '#lang-switch', 'ca');
    });

    it('answers an agent who opens the portal view', async () => {
      const { sandbox, page } = session;
      await actAs(page, sandbox, U.agent);
      await page.goto(`${sandbox.url}portal/${key}`);
      const frame = await frameOf(page, DETAIL, '[data-state]');
      expect(await frame.locator('li[data-state]').count()).toBe(ROWS.length);
      await screenshot(page, 'portal-05-request-agent-ca-light');
    });
  });

  describe('the checker on the create screen', () => {
    async function openChecker(page: Page, url: string): Promise<Frame> {
      await page.goto(`${url}portal/create`);
      return frameOf(page, CHECKER, 'input[type=file]');
    }

    async function check(frame: Frame, name: string, bytes: Uint8Array, mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
      await frame.locator('input[type=file]').setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
    }

    /** The check's outcome once the answer about this file is on screen (not an earlier file's). */
    async function outcome(frame: Frame, fileName: string): Promise<string> {
      await frame.waitForFunction(
        (name) => {
          const region = document.querySelector('[data-check-state]');
          const state = region?.getAttribute('data-check-state');
          return state !== 'working' && state !== 'idle' && (region?.textContent ?? '').includes(`${name}`);
        },
        fileName,
        { timeout: 30_000 },
      );
      return (await frame.getAttribute('[data-check-state]', 'data-check-state')) ?? '';
    }

    it('checks a good file in the browser and the request keeps only the summary', async () => {
      const { sandbox, page } = session;
      await page.setViewportSize({ width: 1280, height: 1000 });
      await actAs(page, sandbox, U.setdibaCustomer);
      const frame = await openChecker(page, sandbox.url);
      const good = template(ROWS.slice(0, 3));
      await check(frame, 'bona.xlsx', good);
      expect(await outcome(frame, 'bona.xlsx')).toBe('done');
      await frame.getByText('«bona.xlsx»: 3 ens sense errors. Ja la podeu adjuntar i enviar.').waitFor();
      await setFrameWidth(page, CHECKER, 1024);
      await screenshot(page, 'portal-06-check-good-ca-light-1024');
      // The blank templates of every service, on the create screen too (no request yet).
      const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: "Descarrega la plantilla d'e-TAULER" }).click()]);
      expect(download.suggestedFilename()).toBe('plantilla-setdiba-e-tauler.xlsx');
      expect(await seriousViolations(frame)).toEqual([]);

      // The panel submitted its summary; the form sends it with the request, and the file as an attachment.
      await page.waitForFunction(() => (document.querySelector('input[data-portal-properties]') as HTMLInputElement | null)?.value !== '');
      await page.fill('#portal-summary', 'Alta amb comprovació');
      await page.locator('#portal-file').setInputFiles({ name: 'bona.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(good) });
      await Promise.all([page.waitForURL(/created=/), page.getByRole('button', { name: 'Envia el tiquet' }).click()]);
      const created = await page.locator('[data-raised-key]').getAttribute('data-raised-key');
      const stored = await sandbox.runtime.jiraAsApp!.getIssueProperty(created!, CHECK_PROPERTY);
      const summary = checkSummarySchema.parse(stored);
      expect(summary).toMatchObject({ fileName: 'bona.xlsx', outcome: 'checked', readable: true, rows: 3, rowsWithErrors: 0 });
      expect(JSON.stringify(stored)).not.toContain(ROWS[0]!.codiEns);
      await sandbox.runtime.idle();
    });

    it('lists row errors with row, column, value and what to do (es, dark, 400 px)', async () => {
      const { sandbox, page } = session;
      await setPageSession(page, `${sandbox.url}portal/create`, '#lang-switch', 'es');
      await setPageSession(page, `${sandbox.url}portal/create`, '#theme-switch', 'dark');
      const frame = await frameOf(page, CHECKER, 'input[type=file]');
      await setFrameWidth(page, CHECKER, 400);
      await check(frame, 'amb-errors.xlsx', template(ROWS));
      expect(await outcome(frame, 'amb-errors.xlsx')).toBe('done');
      await frame.getByText('«amb-errors.xlsx»: 1 ente tiene errores de 4. Corríjalos antes de enviar la plantilla.').waitFor();
      const item = frame.locator('li[data-severity="error"]').first();
      // The header is row 1: the fourth ens is on row 5.
      expect(await item.getAttribute('data-row')).toBe('5');
      const text = await item.innerText();
      expect(text).toContain('Fila 5');
      expect(text).toContain('P0800000X');
      expect(text).toMatch(/Columna/);
      // The same problems, in the same words, as `setdiba check --json` gives for this file.
      const cli = checkJson(await readTemplate({ bytes: template(ROWS), fileName: 'amb-errors.xlsx' }), 'es');
      const expected = cli.entities.flatMap((e) => e.problems.map((p) => `${p.message} ${p.hint}`));
      const shown = await frame.locator('li[data-severity]').evaluateAll((items) =>
        items.map((li) => Array.from(li.querySelectorAll(':scope > div > span')).slice(-2).map((el) => (el.textContent ?? '').trim()).join(' ')),
      );
      expect(shown.sort()).toEqual(expected.sort());
      expect(await overflows(frame)).toBe(false);
      await screenshot(page, 'portal-07-check-errors-es-dark-400');
      expect(await seriousViolations(frame)).toEqual([]);
      await setPageSession(page, `${sandbox.url}portal/create`, '#theme-switch', 'light');
      await setPageSession(page, `${sandbox.url}portal/create`, '#lang-switch', 'ca');
    });

    it('refuses hostile files with a clear message, and the page keeps answering', async () => {
      const { sandbox, page } = session;
      const frame = await openChecker(page, sandbox.url);

      // Too large: refused before a byte is read.
      await check(frame, 'enorme.xlsx', new Uint8Array(6 * 1024 * 1024));
      expect(await outcome(frame, 'enorme.xlsx')).toBe('too-large');
      await frame.getByText('El fitxer «enorme.xlsx» és massa gran: el màxim és de 5 MiB.', { exact: false }).waitFor();
      // The summary the request would keep is this file's, not an earlier one's.
      await page.waitForFunction(() => (document.querySelector('input[data-portal-properties]') as HTMLInputElement | null)?.value.includes('enorme.xlsx'));
      const submitted = JSON.parse(await page.inputValue('input[data-portal-properties]')) as { fields: { key: string; value: unknown }[] };
      expect(submitted.fields.map((f) => [f.key, checkSummarySchema.parse(f.value).outcome])).toEqual([[CHECK_PROPERTY, 'too_large']]);

      // A zip bomb: its real inflated size passes the cap.
      await check(frame, 'bomba.xlsx', zipBombXlsx([{ name: 'xl/worksheets/sheet1.xml', mib: 64 }]));
      expect(await outcome(frame, 'bomba.xlsx')).toBe('done');
      await frame.getByText('No es pot llegir «bomba.xlsx».').waitFor();
      expect(await frame.locator('body').innerText()).toMatch(/passa de 16 MiB/);

      // Not a spreadsheet at all.
      await check(frame, 'factura.xlsx', PDF_BYTES);
      expect(await outcome(frame, 'factura.xlsx')).toBe('done');
      await frame.getByText('No es pot llegir «factura.xlsx».').waitFor();
      await screenshot(page, 'portal-08-check-not-a-spreadsheet-ca-light');

      // A .xls whose sector chain loops (Node's parser thread loops on it): refused or stopped, the page answering all along.
      await check(frame, 'bucle.xls', loopingXls(), 'application/vnd.ms-excel');
      await frame.waitForSelector('[data-check-state="working"]');
      const started = Date.now();
      await page.fill('#portal-summary', 'La pàgina respon');
      expect(await frame.evaluate(() => 6 * 7)).toBe(42);
      expect(Date.now() - started).toBeLessThan(2_000);
      const state = await outcome(frame, 'bucle.xls');
      expect(['timeout', 'done']).toContain(state);
      if (state === 'timeout') await frame.getByText('La comprovació de «bucle.xls» ha trigat massa i s\'ha aturat.', { exact: false }).waitFor();
      await screenshot(page, 'portal-09-check-hostile-ca-light');
      expect(await page.inputValue('#portal-summary')).toBe('La pàgina respon');
    });
  });
});
