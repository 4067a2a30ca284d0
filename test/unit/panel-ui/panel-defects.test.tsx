/**
 * @jest-environment jsdom
 */
/**
 * Defects an agent hit in the issue panel: the MUX date field, a MUX owner changed while the panel was
 * open, decisions changed before integration, and the words for one state.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MuxView, PanelResult, PanelState } from '../../../src/contracts/panel';
import { resultsTable } from '../../../src/usecases/panel/results-table';
import { App } from '../../../static/issue-panel/src/App';
import { seriousViolations } from './axe';
import { fakeApi } from './fake-api';
import * as fixtures from './fixtures';

function renderPanel(state: PanelState, answers: Parameters<typeof fakeApi>[0] = {}, lang: 'ca' | 'es' | 'en' = 'ca') {
  const fake = fakeApi({ getPanelState: () => ({ ok: true, data: state }), ...answers });
  const view = render(<App api={fake.api} lang={lang} pollMs={20} />);
  return { ...fake, ...view };
}

type Ens = NonNullable<MuxView['ens']>[number];

/**
 * A MUX ticket with per-ens dates: row 0 without a date, row 1 with the template's 2099 date. The
 * template's first date is in the past, the trap of the old pre-filled field.
 */
function muxTicket(options: { callerIsOwner?: boolean; due?: number[]; owner?: string | null } = {}): PanelState {
  const base = fixtures.muxWaiting({ callerIsOwner: options.callerIsOwner ?? false, dateReached: (options.due ?? []).length > 0, recordedDate: null });
  const rows = base.rows.map((row, i) => ({ ...row, productionDate: i === 1 ? '2099-03-01' : null, status: i === 1 ? ('mux-scheduled' as const) : ('mux-pending' as const) }));
  const ens: Ens[] = rows.map((row, i) => ({
    rowId: row.id,
    codiEns: row.codiEns,
    name: row.name,
    date: i === 1 ? '2099-03-01' : null,
    source: i === 1 ? 'template' : null,
    status: row.status,
    due: (options.due ?? []).includes(i),
  }));
  const owner = options.owner === undefined ? 'Toni MUX' : options.owner;
  return {
    ...base,
    rows,
    mux: {
      ...base.mux,
      templateDates: ['2020-01-15', '2099-03-01'],
      owner: owner ? { accountId: 'owner', displayName: owner } : null,
      ens,
    },
  };
}

async function openMux(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('tab', { name: 'MUX' }));
}

/**
 * The caller opens the panel as MUX owner with one ens due; every reload after that answers `reloaded`
 * (the settings changed, or the ticket was taken away, while the panel was open).
 */
function ownerThenReload(reloaded: PanelResult<'getPanelState'>) {
  let loads = 0;
  return () => (++loads === 1 ? { ok: true as const, data: muxTicket({ callerIsOwner: true, due: [0] }) } : reloaded);
}

