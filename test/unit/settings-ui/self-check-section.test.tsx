/**
 * @jest-environment jsdom
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../static/project-settings/src/App';
import { fakeApi } from './fake-api';
import * as fixtures from './fixtures';

Object.assign(globalThis, { TextEncoder, TextDecoder });

describe('settings page: Self-check', () => {
  test('runs on demand and shows each check with its status, what it found and the fix', async () => {
    const fake = fakeApi({
      getSettingsPage: () => ({ ok: true, data: fixtures.page() }),
      runSelfCheck: () => ({
        ok: true,
        data: {
          checks: [
            { id: 'linkType', status: 'ok', title: 'Link type "Cloners"', found: '"clones" / "is cloned by"', fix: null },
            { id: 'appPermissions', status: 'failed', title: "The app's permissions in the project", found: 'missing: LINK_ISSUES', fix: 'Add the app to the role.' },
            { id: 'linkWording', status: 'manual', title: 'Link wording (manual)', found: null, fix: 'Open a new service ticket.' },
          ],
        },
      }),
    });
    render(<App api={fake.api} lang="en" />);
    const button = await screen.findByRole('button', { name: 'Run the self-check' });
    expect(fake.calls.map((c) => c.fn)).not.toContain('runSelfCheck');
    await userEvent.click(button);
    const list = await screen.findByRole('list', { name: 'Self-check' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-status'))).toEqual(['ok', 'failed', 'manual']);
    expect(items[0]!.textContent).toContain('OK');
    expect(items[1]!.textContent).toContain('Failed');
    expect(items[1]!.textContent).toContain('Found: missing: LINK_ISSUES');
    expect(items[1]!.textContent).toContain('What to do: Add the app to the role.');
    expect(items[2]!.textContent).toContain('Manual check');
    expect(items[2]!.textContent).toContain('Open a new service ticket.');
  });

  test('a refusal is shown as a message, with no list', async () => {
    const fake = fakeApi({
      getSettingsPage: () => ({ ok: true, data: fixtures.page() }),
      runSelfCheck: () => ({ ok: false, error: { code: 'forbidden', message: 'Only administrators of this project can do this.' } }),
    });
    render(<App api={fake.api} lang="en" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Run the self-check' }));
    expect(await screen.findByText('Only administrators of this project can do this.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Self-check' })).toBeNull();
  });
});
