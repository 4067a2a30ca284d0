/**
 * The only module of the Custom UI apps that imports `@forge/bridge`. The sandbox builds the same apps
 * with `@forge/bridge` aliased to its stand-in (see static/build.mjs), and the component tests never
 * load this module: components receive the functions below through props.
 */
import { invoke, router, view } from '@forge/bridge';

/** What the apps need from the invocation context. */
export interface UiContext {
  accountId: string | null;
  /** Jira locale, e.g. "ca_ES"; see toLang in src/i18n. */
  locale: string | null;
  issueKey: string | null;
  projectKey: string | null;
}

export async function getUiContext(): Promise<UiContext> {
  const context = await view.getContext();
  // `extension` is typed as an open record by @forge/bridge; read the two fields defensively.
  const extension = (context.extension ?? {}) as { issue?: { key?: unknown }; project?: { key?: unknown } };
  return {
    accountId: context.accountId ?? null,
    locale: context.locale ?? null,
    issueKey: typeof extension.issue?.key === 'string' ? extension.issue.key : null,
    projectKey: typeof extension.project?.key === 'string' ? extension.project.key : null,
  };
}

/** Asks the host to apply the user's theme (light, dark) to the design tokens. */
export async function enableTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // Theming is cosmetic: the tokens' fallbacks (light theme) still apply.
  }
}

/**
 * Calls a resolver function. A failure of the bridge itself (network, timeout) is turned into the same
 * error envelope the resolvers use, so the apps handle one shape.
 */
export async function invokeResolver<Result>(
  functionKey: string,
  payload: Record<string, unknown>,
  unavailable: (error: unknown) => Result,
): Promise<Result> {
  try {
    return (await invoke<Result>(functionKey, payload)) as Result;
  } catch (error) {
    return unavailable(error);
  }
}

/** What both apps' resolvers answer when the bridge itself fails; their screens say "not available". */
export function unavailableEnvelope() {
  return { ok: false as const, error: { code: 'unavailable' as const, message: '' } };
}

/** Opens a Jira issue in a new tab (links inside the iframe would open the issue inside the panel). */
export async function openIssue(issueKey: string): Promise<void> {
  await router.open(`/browse/${encodeURIComponent(issueKey)}`);
}

/**
 * The portal's request-create panel (jiraServiceManagement:portalRequestCreatePropertyPanel): what it
 * submits is saved with the request as issue properties, one per field key, when the request is created.
 * The panel never blocks sending (`isValid: true`): the check only informs the requester.
 */
export async function submitRequestProperties(fields: { key: string; value: unknown }[]): Promise<void> {
  await view.submit({ fields, isValid: true });
}
