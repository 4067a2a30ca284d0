/**
 * Resolver of the project settings page (manifest `jira:projectSettingsPage` → function
 * `settingsResolver`). The contract (function keys, payloads, answers) is in ./settings-contract.ts.
 *
 * Every call: the project and the caller come from the context Forge signs; the caller must hold
 * ADMINISTER_PROJECTS on the project (asked of Jira as that user) before anything is read or written;
 * the payload is checked with zod; failures come back as `{ ok: false, error: { code, message } }` with
 * a localised message, never a stack trace.
 *
 * `createSettingsHandlers` is the transport-free core (tests drive it against the emulator);
 * `settingsResolver` wires it to Forge.
 */
import api from '@forge/api';
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { createHttpBackendProbe, type FetchLike } from '../adapters/backend/http-client';
import { ForgeKeyValueStore } from '../adapters/forge/kvs-key-value-store';
import { mustReachForge } from '../adapters/forge/platform-errors';
import { asAppTransport, asUserTransport } from '../adapters/forge/request-jira-transport';
import { JiraClient } from '../adapters/jira/jira-client';
import { errorMessage, RetryableError } from '../domain/errors';
import { SERVICE_SLUG } from '../domain/services';
import { writeTemplateWorkbook } from '../spreadsheet/write-workbook';
import { toLang, type Lang } from '../i18n';
import { settingsText } from '../i18n/catalog/settings';
import { systemClock } from '../ports/clock';
import { assertProjectAdmin, ForbiddenError } from '../usecases/settings/authorize';
import { clearBackendToken, setBackendToken } from '../usecases/settings/backend-token';
import { inspectCertificate, removeCertificate, restoreCertificate, uploadCertificate } from '../usecases/settings/certificate-upload';
import type { Caller, SettingsDeps } from '../usecases/settings/deps';
import { exportSettings, importSettings, previewImport } from '../usecases/settings/export-import';
import { getSettingsPage } from '../usecases/settings/page-data';
import { previewRecognition } from '../usecases/settings/preview-recognition';
import { savePageSettings } from '../usecases/settings/save-page-settings';
import { searchOwners } from '../usecases/settings/search-owners';
import { downloadTemplate, TemplateUnavailableError } from '../usecases/settings/template-download';
import { testConnection } from '../usecases/settings/test-connection';
import { runSelfCheck, type DryParse } from '../usecases/self-check/run-self-check';
import {
  SETTINGS_FUNCTIONS,
  settingsPayloadSchemas,
  type SettingsEnvelopeErrorCode,
  type SettingsFunction,
  type SettingsResponse,
  type SettingsResult,
} from '../contracts/settings';

/**
 * The egress addresses manifest.yml declares under `permissions.external.fetch.backend` (none yet).
 * Forge cannot read the manifest at run time; test/unit/settings checks the two agree.
 */
export const MANIFEST_BACKEND_EGRESS: readonly string[] = [];

/** What Forge passes a resolver function (only the parts used here are checked). */
export interface SettingsInvocation {
  payload?: unknown;
  context: unknown;
}

const contextSchema = z.object({
  accountId: z.string().min(1),
  locale: z.string().nullish(),
  extension: z.object({ project: z.object({ key: z.string().min(1).max(100) }) }),
});

type Handler<F extends SettingsFunction> = (invocation: SettingsInvocation) => Promise<SettingsResult<F>>;
export type SettingsHandlers = { [F in SettingsFunction]: Handler<F> };

type Implementation<F extends SettingsFunction> = (
  deps: SettingsDeps,
  caller: Caller,
  payload: z.output<(typeof settingsPayloadSchemas)[F]>,
) => Promise<SettingsResponse<F>>;

/** Each function's use case; the compiler checks answers against the contract's response types. */
const implementations: { [F in SettingsFunction]: Implementation<F> } = {
  getSettingsPage: (deps, caller) => getSettingsPage(deps, caller),
  saveSettings: (deps, caller, p) => savePageSettings(deps, caller, { settings: p.settings, revision: p.revision }),
  previewRecognition: (deps, caller, p) => previewRecognition(deps, caller, p.recognition),
  searchOwners: async (deps, caller, p) => ({ users: await searchOwners(deps, caller, p.query) }),
  testConnection: (deps, caller, p) => testConnection(deps, caller, p.endpoint),
  setBackendToken: (deps, caller, p) => setBackendToken(deps, caller, p),
  clearBackendToken: (deps, caller) => clearBackendToken(deps, caller),
  uploadCertificate: (deps, caller, p) =>
    uploadCertificate(deps, caller, { fileName: p.fileName, content: Buffer.from(p.contentBase64, 'base64') }),
  inspectCertificate: (deps, caller, p) =>
    inspectCertificate(deps, caller, { fileName: p.fileName, content: Buffer.from(p.contentBase64, 'base64') }),
  restoreCertificate: (deps, caller, p) => restoreCertificate(deps, caller, p.sha256Fingerprint),
  removeCertificate: async (deps, caller) => ({ page: await removeCertificate(deps, caller) }),
  exportSettings: (deps, caller) => exportSettings(deps, caller),
  previewImport: (deps, caller, p) => previewImport(deps, caller, p),
  importSettings: (deps, caller, p) => importSettings(deps, caller, p),
  downloadTemplate: (deps, caller, p) => downloadTemplate(deps, caller, p.service),
  runSelfCheck: (deps, caller) => runSelfCheck(deps, caller),
};

