/**
 * What the browser tests of a ticket's whole life (issue 10) share: templates and certificates made by
 * the repo's own code, the sandbox page's language and theme switches, and reading the panel's rows and
 * the ticket's comments the way a person reads them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { generateTemplate } from '../../../src/cli/scenario/files';
import type { TemplateSpec } from '../../../src/cli/scenario/schema';
import { makeCertificate } from '../../fixtures/certificates/generate';
import { DEMO_SETDIBA_SUBJECT } from '../../fixtures/certificates/generate';

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
