import type { Page } from 'playwright-core';
import type { Sandbox } from '../../../src/sandbox/sandbox';

/** Switches the sandbox's current user the way a person does: with the switch in the top bar. */
export async function actAs(page: Page, sandbox: Sandbox, accountId: string): Promise<void> {
  if (!page.url().startsWith(sandbox.url)) await page.goto(sandbox.url);
  await Promise.all([page.waitForLoadState('load'), page.waitForURL(/.*/), page.selectOption('#user-switch', accountId)]);
  await page.waitForFunction((id) => (document.querySelector('#user-switch') as HTMLSelectElement | null)?.value === id, accountId);
}

/** Every ticket key in the queue, as listed. */
export async function queueKeys(page: Page): Promise<string[]> {
  return page.locator('table.queue tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-issue-key') ?? ''));
}

export interface QueueRow {
  key: string;
  summary: string;
  assignee: string;
  labels: string[];
}

export async function queueRows(page: Page): Promise<QueueRow[]> {
  return page.locator('table.queue tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('td');
      return {
        key: row.getAttribute('data-issue-key') ?? '',
        summary: (cells[1]?.textContent ?? '').trim(),
        assignee: (cells[3]?.textContent ?? '').trim(),
        labels: Array.from(row.querySelectorAll('li.label')).map((li) => (li.textContent ?? '').trim()),
      };
    }),
  );
}
