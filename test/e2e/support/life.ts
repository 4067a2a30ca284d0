/**
 * What the browser tests of a ticket's whole life (issue 10) share: templates and certificates made by
 * the repo's own code, the sandbox page's language and theme switches, the steps each person repeats
 * (SetDIBA raising a request on the form, opening a ticket's panel, confirming a run), and reading the
 * panel's rows and the ticket's comments the way a person reads them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { generateTemplate } from '../../../src/cli/scenario/files';
import type { TemplateSpec } from '../../../src/cli/scenario/schema';
import { DEMO } from '../../../src/emulator';
import { makeCertificate } from '../../fixtures/certificates/generate';
import { DEMO_SETDIBA_SUBJECT } from '../../fixtures/certificates/generate';
import { actAs } from './pages';
import { panelFrame, setPanelWidth } from './panel-frame';
import type { BrowserSession } from './session';

const DAY_MS = 86_400_000;

/** A template written by the app's own workbook writer, with real ajuntaments (see `setdiba simulate`). */
export function templateBytes(spec: TemplateSpec): Uint8Array {
  return generateTemplate(spec);
}

/** Writes bytes to a fresh temporary file, as a person picks a file from their disk. */
export function tempFile(name: string, bytes: Uint8Array | string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'setdiba-life-')), name);
  writeFileSync(path, bytes);
  return path;
}

/** The SetDIBA CDA certificate as SetDIBA sends it: expired a month ago, or valid for two years from today. */
export async function certificateFile(kind: 'expired' | 'valid', now = new Date()): Promise<string> {
  const { der } = await makeCertificate(
    kind === 'expired'
      ? { subject: DEMO_SETDIBA_SUBJECT, notBefore: new Date(now.getTime() - 760 * DAY_MS), notAfter: new Date(now.getTime() - 30 * DAY_MS) }
      : { subject: DEMO_SETDIBA_SUBJECT, notBefore: new Date(now.getTime() - DAY_MS), notAfter: new Date(now.getTime() + 730 * DAY_MS) },
  );
  return tempFile(kind === 'expired' ? 'SETDIBA-AYTOS-caducat.cer' : 'SETDIBA-AYTOS-renovat.cer', der);
}

/** A day on the Madrid calendar, `days` from `from`, as yyyy-mm-dd. */
export function madridDay(days = 0, from = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(from.getTime() + days * DAY_MS),
  );
}

/** Language and theme are the sandbox page's session settings (the switches in its top bar). */
export async function setPageSession(page: Page, url: string, field: '#lang-switch' | '#theme-switch', value: string): Promise<void> {
  if (!page.url().startsWith(url)) await page.goto(url);
  await Promise.all([page.waitForLoadState('load'), page.waitForURL(/.*/), page.selectOption(field, value)]);
  await page.waitForFunction(([f, v]) => (document.querySelector(f!) as HTMLSelectElement | null)?.value === v, [field, value]);
}

/**
 * Runs `body` with the sandbox page in another language and theme, then puts it back to Catalan and
 * light whatever happens, so the next test reads the page as it expects.
 */
export async function inLanguageAndTheme(
  { sandbox, page }: BrowserSession,
  settings: { lang: string; theme: string },
  body: () => Promise<void>,
): Promise<void> {
  try {
    await setPageSession(page, sandbox.url, '#lang-switch', settings.lang);
    await setPageSession(page, sandbox.url, '#theme-switch', settings.theme);
    await body();
  } finally {
    await page.goto(sandbox.url);
    await setPageSession(page, sandbox.url, '#theme-switch', 'light');
    await setPageSession(page, sandbox.url, '#lang-switch', 'ca');
  }
}

/** What SetDIBA puts in the sandbox's request form: a template of theirs with a summary, or one of the form's samples. */
export type RaiseForm = { file: string; bytes: Uint8Array; summary: string } | { sample: string };

/** SetDIBA raises a request on the sandbox's form; its key, once the app has done what the new ticket starts. */
export async function raiseOnForm({ sandbox, page }: BrowserSession, form: RaiseForm): Promise<string> {
  await actAs(page, sandbox, DEMO.users.setdibaCustomer);
  await page.goto(`${sandbox.url}raise`);
  if ('sample' in form) {
    await page.selectOption('#raise-sample', form.sample);
  } else {
    await page.setInputFiles('#raise-file', tempFile(form.file, form.bytes));
    await page.fill('#raise-summary', form.summary);
  }
  await Promise.all([page.waitForURL(/\/raise\?created=/), page.locator('form.raise button[type=submit]').click()]);
  const key = (await page.getAttribute('[data-raised-key]', 'data-raised-key')) ?? '';
  await sandbox.runtime.idle();
  return key;
}

/** The ticket as `accountId` sees it, with the panel at `width` px (as it is when none is given); the panel's frame. */
export async function openTicketPanel({ sandbox, page }: BrowserSession, accountId: string, key: string, width?: number): Promise<Frame> {
  await actAs(page, sandbox, accountId);
  await page.goto(`${sandbox.url}browse/${key}`);
  if (width !== undefined) await setPanelWidth(page, width);
  return panelFrame(page);
}

/**
 * Confirms the run the panel's confirmation describes, waits until the app has done it, and reloads the
 * ticket with the panel at `width` px; the new panel's frame.
 */
export async function confirmRunAndReload({ sandbox, page }: BrowserSession, frame: Frame, confirmation: Locator, width: number): Promise<Frame> {
  await confirmation.getByRole('button', { name: 'Confirma i executa' }).click();
  // Queued (the job waits for the sandbox's queue) or already started, as the answer found it.
  await frame.getByText(/^S'ha posat (en marxa|a la cua) el processament/).waitFor();
  await sandbox.runtime.idle();
  await page.reload();
  await setPanelWidth(page, width);
  return panelFrame(page);
}

export interface PanelRow {
  id: string;
  status: string;
  /** The compact line as read: sheet:row, ens, status lozenge, first problem. */
  text: string;
}

/** The rows of the panel's Files tab, as the compact lines show them. */
export async function panelRows(frame: Frame): Promise<PanelRow[]> {
  await frame.locator('li[data-row-id]').first().waitFor();
  return frame.locator('li[data-row-id]').evaluateAll((items) =>
    items.map((item) => ({
      id: item.getAttribute('data-row-id') ?? '',
      status: item.getAttribute('data-row-status') ?? '',
      text: (item.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
}

export interface TicketComment {
  public: boolean;
  author: string;
  text: string;
}

/** The comments of the ticket view, in order, with who wrote them and whether the requester sees them. */
export async function ticketComments(page: Page): Promise<TicketComment[]> {
  return page.locator('li.comment').evaluateAll((items) =>
    items.map((item) => ({
      public: item.getAttribute('data-public') === 'true',
      author: (item.querySelector('.comment-head strong')?.textContent ?? '').trim(),
      text: (item.querySelector('.comment-body')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
}
