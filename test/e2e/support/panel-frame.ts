import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './browser';
import { allMunicipalitiesSheet } from '../../fixtures/template-rows';
import { workbookFile } from '../../fixtures/workbook-files';

export const PANEL_FRAME = '#app-frame-issue-panel';

/** The issue panel's frame once its app has rendered something (a button or a refusal). */
export async function panelFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector(PANEL_FRAME);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the issue panel frame has no document');
  await frame.waitForSelector('#root button, #root [role="tab"], #root section');
  return frame;
}

/** Jira gives an issue panel the width of the column it sits in; the test gives the frame that width. */
export async function setPanelWidth(page: Page, width: number): Promise<void> {
  await page.$eval(PANEL_FRAME, (frame, w) => {
    (frame as HTMLElement).style.width = `${w}px`;
  }, width);
}

export interface Overflow {
  /** How many pixels the document is wider than the frame (0 when it fits). */
  overflowBy: number;
  /** Buttons, tabs and checkboxes whose box ends past the frame's right edge (or before its left). */
  unreachable: string[];
}

/** What does not fit the frame horizontally: the document's own scroll width and every control's box. */
export async function horizontalOverflow(frame: Frame): Promise<Overflow> {
  return frame.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const controls = Array.from(document.querySelectorAll('button, [role="tab"], input, select, textarea, a[href]'));
    const unreachable = controls
      .filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) return false;
        return box.left < -0.5 || box.right > width + 0.5;
      })
      .map((element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 40)}"`);
    return { overflowBy: Math.max(0, document.documentElement.scrollWidth - width), unreachable };
  });
}

/** The font family the browser actually resolved for the first element matching the selector. */
export async function fontFamilyOf(frame: Frame, selector: string): Promise<string> {
  return frame.$eval(selector, (element) => getComputedStyle(element).fontFamily);
}

/** A name of this many characters in one cell, as a customer's copy-paste accident produces. */
export const LONG_CELL_CHARS = 3000;

/**
 * A template built by the repo's fixture code: six real ajuntaments, one with a 3,000-character name and
 * one with a wrong NIF check letter, so the panel has a long cell, problems and valid rows to show.
 */
export function longCellTemplate(): Uint8Array {
  const rows = allMunicipalitiesSheet(6);
  const long = `Ajuntament ${'de nom molt llarg '.repeat(200)}`.slice(0, LONG_CELL_CHARS);
  rows[1]![0] = long;
  const nif = String(rows[3]![3]);
  rows[3]![3] = `${nif.slice(0, -1)}${nif.endsWith('A') ? 'B' : 'A'}`;
  return workbookFile([{ name: 'Full1', rows }], 'xlsx');
}

/** A screenshot of the panel's frame alone, at its real size, for a person to review. */
export async function panelScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.locator(PANEL_FRAME).screenshot({ path });
  return path;
}
