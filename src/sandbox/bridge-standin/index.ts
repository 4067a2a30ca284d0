/**
 * A small stand-in for `@forge/bridge`, used only when the sandbox builds the Custom UI apps
 * (`@forge/bridge` is aliased to this file). The apps' code runs unchanged; where Forge would go through
 * the Jira host frame, this module calls the sandbox server on the same origin:
 * - `invoke(fn, payload)` → POST /sandbox/bridge/invoke → the app's real resolver, in-process, with a
 *   Forge-like `{ payload, context }` for the sandbox's current user;
 * - `view.getContext()` → GET /sandbox/bridge/context → current user, issue/project, locale, theme.
 * The host page tells each iframe what it shows through the iframe URL (`?resource=…&issueKey=…`).
 *
 * This file runs in the browser; the repo's tsconfig has no DOM library, so the few browser globals it
 * needs are declared locally below rather than widening the types of the whole (Node) project.
 */

import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';

interface BrowserLocation {
  readonly search: string;
  readonly href: string;
  reload(): void;
}
interface BrowserWindow {
  readonly location: BrowserLocation;
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
  open(url: string, target?: string): unknown;
}
interface BrowserElement {
  readonly offsetHeight: number;
}
interface BrowserDocument {
  readonly documentElement: { setAttribute(name: string, value: string): void; readonly scrollHeight: number };
  readonly body: BrowserElement | null;
  readonly readyState: string;
  addEventListener(type: string, listener: () => void): void;
}
declare function getComputedStyle(element: BrowserElement): { marginTop: string; marginBottom: string };
declare const window: BrowserWindow;
declare const document: BrowserDocument;
declare const ResizeObserver: (new (callback: () => void) => { observe(target: unknown): void }) | undefined;

export type InvokePayload = { [key in number | string]: unknown };

/** Where this frame sits in the sandbox page: chosen by the host page, read once. */
function frameParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

function extensionFromFrame(): { resource: string; issueKey: string | null; projectKey: string | null } {
  const params = frameParams();
  return {
    resource: params.get('resource') ?? '',
    issueKey: params.get('issueKey'),
    projectKey: params.get('projectKey'),
  };
}

/** The same error type name the real bridge uses, so UI code that checks `name` behaves the same. */
export class BridgeAPIError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeAPIError';
  }
}

async function postJson(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string'
        ? parsed.message
        : `HTTP ${response.status}`;
    // Like Forge: a resolver that throws reaches the UI as a rejected invoke, without a stack trace.
    throw new Error(message);
  }
  return parsed;
}

export async function invoke<T = unknown>(functionKey: string, payload?: InvokePayload): Promise<T> {
  if (typeof functionKey !== 'string') throw new BridgeAPIError('functionKey must be a string!');
  if (payload && Object.values(payload).some((value) => typeof value === 'function')) {
    throw new BridgeAPIError('Passing functions as part of the payload is not supported!');
  }
  const result = (await postJson('/sandbox/bridge/invoke', {
    ...extensionFromFrame(),
    functionKey,
    payload: payload ?? {},
  })) as { body: T };
  return result.body;
}

export function makeInvoke() {
  return invoke;
}

let contextPromise: Promise<Record<string, unknown>> | null = null;

async function getContext(): Promise<Record<string, unknown>> {
  if (!contextPromise) {
    const query = new URLSearchParams();
    const { resource, issueKey, projectKey } = extensionFromFrame();
    query.set('resource', resource);
    if (issueKey) query.set('issueKey', issueKey);
    if (projectKey) query.set('projectKey', projectKey);
    contextPromise = fetch(`/sandbox/bridge/context?${query.toString()}`, { credentials: 'same-origin' }).then(
      async (response) => {
        if (!response.ok) throw new BridgeAPIError(`getContext failed: HTTP ${response.status}`);
        return (await response.json()) as Record<string, unknown>;
      },
    );
  }
  return contextPromise;
}

