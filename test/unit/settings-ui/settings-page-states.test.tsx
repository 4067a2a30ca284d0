/**
 * @jest-environment jsdom
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SettingsPage } from '../../../src/contracts/settings';
import { App } from '../../../static/project-settings/src/App';
import { seriousViolations } from '../panel-ui/axe';
import { fakeApi } from './fake-api';
import * as fixtures from './fixtures';

// jsdom lacks the encoders every browser has.
Object.assign(globalThis, { TextEncoder, TextDecoder });

function renderPage(page: SettingsPage | null, answers: Parameters<typeof fakeApi>[0] = {}, lang: 'ca' | 'es' | 'en' = 'ca') {
  const fake = fakeApi({
    getSettingsPage: () =>
      page ? { ok: true, data: page } : { ok: false, error: { code: 'forbidden', message: "Només els administradors d'aquest projecte poden fer-ho." } },
    ...answers,
  });
  const view = render(<App api={fake.api} lang={lang} />);
  return { ...fake, ...view };
}

describe('project settings page', () => {
  test('a non-admin sees a refusal and nothing of the settings', async () => {
    const { container, calls } = renderPage(null);
    expect(await screen.findByText('No podeu veure ni canviar aquesta configuració')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Desa' })).toBeNull();
    expect(screen.queryByText('diba.cat')).toBeNull();
    expect(calls.map((c) => c.fn)).toEqual(['getSettingsPage']);
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('defaults: every section is there, defaults are marked, nothing was ever saved', async () => {
    const { container } = renderPage(fixtures.page());
    expect(await screen.findByText('Reconeixement dels tiquets de SetDIBA')).toBeTruthy();
    for (const section of ['Serveis', 'Tiquets amb diversos serveis', "Com es fan les altes d'integració", 'Comentaris', 'Certificat CDA de SetDIBA', 'Plantilles en blanc', 'Exportació i importació', 'Últims canvis']) {
      expect(screen.getByRole('heading', { name: section })).toBeTruthy();
    }
    expect(screen.getByText(/Encara no s'ha desat mai/)).toBeTruthy();
    expect(screen.getAllByText('Per defecte').length).toBeGreaterThan(10);
    expect((screen.getByLabelText('SetDIBA') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Dominis del correu del sol·licitant') as HTMLTextAreaElement).value).toBe('diba.cat');
    expect(screen.getByText('No definit')).toBeTruthy();
    expect(screen.getByText(/No hi ha cap certificat/)).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('an invalid save shows each error next to its field and in a summary; nothing is saved', async () => {
    const user = userEvent.setup();
    const { calls, container } = renderPage(fixtures.page(), {
      saveSettings: () => ({
        ok: true,
        data: {
          outcome: 'invalid',
          message: "Hi ha camps per corregir. No s'ha desat res.",
          errors: [
            { path: 'recognition.reporterDomains.1', code: 'invalid_domain', message: 'No és un domini de correu (per exemple, diba.cat).' },
            { path: 'services.MUX.ownerAccountId', code: 'owner_required', message: 'Cal un responsable per a MUX.' },
          ],
        },
      }),
    });
    const domains = (await screen.findByLabelText('Dominis del correu del sol·licitant')) as HTMLTextAreaElement;
    await user.type(domains, '\nno domini');
    expect(screen.getByText('Hi ha canvis sense desar.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Desa' }));

    const field = await waitFor(() => {
      const element = container.querySelector('[data-field-error="f-recognition-reporterDomains"]');
      if (!element) throw new Error('no error shown at the domains field');
      return element as HTMLElement;
    });
    expect(field.textContent).toBe('«no domini»: No és un domini de correu (per exemple, diba.cat).');
    expect(domains.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-field-error="f-services-MUX-ownerAccountId"]')?.textContent).toBe('Cal un responsable per a MUX.');
    const summary = screen.getByRole('navigation', { name: 'Camps amb errors' });
    expect(within(summary).getByRole('link', { name: 'Cal un responsable per a MUX.' }).getAttribute('href')).toBe('#f-services-MUX-ownerAccountId');
    const saved = calls.find((c) => c.fn === 'saveSettings')?.payload as { settings: { recognition: { reporterDomains: string[] } }; revision: number };
    expect(saved.settings.recognition.reporterDomains).toEqual(['diba.cat', 'no domini']);
    expect(saved.revision).toBe(0);
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('choosing the MUX owner and saving: the page shows the saved state and who saved it', async () => {
    const user = userEvent.setup();
    const owner = { accountId: 'agent-pere', displayName: 'Pere Soler' };
    const savedPage = (settings: SettingsPage['settings']): SettingsPage =>
      fixtures.page({
        revision: 1,
        updatedAt: '2026-11-26T10:00:00.000Z',
        updatedBy: { accountId: 'admin-laia', displayName: 'Laia Ferrer' },
        settings,
        defaults: fixtures.DEFAULT_PATHS.filter((p) => p !== 'services.MUX.ownerAccountId'),
        choices: { ...fixtures.page().choices, owners: { MUX: owner, 'e-NOTUM': null, 'e-TAULER': null, OVER: null } },
        audit: [
          {
            at: '2026-11-26T10:00:00.000Z',
            by: { accountId: 'admin-laia', displayName: 'Laia Ferrer' },
            action: 'save',
            actionText: 'ha desat la configuració',
            revision: 1,
            changes: [{ path: 'services.MUX.ownerAccountId', before: null, after: 'agent-pere' }],
          },
        ],
      });
    const { calls } = renderPage(fixtures.page(), {
      searchOwners: () => ({ ok: true, data: { users: [owner] } }),
      saveSettings: (payload) => ({
        ok: true,
        data: { outcome: 'saved', changed: true, message: "S'ha desat la configuració.", page: savedPage(payload.settings as SettingsPage['settings']) },
      }),
    });
    const mux = await screen.findByRole('region', { name: 'Servei MUX' });
    await user.type(within(mux).getByRole('textbox', { name: 'Cerqueu una persona assignable al projecte' }), 'Pere');
    await user.click(within(mux).getByRole('button', { name: 'Cerca' }));
    await user.click(await within(mux).findByRole('button', { name: 'Tria Pere Soler' }));
    expect(within(mux).getByText('Pere Soler')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Desa' }));

    expect(await screen.findByText("S'ha desat la configuració.")).toBeTruthy();
    expect(screen.getByText(/Desat per Laia Ferrer/)).toBeTruthy();
    expect(screen.getByText(/services.MUX.ownerAccountId: \(cap\) → agent-pere/)).toBeTruthy();
    const save = calls.find((c) => c.fn === 'saveSettings')?.payload as { settings: { services: { MUX: { ownerAccountId: string } } } };
    expect(save.settings.services.MUX.ownerAccountId).toBe('agent-pere');
    expect(screen.queryByText('Hi ha canvis sense desar.')).toBeNull();
  });

  test('someone else saved in between: a conflict, with a way to reload', async () => {
    const user = userEvent.setup();
    const { calls } = renderPage(fixtures.page(), {
      saveSettings: () => ({ ok: true, data: { outcome: 'conflict', message: 'Laia Ferrer ha desat la configuració a les 10:00.' } }),
    });
    await user.click(await screen.findByLabelText('Comentari públic al sol·licitant'));
    await user.click(screen.getByRole('button', { name: 'Desa' }));
    expect(await screen.findByText('Algú altre ha desat mentrestant')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Torna a carregar' }));
    await waitFor(() => expect(calls.filter((c) => c.fn === 'getSettingsPage')).toHaveLength(2));
  });

  test('a refusal in the middle (rights removed) turns the page into the refusal', async () => {
    const user = userEvent.setup();
    renderPage(fixtures.page(), {
      saveSettings: () => ({ ok: false, error: { code: 'forbidden', message: "Només els administradors d'aquest projecte poden fer-ho." } }),
    });
    await user.click(await screen.findByRole('button', { name: 'Desa' }));
    expect(await screen.findByText('No podeu veure ni canviar aquesta configuració')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Desa' })).toBeNull();
  });

  test('an expiring certificate is shown with its details and a warning', async () => {
    const { container } = renderPage(
      fixtures.page({
        certificate: {
          current: fixtures.certificate({ status: 'expiring', daysUntilExpiry: 12, statusMessage: "Caduca d'aquí a 12 dies: cal demanar-ne la renovació a SetDIBA." }),
          previous: [fixtures.certificate({ serialNumber: '01', sha256Fingerprint: Array.from({ length: 32 }, () => 'CD').join(':'), inUseUntil: '2026-01-02T10:00:00.000Z' })],
        },
      }),
    );
    expect(await screen.findByText("Caduca d'aquí a 12 dies: cal demanar-ne la renovació a SetDIBA.")).toBeTruthy();
    expect(screen.getByText('0A1B2C')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Certificats anteriors' })).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);
  });

  test('a file that is not a certificate says why; a good one is shown first and replaces the current only on confirmation', async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const read = fixtures.certificate({ subject: 'CN=SETDIBA-AYTOS, O=Diputacio de Barcelona (RENOVAT), C=ES' });
    const { calls } = renderPage(fixtures.page(), {
      inspectCertificate: () =>
        ++attempt === 1
          ? { ok: true, data: { outcome: 'refused', code: 'certificate_not_a_certificate', message: 'El fitxer no és un certificat X.509 (.cer, .crt o .pem).' } }
          : { ok: true, data: { outcome: 'read', certificate: read, warnings: [], notes: [], sameAsCurrent: false } },
      uploadCertificate: () => ({
        ok: true,
        data: { outcome: 'uploaded', message: "S'ha desat el certificat.", notes: [], page: fixtures.page({ certificate: { current: read, previous: [] } }) },
      }),
    });
    const input = (await screen.findByLabelText('Fitxer del certificat (.cer, .crt, .pem)')) as HTMLInputElement;
    await user.upload(input, new File(['not a certificate'], 'notes.pem', { type: 'text/plain' }));
    expect(await screen.findByText('El fitxer no és un certificat X.509 (.cer, .crt o .pem).')).toBeTruthy();
    await user.upload(input, new File([new Uint8Array([0x30, 0x82, 0x01])], 'SETDIBA-AYTOS.cer'));
    const card = await screen.findByRole('region', { name: 'Certificat llegit de «SETDIBA-AYTOS.cer»' });
    expect(within(card).getByText('CN=SETDIBA-AYTOS, O=Diputacio de Barcelona (RENOVAT), C=ES')).toBeTruthy();
    expect(within(card).getByText('El certificat en ús no canvia fins que ho confirmeu.')).toBeTruthy();
    expect(calls.some((c) => c.fn === 'uploadCertificate')).toBe(false);
    await user.click(within(card).getByRole('button', { name: 'Fes servir aquest certificat' }));
    expect(await screen.findByText("S'ha desat el certificat.")).toBeTruthy();
    expect(screen.getByText('Vàlid')).toBeTruthy();
    const sent = calls.filter((c) => c.fn === 'uploadCertificate').map((c) => c.payload as { fileName: string; contentBase64: string });
    expect(sent).toEqual([{ fileName: 'SETDIBA-AYTOS.cer', contentBase64: 'MIIB' }]);
  });

  test('the backend token goes in once and is only ever shown as set', async () => {
    const user = userEvent.setup();
    const { calls } = renderPage(fixtures.page(), {
      setBackendToken: () => ({ ok: true, data: { tokenSet: true, saved: true, test: 'accepted', problem: null, message: 'El servei accepta el testimoni i ja està desat.' } }),
      testConnection: () => ({ ok: true, data: { ok: false, problem: 'unreachable', message: "No s'ha pogut connectar amb el servei.", errors: [] } }),
    });
    const field = (await screen.findByLabelText('Testimoni nou')) as HTMLInputElement;
    expect(field.type).toBe('password');
    await user.type(field, 's3cret');
    await user.click(screen.getByRole('button', { name: 'Prova i desa el testimoni' }));
    expect(await screen.findByText('El servei accepta el testimoni i ja està desat.')).toBeTruthy();
    expect(screen.getByText('Definit')).toBeTruthy();
    expect(field.value).toBe('');
    expect(screen.queryByDisplayValue('s3cret')).toBeNull();

    await user.type(screen.getByLabelText('Adreça del servei (https)'), 'https://integracions.example.org/api');
    await user.click(screen.getByRole('button', { name: 'Prova la connexió' }));
    expect(await screen.findByText("No s'ha pogut connectar amb el servei.")).toBeTruthy();
    expect(calls.find((c) => c.fn === 'testConnection')?.payload).toEqual({ endpoint: 'https://integracions.example.org/api' });
  });

  test('the rules preview counts what each rule would match before saving', async () => {
    const user = userEvent.setup();
    renderPage(fixtures.page(), {
      previewRecognition: () => ({
        ok: true,
        data: {
          sampled: 20,
          rules: [
            { rule: 'organization', value: 'SetDIBA', count: 7 },
            { rule: 'reporter-domain', value: 'diba.cat', count: 6 },
            { rule: 'label', value: 'setdiba', count: 1 },
          ],
          any: 8,
          errors: [],
        },
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Calcula-ho' }));
    expect(await screen.findByText('Dels últims 20 tiquets del projecte:')).toBeTruthy();
    expect(screen.getByText('Organització SetDIBA: 7')).toBeTruthy();
    expect(screen.getByText('Reconeguts per alguna regla: 8')).toBeTruthy();
  });

  test('request types typed by hand when the service desk is not known yet; templates and export download files', async () => {
    const user = userEvent.setup();
    const { saved } = renderPage(fixtures.page({ choices: { ...fixtures.page().choices, requestTypes: null } }), {
      downloadTemplate: (payload) => ({ ok: true, data: { fileName: `plantilla-${payload.service}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', contentBase64: 'UEs=' } }),
      exportSettings: () => ({ ok: true, data: { fileName: 'setdiba-SUP.json', json: '{"version":1}' } }),
    });
    expect(await screen.findByLabelText('Tipus de sol·licitud')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Descarrega la plantilla de MUX' }));
    await user.click(screen.getByRole('button', { name: 'Exporta la configuració (JSON)' }));
    await waitFor(() => expect(saved.map((f) => f.fileName)).toEqual(['plantilla-MUX.xlsx', 'setdiba-SUP.json']));
    expect(Buffer.from(saved[1]?.contentBase64 ?? '', 'base64').toString()).toBe('{"version":1}');
  });

  test('Spanish and English follow the user locale', async () => {
    renderPage(fixtures.page(), {}, 'es');
    expect(await screen.findByRole('button', { name: 'Guardar' })).toBeTruthy();
  });
});
