/**
 * @jest-environment jsdom
 *
 * The settings page's confirm-first flows (issue 13): an expired certificate is shown with its warning
 * and replaces nothing until confirmed; a previous certificate is restored after a confirmation; a token
 * the backend refuses is not saved (unless "save anyway"); an import is previewed in words and applied
 * on confirmation; the audit log reads in words.
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SettingsPage } from '../../../src/contracts/settings';
import { App } from '../../../static/project-settings/src/App';
import { seriousViolations } from '../panel-ui/axe';
import { fakeApi } from './fake-api';
import * as fixtures from './fixtures';

Object.assign(globalThis, { TextEncoder, TextDecoder });
// A whole page under axe in jsdom, on a shared machine: slow, not a speed goal.
jest.setTimeout(90_000);

function renderPage(page: SettingsPage, answers: Parameters<typeof fakeApi>[0] = {}, lang: 'ca' | 'es' = 'ca') {
  const fake = fakeApi({ getSettingsPage: () => ({ ok: true, data: page }), ...answers });
  const view = render(<App api={fake.api} lang={lang} />);
  return { ...fake, ...view };
}

const OLD_FP = Array.from({ length: 32 }, () => 'CD').join(':');

describe('settings page: confirm first', () => {
  test('an expired certificate is shown with its warning; cancelling changes nothing', async () => {
    const user = userEvent.setup();
    const current = fixtures.certificate();
    const { calls, container } = renderPage(fixtures.page({ certificate: { current, previous: [] } }), {
      inspectCertificate: () => ({
        ok: true,
        data: {
          outcome: 'read',
          certificate: { ...fixtures.certificate({ subject: 'CN=SETDIBA-VELL', notAfter: '2026-03-01T00:00:00.000Z' }), status: 'expired', daysUntilExpiry: -200 },
          warnings: ["Aquest certificat va caducar l'1 de març de 2026: amb ell no es podrà integrar cap ens."],
          notes: [],
          sameAsCurrent: false,
        },
      }),
    });
    const input = (await screen.findByLabelText('Fitxer del certificat (.cer, .crt, .pem)')) as HTMLInputElement;
    await user.upload(input, new File([new Uint8Array([0x30, 0x82])], 'vell.cer'));
    const card = await screen.findByRole('region', { name: 'Certificat llegit de «vell.cer»' });
    expect(within(card).getByText("Aquest certificat va caducar l'1 de març de 2026: amb ell no es podrà integrar cap ens.")).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Feu-lo servir igualment' })).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);
    await user.click(within(card).getByRole('button', { name: 'Cancel·la' }));
    expect(await screen.findByText("No s'ha canviat el certificat.")).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Certificat llegit de «vell.cer»' })).toBeNull();
    expect(calls.map((c) => c.fn)).not.toContain('uploadCertificate');
  });

  test('a previous certificate is put back in use after a confirmation', async () => {
    const user = userEvent.setup();
    const current = fixtures.certificate();
    const old = fixtures.certificate({ subject: 'CN=SETDIBA-ANTIC', serialNumber: '0F0F', sha256Fingerprint: OLD_FP, inUseUntil: '2026-01-02T10:00:00.000Z' });
    const { calls } = renderPage(fixtures.page({ certificate: { current, previous: [old] } }), {
      restoreCertificate: () => ({
        ok: true,
        data: {
          outcome: 'restored',
          message: "S'ha tornat a posar en ús el certificat CN=SETDIBA-ANTIC.",
          page: fixtures.page({ certificate: { current: { ...old, inUseUntil: null }, previous: [current] } }),
        },
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Torna a fer servir el certificat CN=SETDIBA-ANTIC (número de sèrie 0F0F)' }));
    expect(screen.getByText(/Voleu tornar a fer servir aquest certificat\?/)).toBeTruthy();
    expect(calls.map((c) => c.fn)).not.toContain('restoreCertificate');
    await user.click(screen.getByRole('button', { name: 'Sí, torna a fer-lo servir' }));
    expect(await screen.findByText("S'ha tornat a posar en ús el certificat CN=SETDIBA-ANTIC.")).toBeTruthy();
    expect(calls.find((c) => c.fn === 'restoreCertificate')?.payload).toEqual({ sha256Fingerprint: OLD_FP });
  });

  test('a token the backend refuses is not saved, says so plainly, and can be saved anyway', async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const page = fixtures.page();
    page.settings.backend = { mode: 'http', endpoint: 'https://integracions.example.org/api' };
    const { calls } = renderPage(page, {
      setBackendToken: () =>
        ++attempt === 1
          ? { ok: true, data: { tokenSet: false, saved: false, test: 'refused', problem: 'unauthorized', message: "El servei no accepta aquest testimoni (HTTP 401). No s'ha desat." } }
          : { ok: true, data: { tokenSet: true, saved: true, test: 'skipped', problem: null, message: "S'ha desat el testimoni sense provar-lo." } },
    });
    await user.type(await screen.findByLabelText('Testimoni nou'), 'typo');
    await user.click(screen.getByRole('button', { name: 'Prova i desa el testimoni' }));
    expect(await screen.findByText("El servei no accepta aquest testimoni (HTTP 401). No s'ha desat.")).toBeTruthy();
    expect(screen.getByText('No definit')).toBeTruthy();
    expect(calls[calls.length - 1]?.payload).toEqual({ token: 'typo', endpoint: 'https://integracions.example.org/api' });
    await user.click(screen.getByRole('button', { name: 'Desa-lo igualment' }));
    expect(await screen.findByText("S'ha desat el testimoni sense provar-lo.")).toBeTruthy();
    expect(screen.getByText('Definit')).toBeTruthy();
    expect(calls[calls.length - 1]?.payload).toEqual({ token: 'typo', endpoint: 'https://integracions.example.org/api', saveAnyway: true });
  });

  test('an import is previewed field by field in words and applied only on confirmation', async () => {
    const user = userEvent.setup();
    const saved = fixtures.page({ revision: 2 });
    const { calls, container } = renderPage(fixtures.page({ revision: 1 }), {
      previewImport: () => ({
        ok: true,
        data: {
          outcome: 'preview',
          message: 'Canviaran 2 camps:',
          changes: [
            { path: 'services.MUX.ownerAccountId', before: null, after: 'agent-pere', label: 'MUX: responsable', beforeText: 'ningú', afterText: 'Pere Soler' },
            { path: 'services.MUX.enabled', before: true, after: false, label: 'MUX: actiu', beforeText: 'sí', afterText: 'no' },
          ],
        },
      }),
      importSettings: () => ({ ok: true, data: { outcome: 'saved', changed: true, message: "S'ha importat la configuració: han canviat 2 camps.", page: saved } }),
    });
    const input = (await screen.findByLabelText('Importa una configuració')) as HTMLInputElement;
    await user.upload(input, new File(['{"version":1}'], 'config.json', { type: 'application/json' }));
    const preview = await screen.findByRole('region', { name: 'Canvis que farà la importació de «config.json»' });
    const rows = within(preview).getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual(['CampAraDesprés', 'MUX: responsableningúPere Soler', 'MUX: actiusíno']);
    expect(preview.textContent).not.toContain('agent-pere');
    expect(preview.textContent).not.toContain('services.');
    expect(calls.map((c) => c.fn)).not.toContain('importSettings');
    expect(await seriousViolations(container)).toEqual([]);
    await user.click(within(preview).getByRole('button', { name: 'Aplica la importació' }));
    expect((await screen.findAllByText("S'ha importat la configuració: han canviat 2 camps.")).length).toBeGreaterThan(0);
    expect(calls.find((c) => c.fn === 'importSettings')?.payload).toEqual({ json: '{"version":1}', revision: 1 });
  });

  test('an import with problems lists every one, the unknown field by name and place', async () => {
    const user = userEvent.setup();
    renderPage(fixtures.page(), {
      previewImport: () => ({
        ok: true,
        data: {
          outcome: 'invalid',
          message: "Hi ha camps per corregir. No s'ha desat res.",
          errors: [
            { path: 'services.MUX.ownr', code: 'unknown_field', message: "L'app no coneix el camp «ownr», dins de «Servei MUX» (al fitxer: services.MUX.ownr). Traieu-lo o corregiu-ne el nom.", label: 'ownr' },
            { path: 'recognition.label', code: 'invalid_label', message: 'Una etiqueta de Jira no pot tenir espais.', label: 'Etiqueta' },
          ],
        },
      }),
    });
    await user.upload(await screen.findByLabelText('Importa una configuració'), new File(['{}'], 'x.json', { type: 'application/json' }));
    expect(await screen.findByText(/L'app no coneix el camp «ownr», dins de «Servei MUX»/)).toBeTruthy();
    expect(screen.getByText('Etiqueta: Una etiqueta de Jira no pot tenir espais.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Aplica la importació' })).toBeNull();
  });

  test('the audit log reads in words, with people by name', async () => {
    renderPage(
      fixtures.page({
        audit: [
          {
            at: '2026-03-01T12:05:00.000Z',
            by: { accountId: 'admin-laia', displayName: 'Laia Ferrer' },
            action: 'save',
            actionText: 'ha desat la configuració',
            revision: 3,
            changes: [{ path: 'services.MUX.ownerAccountId', before: null, after: 'agent-pere', label: 'MUX: responsable', beforeText: 'ningú', afterText: 'Pere Soler' }],
          },
        ],
      }),
    );
    expect(await screen.findByText('MUX: responsable: ningú → Pere Soler')).toBeTruthy();
    expect(screen.queryByText(/services\.MUX|agent-pere/)).toBeNull();
  });
});
