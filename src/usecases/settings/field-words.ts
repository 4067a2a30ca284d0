/**
 * Settings paths and values in words, for people: the audit log, the import preview and error
 * summaries say "MUX: responsable: ningú → Pere Soler", never "services.MUX.ownerAccountId: (cap) → agent-pere".
 */
import { SECRET_MASK, type AuditValue } from '../../domain/settings';
import type { Lang } from '../../i18n';
import { settingsText } from '../../i18n/catalog/settings';
import { settingsFlowsText, type SettingsFlowsKey } from '../../i18n/catalog/settings-flows';

/** Account ids → display names, request type ids → names; anything unknown shows as it is. */
export interface NameLookup {
  user(accountId: string): string | undefined;
  requestType(id: string): string | undefined;
}

export const NO_NAMES: NameLookup = { user: () => undefined, requestType: () => undefined };

const SERVICE_FIELDS = new Set(['enabled', 'aliases', 'ownerAccountId', 'environment', 'requestTypeId', 'requiredColumns']);

function flowsKey(key: string): SettingsFlowsKey | null {
  const candidate = `field_${key}`;
  return candidate in FIELD_KEYS ? (candidate as SettingsFlowsKey) : null;
}

const FIELD_KEYS: Record<string, true> = Object.fromEntries(
  [
    'version', 'recognition', 'organizations', 'reporterDomains', 'requestTypeIds', 'label', 'services', 'splitMode', 'backend',
    'mode', 'endpoint', 'token', 'certificate', 'current', 'previous', 'comments', 'publicToRequester', 'defaultLanguage',
    'watch', 'integrateMuxOnProductionDate', 'missingDateDays',
  ].map((key) => [`field_${key}`, true]),
);

/**
 * A dotted path as a label: `services.MUX.ownerAccountId` → "MUX: responsable",
 * `recognition.reporterDomains.1` → "Dominis del correu del sol·licitant (valor 2)". A segment the app
 * does not know (an unknown field) is shown as written.
 */
export function fieldLabel(lang: Lang, path: string): string {
  const parts = path === '' ? [] : path.split('.');
  const item = parts.length > 0 && /^\d+$/.test(parts[parts.length - 1] ?? '') ? Number(parts.pop()) : null;
  let label: string;
  const [first, second, third] = parts;
  if (first === 'services' && second !== undefined && third !== undefined && SERVICE_FIELDS.has(third) && parts.length === 3) {
    label = settingsFlowsText(lang, `field_${third}` as SettingsFlowsKey, { service: second });
  } else if (first === 'services' && second !== undefined && parts.length === 2) {
    label = settingsFlowsText(lang, 'field_service', { service: second });
  } else {
    const last = parts[parts.length - 1] ?? '';
    const known = flowsKey(last);
    label = known ? settingsFlowsText(lang, known) : last;
  }
  return item === null ? label : settingsFlowsText(lang, 'field_item', { field: label, position: String(item + 1) });
}

/** Where a field sits, in words: "dins de «Servei MUX»" or "al primer nivell del fitxer". */
export function whereInWords(lang: Lang, parentPath: string): string {
  if (parentPath === '') return settingsFlowsText(lang, 'whereRoot');
  return settingsFlowsText(lang, 'whereInside', { place: fieldLabel(lang, parentPath) });
}

const CERTIFICATE_SUMMARY = /^(.*) · serial ([0-9A-F]+) · SHA-256 /;

/** One value of the audit diff (as diffSettings wrote it) in words. */
export function valueInWords(lang: Lang, path: string, value: AuditValue, names: NameLookup = NO_NAMES): string {
  const last = path.split('.').pop() ?? '';
  if (path === 'backend.token') return settingsFlowsText(lang, value === null ? 'valueTokenNotSet' : 'valueTokenSet');
  if (path === 'certificate.previous') return settingsFlowsText(lang, 'valueCertificates', { count: Array.isArray(value) ? value.length : 0 });
  if (path === 'certificate.current') {
    if (typeof value !== 'string') return settingsFlowsText(lang, 'valueNone');
    const match = CERTIFICATE_SUMMARY.exec(value);
    return match ? settingsFlowsText(lang, 'valueCertificate', { subject: match[1] ?? '', serial: match[2] ?? '' }) : value;
  }
  if (value === null) {
    if (last === 'ownerAccountId') return settingsFlowsText(lang, 'valueNobody');
    if (last === 'requestTypeId') return settingsFlowsText(lang, 'valueSameAsOriginal');
    return settingsFlowsText(lang, 'valueNone');
  }
  if (typeof value === 'boolean') return settingsFlowsText(lang, value ? 'valueYes' : 'valueNo');
  if (Array.isArray(value)) {
    if (value.length === 0) return settingsFlowsText(lang, 'valueEmptyList');
    const shown = last === 'requestTypeIds' ? value.map((id: string) => names.requestType(id) ?? id) : value;
    return shown.join(', ');
  }
  if (typeof value === 'number') return String(value);
  const text = value as string;
  if (text === SECRET_MASK) return settingsFlowsText(lang, 'valueTokenSet');
  switch (last) {
    case 'ownerAccountId':
      return names.user(text) ?? text;
    case 'requestTypeId':
      return names.requestType(text) ?? text;
    case 'environment':
      return text === 'PRE' ? settingsText(lang, 'environmentPRE') : settingsText(lang, 'environmentPRO');
    case 'splitMode':
      return text === 'umbrella' ? settingsText(lang, 'splitUmbrella') : settingsText(lang, 'splitOriginalKeepsFirst');
    case 'mode':
      return text === 'http' ? settingsText(lang, 'backendHttp') : settingsText(lang, 'backendAssisted');
    case 'defaultLanguage':
      return text === 'es' ? settingsText(lang, 'lang_es') : text === 'en' ? settingsText(lang, 'lang_en') : settingsText(lang, 'lang_ca');
    default:
      return text;
  }
}

/** Account ids that appear as values of a diff (owners), so their names can be fetched with the rest. */
export function accountIdsIn(changes: readonly { path: string; before: AuditValue; after: AuditValue }[]): string[] {
  return changes
    .filter((change) => change.path.endsWith('.ownerAccountId'))
    .flatMap((change) => [change.before, change.after])
    .filter((value): value is string => typeof value === 'string');
}
