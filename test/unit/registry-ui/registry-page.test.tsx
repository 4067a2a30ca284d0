/**
 * @jest-environment jsdom
 *
 * The registry project page's component against a scripted resolver: what an agent sees of a page of
 * entries, what the search, filters and pages ask the resolver, the download of the filtered set, and a
 * customer's refusal with nothing of the registry on screen.
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RegistryEntry, RegistryFunction, RegistryPage, RegistryPayload, RegistryResult } from '../../../src/contracts/registry';
import type { RegistryApi } from '../../../static/project-page/src/api';
import { App } from '../../../static/project-page/src/App';
import { seriousViolations } from '../panel-ui/axe';

Object.assign(globalThis, { TextEncoder, TextDecoder });
jest.setTimeout(90_000);

const FP = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).toUpperCase().padStart(2, '0')).join(':');

function entry(over: Partial<RegistryEntry> = {}): RegistryEntry {
  return {
    service: 'e-NOTUM',
    environment: 'PRO',
    codiEns: '0818770007',
    ine: '08187',
    name: 'Ajuntament de Sabadell',
    state: 'integrated',
    date: '2026-11-30T09:05:00.000Z',
    ticket: 'SUP-42',
    certificateFingerprint: FP,
    ...over,
  };
}

type Answers = { [F in RegistryFunction]?: (payload: RegistryPayload<F>) => RegistryResult<F> };

function fakeApi(answers: Answers) {
  const calls: { fn: RegistryFunction; payload: unknown }[] = [];
  const saved: string[] = [];
  const opened: string[] = [];
  const api: RegistryApi = {
    async call(fn, payload) {
      calls.push({ fn, payload });
      const answer = answers[fn] as ((p: typeof payload) => RegistryResult<typeof fn>) | undefined;
      return answer ? answer(payload) : { ok: false, error: { code: 'internal', message: `no answer scripted for ${fn}` } };
    },
    openIssue: (key) => opened.push(key),
    saveFile: (fileName) => saved.push(fileName),
  };
  return { api, calls, saved, opened };
}

function pageOf(entries: RegistryEntry[], total = entries.length, page = 0): RegistryResult<'queryRegistry'> {
  const data: RegistryPage = { entries, total, page, pageSize: 50 };
  return { ok: true, data };
}

describe('registry project page', () => {
  test('an agent sees each entry with its ticket link and a shortened fingerprint; the page has no serious axe violation', async () => {
    const fake = fakeApi({ queryRegistry: () => pageOf([entry(), entry({ service: 'OVER', state: 'already_integrated', ticket: 'SUP-7', name: null })], 120) });
    const { container } = render(<App api={fake.api} lang="ca" />);
    await screen.findByText('120 ens · pàgina 1 de 3');
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('Ajuntament de Sabadell');
    expect(rows[1]!.textContent).toContain("Integrat per l'app");
    expect(rows[1]!.textContent).toContain('30/11/2026 10:05');
    expect(rows[2]!.textContent).toContain('(sense nom desat)');
    expect(rows[2]!.textContent).toContain('Ja hi era integrat');
    const parts = FP.split(':');
    expect(within(rows[1]!).getByTitle(FP).textContent).toBe(`${parts.slice(0, 4).join(':')}:…:${parts.slice(-2).join(':')}`);
    const link = within(rows[1]!).getByRole('link', { name: 'Obre SUP-42' });
    expect(link.getAttribute('href')).toBe('/browse/SUP-42');
    await userEvent.setup().click(link);
    expect(fake.opened).toEqual(['SUP-42']);
    expect(fake.calls[0]).toEqual({ fn: 'queryRegistry', payload: { page: 0, pageSize: 50 } });
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('the search is sent with Enter, the filters at once, and each goes back to the first page', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({ queryRegistry: (p) => pageOf([entry()], 120, p.page ?? 0) });
    render(<App api={fake.api} lang="ca" />);
    await screen.findByText('120 ens · pàgina 1 de 3');
    await user.click(screen.getByRole('button', { name: 'Següent' }));
    await screen.findByText('120 ens · pàgina 2 de 3');
    await user.type(screen.getByLabelText("Cerca per nom, INE o codi d'ens"), 'sabadell{Enter}');
    await screen.findByText('120 ens · pàgina 1 de 3');
    await user.selectOptions(screen.getByLabelText('Servei'), 'OVER');
    await user.selectOptions(screen.getByLabelText('Estat'), 'in_progress');
    const payloads = fake.calls.map((c) => c.payload);
    expect(payloads).toEqual([
      { page: 0, pageSize: 50 },
      { page: 1, pageSize: 50 },
      { search: 'sabadell', page: 0, pageSize: 50 },
      { search: 'sabadell', service: 'OVER', page: 0, pageSize: 50 },
      { search: 'sabadell', service: 'OVER', state: 'in_progress', page: 0, pageSize: 50 },
    ]);
    await user.click(screen.getByRole('button', { name: 'Neteja' }));
    expect(fake.calls.at(-1)!.payload).toEqual({ page: 0, pageSize: 50 });
    expect((screen.getByLabelText("Cerca per nom, INE o codi d'ens") as HTMLInputElement).value).toBe('');
  });

  test('the download asks for every entry the search and filters select, and hands the file to the browser', async () => {
    const user = userEvent.setup();
    const fake = fakeApi({
      queryRegistry: () => pageOf([entry()], 335),
      exportRegistry: (p) => ({ ok: true, data: { fileName: `SetDIBA-SUP-registre.${p.format}`, mimeType: 'text/csv', contentBase64: '', rows: 335 } }),
    });
    render(<App api={fake.api} lang="ca" />);
    await screen.findByText('335 ens · pàgina 1 de 7');
    await user.selectOptions(screen.getByLabelText('Servei'), 'OVER');
    expect(screen.getByText('Es descarregaran 335 ens: tots els que seleccionen la cerca i els filtres.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Descarrega (XLSX)' }));
    await screen.findByText("S'ha descarregat SetDIBA-SUP-registre.xlsx.");
    expect(fake.calls.at(-1)).toEqual({ fn: 'exportRegistry', payload: { service: 'OVER', format: 'xlsx' } });
    expect(fake.saved).toEqual(['SetDIBA-SUP-registre.xlsx']);
  });

  test('an empty registry and a search that finds nothing say so, and nothing can be downloaded', async () => {
    const user = userEvent.setup();
    render(<App api={fakeApi({ queryRegistry: () => pageOf([]) }).api} lang="es" />);
    await screen.findByText('La app aún no ha integrado ningún ente.');
    expect((screen.getByRole('button', { name: 'Descargar (CSV)' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText('Buscar por nombre, INE o código de ente'), 'Inexistente{Enter}');
    await screen.findByText('Ningún ente coincide con la búsqueda y los filtros.');
  });

  test('a customer gets the refusal in their language and nothing of the registry', async () => {
    const refusal = { ok: false as const, error: { code: 'forbidden' as const, message: 'Solo los agentes de este proyecto pueden ver el registro de integraciones.' } };
    const fake = fakeApi({ queryRegistry: () => refusal });
    render(<App api={fake.api} lang="es" />);
    await screen.findByText('No puede ver esta página');
    expect(screen.getByText(refusal.error.message)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Descargar (CSV)' })).toBeNull();
    expect(screen.queryByRole('search')).toBeNull();
  });
});