function failure(code: SettingsEnvelopeErrorCode, message: string): { ok: false; error: { code: SettingsEnvelopeErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}

function mapError(lang: Lang, error: unknown): { ok: false; error: { code: SettingsEnvelopeErrorCode; message: string } } {
  if (error instanceof ForbiddenError) return failure('forbidden', settingsText(lang, 'resolver_forbidden'));
  if (error instanceof TemplateUnavailableError) return failure('not_found', settingsText(lang, 'resolver_template_unavailable'));
  if (error instanceof RetryableError) return failure('unavailable', settingsText(lang, 'resolver_unavailable'));
  // Logged for the app's developers (Forge logs); the browser gets a message only.
  console.error(`settings resolver: ${errorMessage(error)}`);
  return failure('internal', settingsText(lang, 'resolver_internal'));
}

/**
 * The resolver functions over any dependencies: `makeDeps` builds them for the verified caller (in
 * Forge: a JiraClient acting as that user, KVS, the backend probe).
 */
export function createSettingsHandlers(makeDeps: (accountId: string) => SettingsDeps): SettingsHandlers {
  const handler = <F extends SettingsFunction>(fn: F): Handler<F> =>
    async (invocation) => {
      const context = contextSchema.safeParse(invocation.context);
      const lang = toLang(
        context.success ? context.data.locale : (invocation.context as { locale?: unknown } | null)?.locale as string | undefined,
      );
      // No user (an anonymous or app call) or no project: nothing to authorise against.
      if (!context.success) return failure('forbidden', settingsText(lang, 'resolver_forbidden'));
      const caller: Caller = { accountId: context.data.accountId, projectKey: context.data.extension.project.key, lang };
      try {
        const deps = makeDeps(caller.accountId);
        await assertProjectAdmin(deps.jira, caller.projectKey);
        const payload = settingsPayloadSchemas[fn].safeParse(invocation.payload ?? {});
        if (!payload.success) {
          const detail = payload.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
          return failure('invalid_input', settingsText(lang, 'resolver_invalid_input', { detail }));
        }
        const implementation = implementations[fn] as Implementation<F>;
        return { ok: true, data: await implementation(deps, caller, payload.data as z.output<(typeof settingsPayloadSchemas)[F]>) };
      } catch (error) {
        // Consent prompts and permission faults are Forge's to show, not ours to reword.
        if (mustReachForge(error)) throw error;
        return mapError(lang, error);
      }
    };
  return Object.fromEntries(SETTINGS_FUNCTIONS.map((fn) => [fn, handler(fn)])) as SettingsHandlers;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The same blank templates as `setdiba template <service>`. */
export const blankTemplate: NonNullable<SettingsDeps['blankTemplate']> = async (service, lang) => ({
  fileName: `plantilla-setdiba-${SERVICE_SLUG[service]}.xlsx`,
  mimeType: XLSX_MIME,
  content: writeTemplateWorkbook({ service, lang }),
});

/** The Self-check's dry parse: a generated one-row template read exactly as an attachment is. */
export const dryParseTemplate: DryParse = async () => {
  try {
    // The reader (and the parse-worker source it starts) loads here, not with every settings call.
    const { readTemplate } = await import('../spreadsheet/read-template');
    const read = await readTemplate({ fileName: 'autocomprovacio.xlsx', bytes: writeTemplateWorkbook({ service: 'OVER', lang: 'ca' }) });
    const fileProblems = read.problems.map((p) => p.code).join(', ');
    return read.readable ? { ok: true } : { ok: false, detail: fileProblems || 'unreadable' };
  } catch (error) {
    // ParserUnavailableError (no worker thread could start) lands here: the runtime's problem.
    return { ok: false, detail: errorMessage(error) };
  }
};

/** Forge's egress-aware fetch, in the shape the HTTP backend client takes. */
const forgeFetch: FetchLike = (url, init) => api.fetch(url, init);

function forgeDeps(): SettingsDeps {
  return {
    kvs: new ForgeKeyValueStore(),
    // asUser: Jira answers for the admin, so Jira's own permissions apply to everything read.
    jira: new JiraClient(asUserTransport()),
    clock: systemClock,
    probe: createHttpBackendProbe({ fetch: forgeFetch, timeoutMs: 8_000 }),
    allowedEndpoints: MANIFEST_BACKEND_EGRESS,
    blankTemplate,
    jiraAsApp: new JiraClient(asAppTransport()),
    dryParse: dryParseTemplate,
  };
}

const handlers = createSettingsHandlers(() => forgeDeps());
const resolver = new Resolver();
for (const fn of SETTINGS_FUNCTIONS) {
  resolver.define(fn, (request: SettingsInvocation) => handlers[fn](request));
}

export const settingsResolver = resolver.getDefinitions();
