/**
 * @jest-environment jsdom
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PanelState } from '../../../src/contracts/panel';
import { App } from '../../../static/issue-panel/src/App';
import { seriousViolations } from './axe';
import { fakeApi } from './fake-api';
import * as fixtures from './fixtures';

function renderPanel(state: PanelState, lang: 'ca' | 'es' = 'ca') {
  const fake = fakeApi({ getPanelState: () => ({ ok: true, data: state }), preview: () => ({ ok: true, data: state }) });
  return { ...fake, ...render(<App api={fake.api} lang={lang} pollMs={20} />) };
}

describe('issue panel layout', () => {
  test('a 3,000-character cell is cut in the row and shown whole only on demand', async () => {
    const user = userEvent.setup();
    const long = `Ajuntament ${'molt '.repeat(598)}llarg`;
    expect(long.length).toBeGreaterThan(2990);
    const state = fixtures.baseState({
      rows: [
        fixtures.row(0, {
          name: long,
          problems: [{ severity: 'error', column: 'Ens', value: long, message: 'El nom no és el de cap ens.' }],
          status: 'rejected',
          decision: 'reject',
        }),
      ],
    });
    const { container } = renderPanel(state);
    const disclosure = await screen.findByRole('button', { name: /Full1:2/ });
    expect(disclosure.getAttribute('aria-expanded')).toBe('false');
    await user.click(disclosure);
    expect(disclosure.getAttribute('aria-expanded')).toBe('true');
    const details = container.querySelector(`#${disclosure.getAttribute('aria-controls')}`) as HTMLElement;
    // In the details the value is cut to its beginning, with a button that says how long it is.
    expect(details.textContent!.length).toBeLessThan(1200);
    const showAll = within(details).getAllByRole('button', { name: /Mostra-ho tot \(3\.?0\d\d caràcters\)/ });
    await user.click(showAll[0]!);
    expect(details.textContent).toContain(long);
    expect(within(details).getByRole('button', { name: 'Mostra menys' })).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('Comprova is the primary action; Executa only writes after a confirmation', async () => {
    const user = userEvent.setup();
    const { calls } = renderPanel(fixtures.valid());
    const check = await screen.findByRole('button', { name: 'Comprova' });
    expect(screen.getByText("Comprova no escriu res. Executa demana confirmació abans d'escriure.")).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Executa' }).className).not.toBe(check.className);
    await user.click(screen.getByRole('button', { name: 'Executa' }));
    const confirmation = await screen.findByRole('region', { name: "Abans d'executar" });
    expect(calls.map((c) => c.fn)).not.toContain('run');
    // Comprova looks exactly like the confirmation's primary button: the safe action is the one that stands out.
    expect(check.className).toBe(within(confirmation).getByRole('button', { name: 'Confirma i executa' }).className);
  });

  test('the plan never says "to integrate" for rows already integrated next to "nothing to write"', async () => {
    const user = userEvent.setup();
    const state = fixtures.done();
    state.plan!.services[0]!.counts.integrate = 3;
    renderPanel(state);
    await user.click(await screen.findByRole('tab', { name: 'Pla' }));
    expect(screen.queryByText(/a integrar/)).toBeNull();
    expect(screen.getByText('Ja integrades: 3')).toBeTruthy();
    expect(screen.getByText('Executar ara no escriuria res a Jira.')).toBeTruthy();
  });

  test('the plan counts what a run would still do, in Spanish too', async () => {
    const user = userEvent.setup();
    const state = fixtures.baseState({ rows: [fixtures.row(0, { status: 'integrated' }), fixtures.row(1), fixtures.row(2)] });
    renderPanel(state, 'es');
    await user.click(await screen.findByRole('tab', { name: 'Plan' }));
    expect(screen.getByText('2 por integrar · Ya integradas: 1')).toBeTruthy();
  });

  test('the MUX card counts the ens that already have their production date, not only those missing it', async () => {
    const user = userEvent.setup();
    // Every ens of the ticket has its date (the template's or one an agent recorded): none is missing it.
    const dated = fixtures.muxWaiting({ callerIsOwner: false, dateReached: false });
    dated.rows = dated.rows.map((row) => ({ ...row, status: 'mux-scheduled' }));
    const { unmount } = renderPanel(dated);
    await user.click(await screen.findByRole('tab', { name: 'Pla' }));
    const card = screen.getByRole('heading', { name: 'MUX' }).parentElement!;
    expect(within(card).getByText('2 amb la data de pas a producció programada')).toBeTruthy();
    unmount();

    const mixed = fixtures.muxWaiting({ callerIsOwner: false, dateReached: false });
    mixed.rows = mixed.rows.map((row, i) => ({ ...row, status: i === 0 ? 'mux-scheduled' : 'mux-pending' }));
    renderPanel(mixed, 'es');
    await user.click(await screen.findByRole('tab', { name: 'Plan' }));
    expect(screen.getByText('1 pendiente de la fecha de paso a producción · 1 con la fecha de paso a producción programada')).toBeTruthy();
  });
});