describe('MUX date field', () => {
  test('starts empty, not with the template\'s first (past) date; Desa la data needs a date', async () => {
    const user = userEvent.setup();
    const { calls, container } = renderPanel(muxTicket(), { setMuxProductionDate: () => ({ ok: true, data: muxTicket() }) });
    await openMux(user);
    const field = screen.getByLabelText<HTMLInputElement>('Data de pas a producció que ha donat SetDIBA');
    expect(field.value).toBe('');
    const save = screen.getByRole('button', { name: 'Desa la data' });
    expect(save.hasAttribute('disabled')).toBe(true);
    await user.click(save);
    expect(calls.map((c) => c.fn)).toEqual(['getPanelState']);

    await user.type(field, '2099-06-01');
    expect(screen.queryByText(/Aquesta data ja ha passat/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Desa la data' }));
    await waitFor(() => expect(calls.at(-1)).toEqual({ fn: 'setMuxProductionDate', payload: { date: '2099-06-01' } }));
    expect(await screen.findByText("S'ha registrat la data.")).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('a past date is warned about before saving: its ens would be due at once', async () => {
    const user = userEvent.setup();
    const { calls } = renderPanel(muxTicket(), { setMuxProductionDate: () => ({ ok: true, data: muxTicket() }) });
    await openMux(user);
    const field = screen.getByLabelText('Data de pas a producció que ha donat SetDIBA');
    await user.type(field, '2020-01-15');
    const warning = screen.getByText('Aquesta data ja ha passat: els ens que la rebin es podran integrar de seguida.');
    expect(field.getAttribute('aria-describedby')).toBe(warning.closest('[id]')!.id);
    // The resolver accepts a late date (it refuses only one before the ticket existed): the agent may save it.
    await user.click(screen.getByRole('button', { name: 'Desa la data' }));
    await waitFor(() => expect(calls.at(-1)).toEqual({ fn: 'setMuxProductionDate', payload: { date: '2020-01-15' } }));
  });

  test("choosing an ens with its own date shows that date; the server's refusal of a date before the ticket is shown", async () => {
    const user = userEvent.setup();
    const refusal = 'La data 1 de gener de 2019 és anterior a la creació del tiquet (2026-11-20): no pot ser la data de pas a producció.';
    const { calls } = renderPanel(muxTicket(), { setMuxProductionDate: () => ({ ok: false, error: { code: 'invalid_input', message: refusal } }) });
    await openMux(user);
    const field = screen.getByLabelText<HTMLInputElement>('Data de pas a producció que ha donat SetDIBA');
    const scheduled = muxTicket().rows[1]!;
    await user.click(screen.getByRole('checkbox', { name: new RegExp(scheduled.codiEns!) }));
    expect(field.value).toBe('2099-03-01');
    await user.clear(field);
    await user.type(field, '2019-01-01');
    await user.click(screen.getByRole('button', { name: 'Desa la data' }));
    await waitFor(() => expect(calls.at(-1)).toEqual({ fn: 'setMuxProductionDate', payload: { date: '2019-01-01', rowIds: [scheduled.id] } }));
    expect(await screen.findByText(refusal)).toBeTruthy();
  });

  test('a date before the ticket was created is said wrong as it is typed and cannot be saved', async () => {
    const user = userEvent.setup();
    const ticket = muxTicket();
    const { calls } = renderPanel({ ...ticket, mux: { ...ticket.mux, earliestDate: '2026-11-20' } });
    await openMux(user);
    const field = screen.getByLabelText<HTMLInputElement>('Data de pas a producció que ha donat SetDIBA');
    expect(field.min).toBe('2026-11-20');
    await user.type(field, '2019-01-01');
    const error = screen.getByText('La data 1 de gener de 2019 és anterior a la creació del tiquet (20 de novembre de 2026): no pot ser la data de pas a producció.');
    expect(field.getAttribute('aria-describedby')).toBe(error.closest('[id]')!.id);
    expect(screen.getByRole('button', { name: 'Desa la data' }).hasAttribute('disabled')).toBe(true);
    // Not a "this date has passed" warning on top: it cannot be saved at all.
    expect(screen.queryByText('Aquesta data ja ha passat: els ens que la rebin es podran integrar de seguida.')).toBeNull();
    await user.clear(field);
    await user.type(field, '2026-11-20');
    expect(screen.getByRole('button', { name: 'Desa la data' }).hasAttribute('disabled')).toBe(false);
    expect(calls.filter((c) => c.fn === 'setMuxProductionDate')).toEqual([]);
  });

  test('the hint speaks as vós in Catalan and usted in Spanish', async () => {
    const user = userEvent.setup();
    const ca = renderPanel(muxTicket());
    await openMux(user);
    expect(screen.getByText("La data s'aplica als ens que no en tenen cap; per canviar la d'un ens, seleccioneu-lo.")).toBeTruthy();
    ca.unmount();
    renderPanel(muxTicket(), {}, 'es');
    await openMux(user);
    expect(screen.getByText('La fecha se aplica a los entes que no tienen ninguna; para cambiar la de un ente, selecciónelo.')).toBeTruthy();
  });
});

describe('a MUX owner changed while the panel was open', () => {
  test('Integra ara refused: the panel stays, refreshed, and says who the owner is now and what to do', async () => {
    const user = userEvent.setup();
    const { calls, container } = renderPanel(muxTicket({ callerIsOwner: true, due: [0] }), {
      getPanelState: ownerThenReload({ ok: true, data: muxTicket({ callerIsOwner: false, due: [0], owner: 'Nuri Nova' }) }),
      integrateMuxNow: () => ({ ok: false, error: { code: 'forbidden', message: 'Només el responsable de MUX (Nuri Nova) pot integrar els ens MUX.' } }),
    });
    await openMux(user);
    await user.click(screen.getByRole('button', { name: 'Integra ara' }));
    await user.click(screen.getByRole('button', { name: 'Confirma i executa' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText("El responsable de MUX ha canviat a la configuració del projecte: ara és Nuri Nova. No s'ha integrat res; demaneu-li que integri aquests ens.")).toBeTruthy();
    expect(screen.queryByText('No podeu fer servir aquest panell')).toBeNull();
    // The rest of the panel is still there, with the fresh state: the new owner, no button to integrate.
    expect(screen.getByRole('tab', { name: 'MUX' })).toBeTruthy();
    expect(screen.getByText('Responsable de MUX: Nuri Nova.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Integra ara' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Comprova' })).toBeTruthy();
    expect(calls.map((c) => c.fn)).toEqual(['getPanelState', 'integrateMuxNow', 'getPanelState']);
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('no owner configured any more: says an admin must set one', async () => {
    const user = userEvent.setup();
    renderPanel(muxTicket({ callerIsOwner: true, due: [0] }), {
      getPanelState: ownerThenReload({ ok: true, data: muxTicket({ callerIsOwner: false, due: [0], owner: null }) }),
      integrateMuxNow: () => ({ ok: false, error: { code: 'forbidden', message: 'Només el responsable de MUX (—) pot integrar els ens MUX.' } }),
    });
    await openMux(user);
    await user.click(screen.getByRole('button', { name: 'Integra ara' }));
    await user.click(screen.getByRole('button', { name: 'Confirma i executa' }));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText("Ja no hi ha cap responsable de MUX a la configuració del projecte. No s'ha integrat res; cal que un administrador del projecte en configuri un."),
    ).toBeTruthy();
    expect(screen.queryByText('No podeu fer servir aquest panell')).toBeNull();
    // The panel stays, refreshed: nobody can integrate from it now.
    expect(screen.getByRole('tab', { name: 'MUX' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Integra ara' })).toBeNull();
  });

  test('an agent who lost access to the ticket still gets the refusal screen', async () => {
    const user = userEvent.setup();
    renderPanel(muxTicket({ callerIsOwner: true, due: [0] }), {
      getPanelState: ownerThenReload({ ok: false, error: { code: 'forbidden', message: '' } }),
      integrateMuxNow: () => ({ ok: false, error: { code: 'forbidden', message: '' } }),
    });
    await openMux(user);
    await user.click(screen.getByRole('button', { name: 'Integra ara' }));
    await user.click(screen.getByRole('button', { name: 'Confirma i executa' }));
    expect(await screen.findByText('No podeu fer servir aquest panell')).toBeTruthy();
  });

  test('with one ens due, the confirmation names it', async () => {
    const user = userEvent.setup();
    const state = muxTicket({ callerIsOwner: true, due: [0] });
    renderPanel(state);
    await openMux(user);
    await user.click(screen.getByRole('button', { name: 'Integra ara' }));
    const first = state.rows[0]!;
    expect(screen.getByText(`S'integrarà a PRO l'ens MUX ${first.codiEns} ${first.name} amb el certificat CDA de SetDIBA.`)).toBeTruthy();
  });
});

describe('decisions can change until the row is integrated', () => {
  const decided = (): PanelState => {
    const state = fixtures.withProblems();
    state.rows[2] = { ...state.rows[2]!, status: 'confirmed' };
    state.rows[3] = { ...state.rows[3]!, status: 'rejected' };
    return state;
  };

  test('a confirmed row can be rejected and a rejected one confirmed, with the reason', async () => {
    const user = userEvent.setup();
    const state = decided();
    const { calls, container } = renderPanel(state, { decideRows: () => ({ ok: true, data: state }) });
    await user.click(await screen.findByRole('button', { name: /Full1:4 Ajuntament de Prova 3/ }));
    expect(screen.queryByRole('button', { name: 'Confirma la fila Full1:4' })).toBeNull();
    expect(screen.getByText('Podeu canviar la decisió fins que una execució integri la fila.')).toBeTruthy();
    await user.type(screen.getByLabelText("Motiu (opcional, s'afegeix al comentari)"), 'SetDIBA ho ha desmentit');
    await user.click(screen.getByRole('button', { name: 'Rebutja la fila Full1:4' }));
    await waitFor(() =>
      expect(calls.at(-1)).toEqual({ fn: 'decideRows', payload: { rowIds: ['10001:Full1:4'], decision: 'reject', reason: 'SetDIBA ho ha desmentit' } }),
    );
    expect(await screen.findByText("1 fila rebutjada. No s'integrarà.")).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /Full1:5 Ajuntament de Prova 4/ }));
    expect(screen.queryByRole('button', { name: 'Rebutja la fila Full1:5' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Confirma la fila Full1:5' }));
    await waitFor(() => expect(calls.at(-1)).toEqual({ fn: 'decideRows', payload: { rowIds: ['10001:Full1:5'], decision: 'confirm' } }));
    expect(await screen.findByText("1 fila actualitzada. S'integrarà a la pròxima execució.")).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('an integrated row and a row to correct offer no decision', async () => {
    const user = userEvent.setup();
    const state = decided();
    state.rows[2] = { ...state.rows[2]!, status: 'integrated' };
    renderPanel(state);
    await user.click(await screen.findByRole('button', { name: /Full1:4 Ajuntament de Prova 3/ }));
    await user.click(screen.getByRole('button', { name: /Full1:3 Ajuntament de Prova 2/ }));
    expect(screen.queryByRole('button', { name: /^(Confirma|Rebutja) la fila Full1:4$/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Confirma|Rebutja) la fila Full1:3$/ })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Selecciona la fila Full1:4' })).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Selecciona la fila Full1:5' })).toBeTruthy();
  });
});

describe('one word for one state', () => {
  test('the plan counts a row to correct as "Cal corregir", like the Files tab, and a row an agent rejected as "rebutjada"', async () => {
    const user = userEvent.setup();
    const state = fixtures.withProblems();
    state.rows[3] = { ...state.rows[3]!, service: 'e-NOTUM', status: 'rejected' };
    renderPanel(state);
    expect((await screen.findAllByText('Cal corregir')).length).toBe(1);
    await user.click(screen.getByRole('tab', { name: 'Pla' }));
    const card = screen.getByRole('region', { name: 'e-NOTUM' });
    expect(within(card).getByText(/Cal corregir: 1/)).toBeTruthy();
    expect(within(card).getByText(/1 rebutjada/)).toBeTruthy();
    expect(within(card).getByText(/1 pendent de confirmació/)).toBeTruthy();
  });

  test('a service whose rows the panel has not listed counts the planner\'s refused rows as "Cal corregir" too', async () => {
    const user = userEvent.setup();
    const state = fixtures.valid();
    state.plan!.services[0] = { ...state.plan!.services[0]!, service: 'OVER', counts: { integrate: 1, wait: 0, reject: 2, muxPending: 0, blocked: 0, disabled: 0 } };
    renderPanel(state);
    await user.click(await screen.findByRole('tab', { name: 'Pla' }));
    const card = screen.getByRole('region', { name: 'OVER' });
    expect(within(card).getByText(/Cal corregir: 2/)).toBeTruthy();
    expect(within(card).queryByText(/rebutjad/)).toBeNull();
  });

  test('the results table says "Cal corregir" for that row and "Rebutjada" for the agent\'s', () => {
    const state = fixtures.withProblems();
    state.rows[2] = { ...state.rows[2]!, status: 'rejected' };
    const statuses = (lang: 'ca' | 'es' | 'en') => resultsTable(state, lang).rows.map((row) => row[8]);
    expect(statuses('ca')).toEqual(['Pendent', 'Cal corregir', 'Rebutjada', 'Pendent de confirmació']);
    expect(statuses('es')[1]).toBe('Por corregir');
    expect(resultsTable(state, 'en').header.slice(3, 5)).toEqual(['Entity', 'Entity code']);
  });

  test('after a download the notice names the file, not the button', async () => {
    const user = userEvent.setup();
    const file = (fileName: string) => ({ ok: true as const, data: { fileName, mimeType: 'application/octet-stream', contentBase64: 'AAEC' } });
    renderPanel(fixtures.valid(), {
      downloadServiceWorkbook: () => file('SUP-12-e-NOTUM.xlsx'),
      downloadResults: () => file('SetDIBA-SUP-12.csv'),
    });
    await user.click(await screen.findByRole('tab', { name: 'Pla' }));
    await user.click(screen.getByRole('button', { name: "Descarrega el fitxer d'e-NOTUM" }));
    expect(await screen.findByText("S'ha descarregat SUP-12-e-NOTUM.xlsx.")).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resultats (CSV)' }));
    expect(await screen.findByText("S'ha descarregat SetDIBA-SUP-12.csv.")).toBeTruthy();
  });

  test('English says "entity" in the row details and the MUX tab', async () => {
    const user = userEvent.setup();
    renderPanel(muxTicket({ callerIsOwner: true }), {}, 'en');
    await user.click(await screen.findByRole('button', { name: /Full1:2 Ajuntament de Prova 1/ }));
    expect(screen.getByText('Entity')).toBeTruthy();
    expect(screen.getByText('Entity code')).toBeTruthy();
    expect(screen.queryByText(/\bBody\b/)).toBeNull();
    await user.click(screen.getByRole('tab', { name: 'MUX' }));
    expect(screen.getByText('MUX entities and their dates')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Force this entity' }).length).toBeGreaterThan(0);
    expect(document.body.textContent).not.toMatch(/\bens\b/);
  });
});
