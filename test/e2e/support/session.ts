import type { Page } from 'playwright-core';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { openBrowser, type TestBrowser } from './browser';
import { startTestSandbox } from './sandbox';

/** What a browser test works with: the sandbox it talks to and the Chromium page it drives. */
export interface BrowserSession {
  readonly sandbox: Sandbox;
  readonly browser: TestBrowser;
  readonly page: Page;
}

/**
 * The set-up every browser test file shares: the sandbox and a fresh Chromium are started before the
 * file's tests and stopped after them. Call it at the top of a `describeWithBrowser` body, before any
 * `beforeAll` of the file's own (Jest runs them in order, so those already see a running sandbox).
 * Reading the session outside a test or hook throws, rather than handing out a sandbox that is not there.
 */
export function useBrowserSession(options: Parameters<typeof startTestSandbox>[0] = {}): BrowserSession {
  let sandbox: Sandbox | undefined;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    sandbox = await startTestSandbox(options);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the browser session has no ${what}: read it inside a test or hook`);
    return value;
  };
  return {
    get sandbox() {
      return started(sandbox, 'sandbox');
    },
    get browser() {
      return started(browser, 'browser');
    },
    get page() {
      return started(browser, 'browser').page;
    },
  };
}
