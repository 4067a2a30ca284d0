import { z } from 'zod';
import { errorMessage } from '../../domain/errors';
import { UI_RESOURCES, type SandboxRuntime, type SandboxUser, type UiResource } from '../runtime/types';
import type { Session } from './session';

/**
 * The server side of the `@forge/bridge` stand-in: turns a frame's `invoke` into the call Forge makes to
 * the app's resolver — `{ call: { functionKey, payload }, context }` plus the calling user as the
 * runtime principal — and `view.getContext()` into a Forge-like context.
 */

/** Forge caps a bridge `invoke` payload at 500 KB; the sandbox does too, so a UI that sends more fails here first. */
export const INVOKE_LIMIT_BYTES = 500 * 1024;

const issueKeySchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,9}-\d{1,9}$/);
const projectKeySchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,9}$/);

export const invokeRequestSchema = z.object({
  resource: z.enum(UI_RESOURCES),
  issueKey: issueKeySchema.nullable().optional(),
  projectKey: projectKeySchema.nullable().optional(),
  functionKey: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()).default({}),
});

export const contextQuerySchema = z.object({
  resource: z.enum(UI_RESOURCES),
  issueKey: issueKeySchema.nullable().optional(),
  projectKey: projectKeySchema.nullable().optional(),
});

/** Module keys as the manifest names them; the context carries them like Forge does. */
const MODULE: Readonly<Record<UiResource, { moduleKey: string; type: string }>> = {
  'issue-panel': { moduleKey: 'setdiba-issue-panel', type: 'jira:issuePanel' },
  'project-settings': { moduleKey: 'setdiba-project-settings', type: 'jira:projectSettingsPage' },
  'project-page': { moduleKey: 'setdiba-registry-page', type: 'jira:projectPage' },
  'portal-request': { moduleKey: 'setdiba-portal-request', type: 'jiraServiceManagement:portalRequestDetail' },
  'portal-check': { moduleKey: 'setdiba-portal-check', type: 'jiraServiceManagement:portalRequestCreatePropertyPanel' },
};

/** Jira locales are `ca_ES`; Forge's context gives `ca-ES`. The page's language choice wins. */
function forgeLocale(user: SandboxUser | null, session: Session): string {
  const own = (user?.locale ?? '').replace('_', '-');
  if (own.slice(0, 2).toLowerCase() === session.lang) return own;
  return { ca: 'ca-ES', es: 'es-ES', en: 'en-US' }[session.lang];
}

export interface FrameTarget {
  resource: UiResource;
  issueKey?: string | null | undefined;
  projectKey?: string | null | undefined;
}

export function forgeContext(
  target: FrameTarget,
  session: Session,
  runtime: SandboxRuntime,
  siteUrl: string,
): Record<string, unknown> {
  const projectKey = target.projectKey ?? target.issueKey?.replace(/-\d+$/, '') ?? runtime.projectKey;
  const module = MODULE[target.resource];
  const extension: Record<string, unknown> = {
    type: module.type,
    project: { key: projectKey, type: 'service_desk' },
  };
  if (target.resource === 'portal-request' || target.resource === 'portal-check') {
    // The portal modules get the portal and the request (none yet on the create screen), not an issue.
    extension['portal'] = { id: '1' };
    extension['request'] = target.issueKey ? { key: target.issueKey, typeId: '10' } : { typeId: '10' };
  } else if (target.issueKey) extension['issue'] = { key: target.issueKey, type: 'Service Request' };
  return {
    accountId: session.user?.accountId,
    cloudId: 'sandbox',
    environmentId: 'sandbox',
    environmentType: 'DEVELOPMENT',
    extension,
    localId: `${module.moduleKey}-${target.issueKey ?? projectKey}`,
    locale: forgeLocale(session.user, session),
    moduleKey: module.moduleKey,
    siteUrl,
    timezone: 'Europe/Madrid',
    theme: { colorMode: session.theme },
  };
}

export type InvokeOutcome = { status: number; body: Record<string, unknown> };

export async function invokeResolver(
  raw: unknown,
  session: Session,
  runtime: SandboxRuntime,
  siteUrl: string,
): Promise<InvokeOutcome> {
  const parsed = invokeRequestSchema.safeParse(raw);
  if (!parsed.success) return { status: 400, body: { message: 'Invalid bridge call' } };
  const request = parsed.data;
  const resolver = runtime.resolvers[request.resource];
  if (!resolver) {
    return { status: 501, body: { message: `The ${request.resource} resolver is not available in this sandbox yet` } };
  }
  const context = forgeContext(request, session, runtime, siteUrl);
  try {
    const result = await resolver(
      { call: { functionKey: request.functionKey, payload: request.payload }, context },
      { principal: session.user ? { accountId: session.user.accountId } : {} },
    );
    runtime.activity.changed();
    return { status: 200, body: { body: result ?? null } };
  } catch (error) {
    // Forge hands the UI an error without the server's stack; so does the sandbox (the terminal keeps it).
    console.error(`[sandbox] resolver ${request.resource}.${request.functionKey} failed:`, error);
    return { status: 500, body: { message: errorMessage(error) } };
  }
}