/** Tells the host page (the sandbox's Jira-like shell) about something the app asked for. */
function toHost(type: string, detail: unknown = null): void {
  window.parent?.postMessage({ source: 'sandbox-bridge', type, detail }, '*');
}

export const view = {
  getContext,
  submit: async (payload?: unknown) => toHost('submit', payload ?? null),
  close: async (payload?: unknown) => toHost('close', payload ?? null),
  onClose: async (_callback: () => Promise<void>) => undefined,
  open: async () => undefined,
  /** Forge reloads the surrounding Jira view; the sandbox shell re-renders the ticket around the frame. */
  refresh: async (payload?: unknown) => toHost('refresh', payload ?? null),
  changeWindowTitle: async (_title: string) => undefined,
  emitReadyEvent: async () => undefined,
  theme: {
    /** Forge applies the user's Jira theme to the frame; the sandbox applies the theme chosen in its shell. */
    enable: async () => {
      const colorMode = frameParams().get('theme') === 'dark' ? 'dark' : 'light';
      // The real design-token stylesheets (the same @atlaskit/tokens themes Jira injects), so every
      // token() in the app resolves to the light or dark value rather than to its light fallback.
      await setGlobalTheme({ colorMode, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography' });
    },
  },
};

export const router = {
  navigate: async (location: string | { target: string; issueKey?: string; projectKey?: string }) =>
    toHost('navigate', location),
  open: async (location: string | { target: string; issueKey?: string; projectKey?: string }) =>
    toHost('open', location),
  reload: async () => window.location.reload(),
  getUrl: async (_location: unknown) => null,
};

export interface FlagOptions {
  id: number | string;
  title?: string;
  description?: string;
  type?: 'info' | 'success' | 'warning' | 'error';
  appearance?: 'info' | 'success' | 'warning' | 'error';
  isAutoDismiss?: boolean;
}

/** Flags appear in the sandbox shell, like Jira shows them outside the app's frame. */
export function showFlag(options: FlagOptions) {
  const { id, title, description, type, appearance } = options;
  toHost('flag', { id, title, description, type: appearance ?? type ?? 'info' });
  return { close: async () => toHost('flag-close', { id }) };
}

type Listener = (payload?: unknown) => unknown;
const listeners = new Map<string, Set<Listener>>();

/** Events between the app's own frames of one page; the sandbox has one frame per module, so in-frame. */
export const events = {
  emit: async (event: string, payload?: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  },
  on: async (event: string, callback: Listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(callback);
    listeners.set(event, set);
    return { unsubscribe: () => set.delete(callback) };
  },
  emitPublic: async (event: string, payload?: unknown) => events.emit(event, payload),
  onPublic: async (event: string, callback: Listener) => events.on(event, callback),
};

/** The apps do not call Jira from the browser (they go through resolvers); fail loudly if one starts to. */
export async function requestJira(): Promise<never> {
  throw new BridgeAPIError('requestJira is not available in the sandbox: call a resolver through invoke()');
}

/**
 * Jira sizes an app's frame to its content with iframe-resizer, whose default measure is the body's
 * offset height plus its margins ("bodyOffset"). The stand-in reports the same figure to the sandbox
 * shell. `documentElement.scrollHeight` would never shrink: it is at least the frame's own height, so
 * the frame would keep its largest height after the content got shorter (e.g. switching tabs).
 */
function contentHeight(): number {
  const body = document.body;
  if (!body) return 0;
  const style = getComputedStyle(body);
  return body.offsetHeight + (parseFloat(style.marginTop) || 0) + (parseFloat(style.marginBottom) || 0);
}
let lastHeight = -1;
function reportHeight(): void {
  const height = Math.ceil(contentHeight());
  if (height === lastHeight) return;
  lastHeight = height;
  toHost('resize', height);
}
function observeBody(): void {
  if (typeof ResizeObserver === 'undefined' || !document.body) return;
  new ResizeObserver(reportHeight).observe(document.body);
  reportHeight();
}
if (typeof document !== 'undefined') {
  if (document.body) observeBody();
  else document.addEventListener('DOMContentLoaded', observeBody);
}
