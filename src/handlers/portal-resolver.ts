/**
 * The customer portal's resolver (manifest `jiraServiceManagement:portalRequestDetail` and
 * `portalRequestCreatePropertyPanel` → function `portalResolver`). For every call:
 * 1. the request key comes from the Forge-signed context (`extension.request.key`), never the payload;
 * 2. the caller must be a signed-in user whom Jira, asked as that user (asUser), lets browse the
 *    request, before anything is read; the create screen has no request yet, so there only the user is
 *    checked (blank templates are the same for everyone);
 * 3. the payload is checked with the contract's zod schema;
 * 4. errors come back as `{ ok: false, error }` in the requester's language, never as a stack trace.
 * `createPortalHandlers` is what the sandbox and the tests use with their own dependencies.
 */
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { ForgeKeyValueStore } from '../adapters/forge/kvs-key-value-store';
import { mustReachForge } from '../adapters/forge/platform-errors';
import { asAppTransport, asUserTransport } from '../adapters/forge/request-jira-transport';
import { JiraClient } from '../adapters/jira/jira-client';
import { errorMessage, RetryableError } from '../domain/errors';
import { DEFAULT_LANG, toLang, type Lang } from '../i18n';
import { tPortal } from '../i18n/catalog/portal';
import { systemClock } from '../ports/clock';
import {
  PORTAL_FUNCTIONS,
  portalPayloadSchemas,
  type PortalErrorCode,
  type PortalFunction,
  type PortalResult,
} from '../contracts/portal';
import { authorizePortalCaller, downloadBlankTemplate, getRequestStatus, PortalError, type PortalDeps } from '../usecases/portal';

export interface PortalInvocation {
  payload?: unknown;
  context?: unknown;
}

export type PortalHandlers = { [F in PortalFunction]: (invocation: PortalInvocation) => Promise<PortalResult<F>> };

export type PortalDepsFactory = (accountId: string) => PortalDeps | Promise<PortalDeps>;

const contextSchema = z.object({
  accountId: z.string().min(1),
  locale: z.string().nullish(),
  extension: z
    // On the create screen the request has a type but no key yet.
    .object({ request: z.object({ key: z.string().regex(/^[A-Z][A-Z0-9_]{0,9}-\d{1,9}$/).optional() }).optional() })
    .optional(),
});

function failure(code: PortalErrorCode, message: string): { ok: false; error: { code: PortalErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}

function contextLang(context: unknown): Lang {
  const locale = (context as { locale?: unknown } | null | undefined)?.locale;
  return typeof locale === 'string' ? toLang(locale) : DEFAULT_LANG;
}

function mapError(lang: Lang, fn: PortalFunction, error: unknown): { ok: false; error: { code: PortalErrorCode; message: string } } {
  if (error instanceof PortalError) return failure(error.code, tPortal(error.lang ?? lang, error.messageKey));
  if (error instanceof RetryableError) return failure('unavailable', tPortal(lang, 'errorUnavailable'));
  // The stack stays in the function's log; the requester gets a sentence.
  console.error(`portal ${fn} failed: ${errorMessage(error)}`);
  return failure('internal', tPortal(lang, 'errorInternal'));
}

export function createPortalHandlers(makeDeps: PortalDepsFactory): PortalHandlers {
  const handle = async <F extends PortalFunction>(fn: F, invocation: PortalInvocation): Promise<PortalResult<F>> => {
    let lang = contextLang(invocation.context);
    const context = contextSchema.safeParse(invocation.context);
    // Anonymous portal visitors and app calls have no account to check: nothing to show them.
    if (!context.success) return failure('forbidden', tPortal(lang, 'errorForbidden'));
    const requestKey = context.data.extension?.request?.key ?? null;
    try {
      const deps = await makeDeps(context.data.accountId);
      const caller = await authorizePortalCaller(deps.panel.jiraAsUser, requestKey, context.data.locale ?? null);
      lang = caller.lang;
      const payload = portalPayloadSchemas[fn].safeParse(invocation.payload ?? {});
      if (!payload.success) {
        const detail = payload.error.issues.map((issue) => issue.path.join('.') || issue.code).join(', ');
        return failure('invalid_input', tPortal(lang, 'errorInvalidInput', { detail }));
      }
      if (fn === 'getRequestStatus') {
        if (!requestKey) return failure('invalid_input', tPortal(lang, 'errorInvalidInput', { detail: 'request' }));
        return { ok: true, data: await getRequestStatus(deps, caller, requestKey) } as PortalResult<F>;
      }
      const { service } = portalPayloadSchemas.downloadBlankTemplate.parse(payload.data);
      return { ok: true, data: await downloadBlankTemplate(deps, caller, service) } as PortalResult<F>;
    } catch (error) {
      // Consent prompts and permission faults are Forge's to show, not ours to reword.
      if (mustReachForge(error)) throw error;
      return mapError(lang, fn, error);
    }
  };
  return {
    getRequestStatus: (invocation) => handle('getRequestStatus', invocation),
    downloadBlankTemplate: (invocation) => handle('downloadBlankTemplate', invocation),
  };
}

async function forgeDeps(accountId: string): Promise<PortalDeps> {
  const [{ forgePipeline }, { panelPipeline }, { spreadsheetTemplates }] = await Promise.all([
    import('../composition/forge'),
    import('../composition/panel-pipeline'),
    import('../composition/pipeline'),
  ]);
  return {
    panel: {
      // asUser: Jira answers for the customer, so JSM's own rules decide who may see the request.
      jiraAsUser: new JiraClient(asUserTransport(accountId)),
      jiraAsApp: new JiraClient(asAppTransport()),
      clock: systemClock,
      pipeline: panelPipeline(forgePipeline()),
    },
    kvs: new ForgeKeyValueStore(),
    blankTemplate: (service, lang) => spreadsheetTemplates.write([], service, lang),
  };
}

const handlers = createPortalHandlers(forgeDeps);
const resolver = new Resolver();
for (const fn of PORTAL_FUNCTIONS) {
  resolver.define(fn, (request: PortalInvocation) => handlers[fn](request));
}

/** Forge entry point. */
export const portalResolver = resolver.getDefinitions();
