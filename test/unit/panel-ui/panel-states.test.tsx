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

function renderPanel(state: PanelState, answers: Parameters<typeof fakeApi>[0] = {}, lang: 'ca' | 'es' | 'en' = 'ca') {
  const fake = fakeApi({ getPanelState: () => ({ ok: true, data: state }), ...answers });
  const view = render(<App api={fake.api} lang={lang} pollMs={20} />);
  return { ...fake, ...view };
}

describe('issue panel states', () => {
  test('not a SetDIBA ticket: explains why and offers "process as SetDIBA" after a confirmation', async () => {
    const user = userEvent.setup();
    const { calls, container } = renderPanel(fixtures.notSetdiba(), {
      processAsSetdiba: () => ({ ok: true, data: fixtures.running() }),
    });
    expect(await screen.findByText('Aquest tiquet no és de SetDIBA')).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Processa com a SetDIBA' }));
    // Nothing is written before the agent confirms, and the confirmation says what will be written.
    expect(calls.map((c) => c.fn)).toEqual(['getPanelState']);
    expect(screen.getByText(/S'afegirà l'etiqueta «setdiba»/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Confirma i executa' }));
    await waitFor(() => expect(calls.map((c) => c.fn)).toEqual(['getPanelState', 'processAsSetdiba']));
    expect(await screen.findByText("S'ha posat en marxa el processament.")).toBeTruthy();
  });

  test('valid ticket: shows the rule, the rows and the plan; Executa previews first and lists the writes', async () => {
    const user = userEvent.setup();
    const state = fixtures.valid();
    const { calls, container } = renderPanel(state, {
      preview: () => ({ ok: true, data: state }),
      run: () => ({ ok: true, data: fixtures.running() }),
    });
    expect(await screen.findByText("Tiquet de SetDIBA, reconegut per l'organització.")).toBeTruthy();
    expect(screen.getByText('Ajuntament de Prova 1')).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Executa' }));
    const confirmation = await screen.findByRole('region', { name: "Abans d'executar" });
    expect(within(confirmation).getByText(/Integrar 3 ens de e-NOTUM a PRO/)).toBeTruthy();
    expect(calls.map((c) => c.fn)).toEqual(['getPanelState', 'preview']);
    expect(await seriousViolations(container)).toEqual([]);

    await user.click(within(confirmation).getByRole('button', { name: 'Confirma i executa' }));
    await waitFor(() => expect(calls.map((c) => c.fn)).toContain('run'));
    expect(await screen.findByText('En curs', { selector: 'span' })).toBeTruthy();
  });

  test('Cancel leaves everything unwritten', async () => {
    const user = userEvent.setup();
    const state = fixtures.valid();
    const { calls } = renderPanel(state, { preview: () => ({ ok: true, data: state }) });
    await user.click(await screen.findByRole('button', { name: 'Executa' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel·la' }));
    expect(calls.map((c) => c.fn)).toEqual(['getPanelState', 'preview']);
    expect(screen.queryByRole('region', { name: "Abans d'executar" })).toBeNull();
  });

  test('with problems: each problem shows severity, column, value and message; filter to problems', async () => {
    const user = userEvent.setup();
    const { container } = renderPanel(fixtures.withProblems());
    // The compact row shows the first problem; the details (column, value, service) open on demand.
    expect(await screen.findByText('El dígit de control del NIF no és correcte.', { exact: false })).toBeTruthy();
    expect(screen.queryByText('NIF «P0800001X»')).toBeNull();
    await user.click(screen.getByRole('button', { name: /Full1:3 Ajuntament de Prova 2/ }));
    expect(screen.getByText('NIF «P0800001X»')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /Full1:5 Ajuntament de Prova 4/ }));
    expect(screen.getByText('EACAT → OVER')).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);

    await user.click(screen.getByRole('checkbox', { name: 'Només les files amb problemes' }));
    expect(screen.queryByText('Ajuntament de Prova 1')).toBeNull();
    expect(screen.getAllByText('Ajuntament de Prova 2').length).toBeGreaterThan(0);
  });

  test('held rows are confirmed one by one or all at once, with the optional reason', async () => {
    const user = userEvent.setup();
    const state = fixtures.withProblems();
    const { calls } = renderPanel(state, { decideRows: () => ({ ok: true, data: state }) });
    await user.click(await screen.findByRole('button', { name: /Full1:4 Ajuntament de Prova 3/ }));
    await user.click(await screen.findByRole('button', { name: 'Confirma la fila Full1:4' }));
    await waitFor(() => expect(calls.at(-1)).toEqual({ fn: 'decideRows', payload: { rowIds: ['10001:Full1:4'], decision: 'confirm' } }));

    await user.click(screen.getByRole('button', { name: 'Selecciona totes les que esperen (2)' }));
    await user.type(screen.getByLabelText("Motiu (opcional, s'afegeix al comentari)"), 'Validat amb SetDIBA');
    await user.click(screen.getByRole('button', { name: 'Rebutja les seleccionades (2)' }));
    await waitFor(() =>
      expect(calls.at(-1)).toEqual({
        fn: 'decideRows',
        payload: { rowIds: ['10001:Full1:4', '10001:Full1:5'], decision: 'reject', reason: 'Validat amb SetDIBA' },
      }),
    );
    expect(await screen.findByText("2 files rebutjades. No s'integraran.")).toBeTruthy();
  });

  test('running: shows progress and refreshes until the run is over', async () => {
    let answers = 0;
    const { calls } = renderPanel(fixtures.running(), {
      getPanelState: () => {
        answers += 1;
        return { ok: true, data: answers < 2 ? fixtures.running() : fixtures.done() };
      },
    });
    expect(await screen.findByText('Integrant els ens: 120 de 311')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Torna a executar' }).hasAttribute('disabled')).toBe(true);
    await waitFor(() => expect(screen.queryByText('Integrant els ens: 120 de 311')).toBeNull());
    const polls = calls.filter((c) => c.fn === 'getPanelState').length;
    expect(polls).toBeGreaterThanOrEqual(2);
  });

  test('done: history with trigger, outcome and links; tickets per service; Torna a executar', async () => {
    const user = userEvent.setup();
    const { opened, container } = renderPanel(fixtures.done());
    expect(await screen.findByRole('button', { name: 'Torna a executar' })).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Historial' }));
    expect(screen.getByText('3 ens integrats a e-NOTUM (PRO).')).toBeTruthy();
    expect(screen.getByText('Fet')).toBeTruthy();
    expect(screen.getByText('2 (1 públic)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Obre SUP-13' }));
    expect(opened).toEqual(['SUP-13']);
    expect(await seriousViolations(container)).toEqual([]);

    await user.click(screen.getByRole('tab', { name: 'Tiquets per servei' }));
    expect(screen.getByText('SUP-12 (aquest)')).toBeTruthy();
    expect(screen.getByText('[OVER] Alta SetDIBA')).toBeTruthy();
  });

  test('MUX waiting: any agent records the date; only the owner integrates, once the date is reached', async () => {
    const user = userEvent.setup();
    const notOwner = renderPanel(fixtures.muxWaiting({ callerIsOwner: false, dateReached: true, recordedDate: null }), {
      setMuxProductionDate: () => ({ ok: true, data: fixtures.muxWaiting({ callerIsOwner: false, dateReached: false }) }),
    });
    await user.click(await screen.findByRole('tab', { name: 'MUX' }));
    expect(screen.getByText('Dates de la plantilla: 1 de desembre de 2026.', { exact: false })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Integra ara' })).toBeNull();
    expect(screen.getByText('Només el responsable de MUX els pot integrar.')).toBeTruthy();
    expect(await seriousViolations(notOwner.container)).toEqual([]);
    const field = screen.getByLabelText('Data de pas a producció que ha donat SetDIBA');
    await user.clear(field);
    await user.type(field, '2026-12-15');
    await user.click(screen.getByRole('button', { name: 'Desa la data' }));
    await waitFor(() => expect(notOwner.calls.at(-1)).toEqual({ fn: 'setMuxProductionDate', payload: { date: '2026-12-15' } }));
    notOwner.unmount();

    const owner = renderPanel(fixtures.muxWaiting({ callerIsOwner: true, dateReached: true }), {
      integrateMuxNow: () => ({ ok: true, data: fixtures.running() }),
    });
    await user.click(await screen.findByRole('tab', { name: 'MUX' }));
    await user.click(screen.getByRole('button', { name: 'Integra ara' }));
    expect(screen.getByText("S'integraran a PRO els 2 ens MUX d'aquest tiquet amb el certificat CDA de SetDIBA.")).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Confirma i executa' }));
    await waitFor(() => expect(owner.calls.map((c) => c.fn)).toContain('integrateMuxNow'));
    owner.unmount();

    renderPanel(fixtures.muxWaiting({ callerIsOwner: true, dateReached: false }));
    await user.click(await screen.findByRole('tab', { name: 'MUX' }));
    expect(screen.queryByRole('button', { name: 'Integra ara' })).toBeNull();
    expect(screen.getByText("Es podrà integrar a partir de l'1 de desembre de 2026.")).toBeTruthy();
  });

  test('refused: a customer sees a clear refusal and nothing to click', async () => {
    const fake = fakeApi({
      getPanelState: () => ({ ok: false, error: { code: 'forbidden', message: 'Només els agents que poden editar aquest tiquet…' } }),
    });
    const { container } = render(<App api={fake.api} lang="ca" />);
    expect(await screen.findByText('No podeu fer servir aquest panell')).toBeTruthy();
    expect(screen.getByText('Només els agents que poden editar aquest tiquet…')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('an action refused by the server turns the panel into the refusal', async () => {
    const user = userEvent.setup();
    // The agent lost the right to edit the ticket: the panel itself is refused when asked again.
    let loads = 0;
    renderPanel(fixtures.valid(), {
      getPanelState: () => (++loads === 1 ? { ok: true, data: fixtures.valid() } : { ok: false, error: { code: 'forbidden', message: '' } }),
      preview: () => ({ ok: false, error: { code: 'forbidden', message: '' } }),
    });
    await user.click(await screen.findByRole('button', { name: 'Comprova' }));
    expect(await screen.findByText('No podeu fer servir aquest panell')).toBeTruthy();
    expect(screen.getByText(/Només els agents que poden editar aquest tiquet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Comprova' })).toBeNull();
  });

  test('other errors reach the agent as a message, not a stack trace, and the panel stays usable', async () => {
    const user = userEvent.setup();
    renderPanel(fixtures.valid(), { preview: () => ({ ok: false, error: { code: 'unavailable', message: '' } }) });
    await user.click(await screen.findByRole('button', { name: 'Comprova' }));
    expect(await screen.findByText(/Jira no respon ara mateix/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Executa' })).toBeTruthy();
  });

  test('assisted mode: checklist steps are marked done from the panel', async () => {
    const user = userEvent.setup();
    const state = fixtures.assisted();
    const { calls } = renderPanel(state, { markChecklistStep: () => ({ ok: true, data: state }) });
    await user.click(await screen.findByRole('tab', { name: 'Passos' }));
    expect(screen.getByText(/Fet per Anna Agent/)).toBeTruthy();
    const boxes = screen.getAllByRole('checkbox');
    await user.click(boxes[1]!);
    await waitFor(() => expect(calls.at(-1)?.fn).toBe('markChecklistStep'));
    expect(calls.at(-1)?.payload).toEqual({ stepId: state.checklist![1]!.id, done: true });
  });

  test('copy identifiers and download one service workbook', async () => {
    const user = userEvent.setup();
    const { copied, saved } = renderPanel(fixtures.valid(), {
      downloadServiceWorkbook: () => ({ ok: true, data: { fileName: 'SUP-12-e-NOTUM.xlsx', mimeType: 'application/octet-stream', contentBase64: 'AAEC' } }),
    });
    await user.click(await screen.findByRole('button', { name: /Full1:2 Ajuntament de Prova 1/ }));
    const copyButton = screen.getByRole('button', { name: 'Copia els identificadors de la fila Full1:2' });
    await user.click(copyButton);
    const first = fixtures.row(0);
    expect(copied[0]!.split('\t')).toEqual([first.name, first.codiEns, first.ine, first.nif, first.dir3]);
    // The button answers where the agent clicked, and the live region says it aloud.
    expect(copyButton.textContent).toContain('Copiat');
    expect(screen.getByText('Identificadors de la fila Full1:2 copiats.')).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Pla' }));
    await user.click(screen.getByRole('button', { name: "Descarrega el fitxer d'e-NOTUM" }));
    await waitFor(() => expect(saved).toEqual([{ fileName: 'SUP-12-e-NOTUM.xlsx', mimeType: 'application/octet-stream', contentBase64: 'AAEC' }]));
  });

  test('the plan warns from 30 days before the CDA certificate expires', async () => {
    const user = userEvent.setup();
    const state = fixtures.valid();
    state.plan!.certificate = { ...state.plan!.certificate, expiresInDays: 12 };
    const { container } = renderPanel(state);
    await user.click(await screen.findByRole('tab', { name: 'Pla' }));
    expect(screen.getByText(/El certificat CDA caduca el .*, d'aquí a 12 dies/)).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('311 rows are paginated, so only a page of them is in the document', async () => {
    const user = userEvent.setup();
    const { container } = renderPanel(fixtures.large());
    expect(await screen.findByText('Pàgina 1 de 7')).toBeTruthy();
    expect(container.querySelectorAll('li[data-row-id]')).toHaveLength(50);
    await user.click(screen.getByRole('button', { name: 'Següent' }));
    expect(screen.getByText('Pàgina 2 de 7')).toBeTruthy();
    expect(screen.getByText('Ajuntament de Prova 51')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Només les files amb problemes' }));
    // 32 rows have a problem: one page, no pager.
    expect(container.querySelectorAll('li[data-row-id]')).toHaveLength(32);
    expect(screen.queryByText(/Pàgina/)).toBeNull();
  });

  test('a row a corrected file replaced is muted under its file, says which file, and is no problem', async () => {
    const user = userEvent.setup();
    const { container } = renderPanel(fixtures.corrected());
    const replaced = await screen.findByText('Substituïda pel fitxer «plantilla-corregida.xlsx»');
    const item = replaced.closest('li')!;
    expect(item.getAttribute('data-row-muted')).toBe('true');
    expect(within(item).getByText('Substituïda')).toBeTruthy();
    expect(within(item).queryByText('Cal corregir')).toBeNull();
    // Each file's rows under its name, the replaced row under the first one.
    const headings = [...container.querySelectorAll('[data-file-heading]')].map((h) => h.getAttribute('data-file-heading'));
    expect(headings).toEqual(['plantilla-setdiba.xlsx', 'plantilla-corregida.xlsx']);
    expect(await seriousViolations(container)).toEqual([]);

    await user.click(screen.getByRole('checkbox', { name: 'Només les files amb problemes' }));
    expect([...container.querySelectorAll('li[data-row-id]')].map((li) => li.getAttribute('data-row-status'))).toEqual(['rejected']);

    await user.click(screen.getByRole('tab', { name: 'Pla' }));
    expect(screen.getByText(/1 substituïda per un fitxer posterior/)).toBeTruthy();
  });

  test('language follows the Jira locale: Spanish and English', async () => {
    const es = renderPanel(fixtures.valid(), {}, 'es');
    expect(await screen.findByRole('button', { name: 'Ejecutar' })).toBeTruthy();
    expect(screen.getByText('Solicitud de SetDIBA, reconocida por la organización.')).toBeTruthy();
    es.unmount();
    renderPanel(fixtures.notSetdiba(), {}, 'en');
    expect(await screen.findByText('This is not a SetDIBA ticket')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Process as SetDIBA' })).toBeTruthy();
  });

  test('keyboard: tabs and actions are reachable and usable without a mouse', async () => {
    const user = userEvent.setup();
    const state = fixtures.valid();
    const { calls } = renderPanel(state, { preview: () => ({ ok: true, data: state }) });
    await screen.findByRole('button', { name: 'Comprova' });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Comprova' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(calls.map((c) => c.fn)).toContain('preview'));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Executa' }));
    await user.keyboard('{Enter}');
    // The confirmation takes the focus, so a keyboard user lands on what will be written.
    const confirmation = await screen.findByRole('region', { name: "Abans d'executar" });
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
  });
});
