/**
 * The issue panel's resolver (manifest `jira:issuePanel` → function `panelResolver`). For every call:
 * 1. the issue key comes from the Forge-signed context, never from the payload;
 * 2. the calling user must be allowed to edit the issue, checked as that user (`asUser`), before
 *    anything else happens — customers get a clear refusal and nothing is read or written;
 * 3. the payload is validated with the contract's zod schema;
 * 4. errors come back as `{ ok: false, error: { code, message } }` in the user's language, never as a
 *    stack trace.
 * `createPanelResolver` is what the sandbox and the tests use with their own dependencies.
 */
import Resolver from '@forge/resolver';
import { RetryableError } from '../domain/errors';
import { DEFAULT_LANG, toLang, type Lang } from '../i18n';
import { tPanel } from '../i18n/catalog/panel';
import { systemClock } from '../ports/clock';
import {
  authorizeCaller,
  decideRows,
  downloadServiceWorkbook,
  downloadResults,
  getPanelState,
  integrateMuxNow,
  markChecklistStep,
  PanelActionError,
  PanelPropertyFullError,
  processAsSetdiba,
  runNow,
  setMuxProductionDate,
  type PanelCaller,
  type PanelDeps,
  type PanelPipeline,
} from '../usecases/panel';
import { JiraClient } from '../adapters/jira/jira-client';
import { asAppTransport, asUserTransport } from '../adapters/forge/request-jira-transport';
import { mustReachForge } from '../adapters/forge/platform-errors';
import {
  PANEL_FUNCTIONS,
  panelPayloadSchemas,
  type PanelErrorCode,
  type PanelFunction,
  type PanelResult,
} from '../contracts/panel';

/** Builds the dependencies for one call, with Jira as the given user. */
export type PanelDepsFactory = (accountId: string) => PanelDeps | Promise<PanelDeps>;

export interface PanelCall {
  functionKey: string;
  payload: unknown;
  /** From the invocation context (`context.extension.issue.key`). */
  issueKey: string | null;
  /** From the invocation context; absent for anonymous access. */
  accountId: string | null;
  /** The context's locale, used only for refusals before the user's own Jira locale is known. */
  locale?: string | null;
}

function failure(code: PanelErrorCode, message: string): { ok: false; error: { code: PanelErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}

function isPanelFunction(key: string): key is PanelFunction {
  return (PANEL_FUNCTIONS as readonly string[]).includes(key);
}

async function dispatch(fn: PanelFunction, deps: PanelDeps, caller: PanelCaller, payload: unknown): Promise<unknown> {
  switch (fn) {
    case 'getPanelState':
    case 'preview':
      return getPanelState(deps, caller);
    case 'run':
      return runNow(deps, caller);
    case 'decideRows':
      return decideRows(deps, caller, panelPayloadSchemas.decideRows.parse(payload));
    case 'setMuxProductionDate':
      return setMuxProductionDate(deps, caller, panelPayloadSchemas.setMuxProductionDate.parse(payload));
    case 'integrateMuxNow':
      return integrateMuxNow(deps, caller, panelPayloadSchemas.integrateMuxNow.parse(payload));
    case 'markChecklistStep':
      return markChecklistStep(deps, caller, panelPayloadSchemas.markChecklistStep.parse(payload));
    case 'processAsSetdiba':
      return processAsSetdiba(deps, caller);
    case 'downloadServiceWorkbook':
      return downloadServiceWorkbook(deps, caller, panelPayloadSchemas.downloadServiceWorkbook.parse(payload));
    case 'downloadResults':
      return downloadResults(deps, caller, panelPayloadSchemas.downloadResults.parse(payload));
  }
}

export async function handlePanelCall(makeDeps: PanelDepsFactory, call: PanelCall): Promise<PanelResult<PanelFunction>> {
  let lang: Lang = call.locale ? toLang(call.locale) : DEFAULT_LANG;
  if (!call.accountId) return failure('forbidden', tPanel(lang, 'errorForbidden'));
  if (!call.issueKey) return failure('not_found', tPanel(lang, 'errorNotFound'));
  if (!isPanelFunction(call.functionKey)) {
    return failure('invalid_input', tPanel(lang, 'errorInvalidInput', { detail: 'function' }));
  }
  const fn = call.functionKey;
  try {
    const deps = await makeDeps(call.accountId);
    const caller = await authorizeCaller(deps, call.issueKey);
    lang = caller.lang;
    const parsed = panelPayloadSchemas[fn].safeParse(call.payload ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => issue.path.join('.') || issue.code).join(', ');
      return failure('invalid_input', tPanel(lang, 'errorInvalidInput', { detail }));
    }
    const data = await dispatch(fn, deps, caller, parsed.data);
    return { ok: true, data } as PanelResult<PanelFunction>;
  } catch (error) {
    // Consent prompts and permission faults are Forge's to show, not ours to reword.
    if (mustReachForge(error)) throw error;
    if (error instanceof PanelActionError) return failure(error.code, tPanel(lang, error.messageKey, error.params));
    if (error instanceof RetryableError) return failure('unavailable', tPanel(lang, 'errorUnavailable'));
    if (error instanceof PanelPropertyFullError) return failure('conflict', tPanel(lang, 'errorInternal'));
    // The stack stays in the function's log; the agent gets a sentence.
    console.error(`panel ${fn} failed`, error);
    return failure('internal', tPanel(lang, 'errorInternal'));
  }
}

interface ForgeRequest {
  payload?: unknown;
  context?: { accountId?: string; locale?: string; extension?: { issue?: { key?: unknown } } };
}

/** A Forge resolver whose functions all go through handlePanelCall. */
export function createPanelResolver(makeDeps: PanelDepsFactory) {
  const resolver = new Resolver();
  for (const functionKey of PANEL_FUNCTIONS) {
    resolver.define(functionKey, (request: ForgeRequest) => {
      const issueKey = request.context?.extension?.issue?.key;
      return handlePanelCall(makeDeps, {
        functionKey,
        payload: request.payload,
        issueKey: typeof issueKey === 'string' ? issueKey : null,
        accountId: request.context?.accountId ?? null,
        locale: request.context?.locale ?? null,
      });
    });
  }
  return resolver.getDefinitions();
}

export function forgePanelDeps(accountId: string, pipeline: PanelPipeline): PanelDeps {
  return {
    jiraAsUser: new JiraClient(asUserTransport(accountId)),
    jiraAsApp: new JiraClient(asAppTransport()),
    clock: systemClock,
    pipeline,
  };
}

/** Forge entry point: the same pipeline the trigger and the consumer use (src/composition/forge). */
export const panelResolver = createPanelResolver(async (accountId) => {
  const { forgePipeline } = await import('../composition/forge');
  const { panelPipeline } = await import('../composition/panel-pipeline');
  return forgePanelDeps(accountId, panelPipeline(forgePipeline()));
});
