/**
 * "Test connection" for the endpoint as typed (maybe not saved yet) with the stored token. The endpoint
 * must pass the same checks as a save first, so the button cannot be used to make the app call an
 * address the settings would refuse.
 */
import { validateSettings, SETTINGS_VERSION, backendTokenSecretKey } from '../../domain/settings';
import { settingsText } from '../../i18n/catalog/settings';
import type { Caller, SettingsDeps } from './deps';
import { endpointErrors } from './save-page-settings';
import { fieldErrorViews, type FieldErrorView } from './views';

export interface ConnectionTestResult {
  ok: boolean;
  problem: string | null;
  message: string;
  errors: FieldErrorView[];
}

export async function testConnection(deps: SettingsDeps, caller: Caller, endpoint: string): Promise<ConnectionTestResult> {
  const { lang } = caller;
  const validation = validateSettings({ version: SETTINGS_VERSION, backend: { mode: 'http', endpoint } });
  const errors = validation.ok ? endpointErrors(deps, validation.settings) : validation.errors;
  if (errors.length > 0) {
    const views = fieldErrorViews(lang, errors);
    return { ok: false, problem: 'invalid_endpoint', message: views[0]?.message ?? '', errors: views };
  }
  const token = (await deps.kvs.getSecret(backendTokenSecretKey(caller.projectKey))) ?? null;
  const check = await deps.probe.check(endpoint, token);
  if (check.ok) return { ok: true, problem: null, message: settingsText(lang, 'connection_ok'), errors: [] };
  return {
    ok: false,
    problem: check.problem,
    message: settingsText(lang, `connection_${check.problem}`, { status: check.status }),
    errors: [],
  };
}
