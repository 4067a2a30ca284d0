/**
 * The registry project page's resolver (manifest `jira:projectPage` → function `registryResolver`).
 * The project comes from the Forge-signed context, never from the payload; the caller must be an
 * agent of that project, asked of Jira as that user (asUser) before anything is read; the payload is
 * checked with the contract's zod schema; errors come back in the user's language, never as a stack.
 * `createRegistryHandlers` is what the sandbox and the tests use with their own dependencies.
 */
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { ForgeKeyValueStore } from '../adapters/forge/kvs-key-value-store';
import { mustReachForge } from '../adapters/forge/platform-errors';
import { asUserTransport } from '../adapters/forge/request-jira-transport';
import { JiraClient } from '../adapters/jira/jira-client';
import { errorMessage, RetryableError } from '../domain/errors';
import { toLang, type Lang } from '../i18n';
import { tRegistry } from '../i18n/catalog/registry';
import {
  REGISTRY_FUNCTIONS,
  registryPayloadSchemas,
  type registryResponseSchemas,
  type RegistryErrorCode,
  type RegistryFunction,
  type RegistryResult,
} from '../contracts/registry';
import {
  assertAgent,
  exportRegistry,
  queryRegistry,
  RegistryExportTooLargeError,
  RegistryForbiddenError,
  type RegistryCaller,
  type RegistryDeps,
} from '../usecases/registry';

export interface RegistryInvocation {
  payload?: unknown;
  context?: unknown;
}

export type RegistryHandlers = { [F in RegistryFunction]: (invocation: RegistryInvocation) => Promise<RegistryResult<F>> };

const contextSchema = z.object({
  accountId: z.string().min(1),
  locale: z.string().nullish(),
  extension: z.object({ project: z.object({ key: z.string().min(1).max(100) }) }),
});

function failure(code: RegistryErrorCode, message: string): { ok: false; error: { code: RegistryErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}

function mapError(lang: Lang, error: unknown): { ok: false; error: { code: RegistryErrorCode; message: string } } {
  if (error instanceof RegistryForbiddenError) return failure('forbidden', tRegistry(lang, 'resolver_forbidden'));
  if (error instanceof RegistryExportTooLargeError) return failure('too_large', tRegistry(lang, 'resolver_too_large', { rows: error.rows }));
  if (error instanceof RetryableError) return failure('unavailable', tRegistry(lang, 'resolver_unavailable'));
  // Logged for the app's developers (Forge logs); the browser gets a message only.
  console.error(`registry resolver: ${errorMessage(error)}`);
  return failure('internal', tRegistry(lang, 'resolver_internal'));
}

function contextLocale(context: unknown): string | undefined {
  const locale = (context as { locale?: unknown } | null | undefined)?.locale;
  return typeof locale === 'string' ? locale : undefined;
}

/** Checks the context and the payload, asks the use case, and maps what goes wrong to the envelope. */
function handler<F extends RegistryFunction>(
  fn: F,
  makeDeps: (accountId: string) => RegistryDeps,
  run: (deps: RegistryDeps, caller: RegistryCaller & { lang: Lang }, payload: z.output<(typeof registryPayloadSchemas)[F]>) => Promise<RegistryOk<F>>,
): (invocation: RegistryInvocation) => Promise<RegistryResult<F>> {
  return async (invocation) => {
    const lang = toLang(contextLocale(invocation.context));
    const context = contextSchema.safeParse(invocation.context);
    // No user (anonymous or app call) or no project: nothing to authorise against.
    if (!context.success) return failure('forbidden', tRegistry(lang, 'resolver_forbidden'));
    const caller = { accountId: context.data.accountId, projectKey: context.data.extension.project.key, lang };
    const payload = registryPayloadSchemas[fn].safeParse(invocation.payload ?? {});
    try {
      const deps = makeDeps(caller.accountId);
      if (!payload.success) {
        // Refuse outsiders before telling them anything about the query's shape.
        await assertAgent(deps.jira, caller.projectKey);
        const detail = payload.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
        return failure('invalid_input', tRegistry(lang, 'resolver_invalid_input', { detail }));
      }
      return { ok: true, data: await run(deps, caller, payload.data as z.output<(typeof registryPayloadSchemas)[F]>) };
    } catch (error) {
      // Consent prompts and permission faults are Forge's to show, not ours to reword.
      if (mustReachForge(error)) throw error;
      return mapError(lang, error);
    }
  };
}

type RegistryOk<F extends RegistryFunction> = z.output<(typeof registryResponseSchemas)[F]>;

export function createRegistryHandlers(makeDeps: (accountId: string) => RegistryDeps): RegistryHandlers {
  return {
    queryRegistry: handler('queryRegistry', makeDeps, (deps, caller, query) => queryRegistry(deps, caller, query)),
    exportRegistry: handler('exportRegistry', makeDeps, (deps, caller, query) => exportRegistry(deps, caller, query)),
  };
}

function forgeDeps(): RegistryDeps {
  // asUser: Jira answers for the caller, so its permission scheme decides who is an agent.
  return {
    kvs: new ForgeKeyValueStore(),
    jira: new JiraClient(asUserTransport()),
    // SheetJS loads only when an XLSX is asked for, never on the resolver's way in.
    tableWorkbook: async (sheetName, header, rows) => (await import('../spreadsheet/write-workbook')).writeTableWorkbook({ sheetName, header, rows }),
  };
}

const handlers = createRegistryHandlers(() => forgeDeps());
const resolver = new Resolver();
for (const fn of REGISTRY_FUNCTIONS) {
  resolver.define(fn, (request: RegistryInvocation) => handlers[fn](request));
}

export const registryResolver = resolver.getDefinitions();
