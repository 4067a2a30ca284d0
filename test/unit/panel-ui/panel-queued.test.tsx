/**
 * @jest-environment jsdom
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PanelState } from '../../../src/contracts/panel';
import { App } from '../../../static/issue-panel/src/App';
import { seriousViolations } from './axe';
import { fakeApi } from './fake-api';
import * as fixtures from './fixtures';

const queued = (): PanelState => ({ ...fixtures.done(), run: { status: 'queued', since: '2026-11-26T10:01:00.000Z', step: null } });

describe('a run waiting in the queue', () => {
  test('the notice says it is queued, not started; En cua with its time; no second run until it is over', async () => {
    const user = userEvent.setup();
    let answers = 0;
    const { calls, container } = renderPanel(fixtures.done(), {
      preview: () => ({ ok: true, data: fixtures.done() }),
      run: () => ({ ok: true, data: queued() }),
      getPanelState: () => {
        answers += 1;
        // The first load, then two refreshes while the job waits, then the run is over.
        return { ok: true, data: answers === 1 ? fixtures.done() : answers <= 3 ? queued() : fixtures.done() };
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Torna a executar' }));
    const confirmation = await screen.findByRole('region', { name: "Abans d'executar" });
    await user.click(within(confirmation).getByRole('button', { name: 'Confirma i executa' }));

    expect(await screen.findByText("S'ha posat a la cua el processament: començarà tan bon punt la plataforma l'agafi.")).toBeTruthy();
    expect(screen.queryByText("S'ha posat en marxa el processament.")).toBeNull();
    expect(screen.getByText('En cua', { selector: 'span' })).toBeTruthy();
    expect(screen.getByText(/^des de les? \d{1,2}:\d{2}$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Torna a executar' }).hasAttribute('disabled')).toBe(true);
    expect(await seriousViolations(container)).toEqual([]);

    // The panel keeps asking while the job waits, and offers Torna a executar again once it is over.
    await waitFor(() => expect(screen.queryByText('En cua', { selector: 'span' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Torna a executar' }).hasAttribute('disabled')).toBe(false);
    expect(calls.filter((c) => c.fn === 'run')).toHaveLength(1);
    expect(calls.filter((c) => c.fn === 'getPanelState').length).toBeGreaterThanOrEqual(3);
  });
});

function renderPanel(state: PanelState, answers: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi({ getPanelState: () => ({ ok: true, data: state }), ...answers });
  const view = render(<App api={fake.api} lang="ca" pollMs={20} />);
  return { ...fake, ...view };
}
