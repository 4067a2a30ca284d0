/**
 * The sandbox page's own script (bundled for the browser by the sandbox at start-up):
 * - live updates: polls /sandbox/state and, when something changed, re-renders the page's `data-live`
 *   regions in place (the app's frames are left alone, as Jira leaves an issue panel alone);
 * - messages from the bridge stand-in in the app frames: resize, flags, refresh, navigation;
 * - the user/language/theme switches submit as soon as they change.
 *
 * The repo's tsconfig has no DOM library (it is a Node project), so the handful of browser APIs used
 * here are declared locally instead of widening the types of the whole project.
 */

interface El {
  id: string;
  innerHTML: string;
  textContent: string | null;
  className: string;
  hidden: boolean;
  readonly style: { height: string };
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  closest(selector: string): El | null;
  appendChild(child: El): El;
  remove(): void;
  addEventListener(type: string, listener: (event: { target: El | null }) => void): void;
  submit?(): void;
  contentWindow?: unknown;
}
interface Doc {
  readonly hidden: boolean;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  createElement(tag: string): El;
  addEventListener(type: string, listener: () => void): void;
}
interface MessageFromFrame {
  data: unknown;
  source: unknown;
}
declare const document: Doc;
declare const window: {
  location: { href: string; assign(url: string): void };
  addEventListener(type: 'message', listener: (event: MessageFromFrame) => void): void;
};
declare const DOMParser: new () => { parseFromString(text: string, type: 'text/html'): Doc };

// A module, so the declarations above stay local (and never clash with a DOM library elsewhere).
export {};

const POLL_MS = 1000;

function currentVersion(): string | null {
  return document.querySelector('main')?.getAttribute('data-version') ?? null;
}

let refreshing = false;

async function refreshLiveRegions(): Promise<void> {
  if (refreshing) return;
  refreshing = true;
  try {
    const response = await fetch(window.location.href, { credentials: 'same-origin' });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    const regions = document.querySelectorAll('[data-live][id]');
    for (let i = 0; i < regions.length; i += 1) {
      const region = regions[i];
      if (!region) continue;
      const replacement = fresh.querySelector(`[id="${region.id}"]`);
      if (replacement && replacement.innerHTML !== region.innerHTML) {
        region.innerHTML = replacement.innerHTML;
        const busy = replacement.getAttribute('data-busy');
        if (busy !== null) region.setAttribute('data-busy', busy);
      }
    }
    const version = fresh.querySelector('main')?.getAttribute('data-version');
    if (version) document.querySelector('main')?.setAttribute('data-version', version);
  } finally {
    refreshing = false;
  }
}

async function poll(): Promise<void> {
  try {
    if (!document.hidden) {
      const response = await fetch('/sandbox/state', { credentials: 'same-origin' });
      if (response.ok) {
        const state = (await response.json()) as { version: number };
        if (String(state.version) !== currentVersion()) await refreshLiveRegions();
      }
    }
  } catch {
    // The sandbox was stopped or restarted: keep trying quietly, the page recovers when it is back.
  }
  setTimeout(() => void poll(), POLL_MS);
}

function frameOf(source: unknown): El | null {
  const frames = document.querySelectorAll('iframe.app-frame');
  for (let i = 0; i < frames.length; i += 1) {
    const frame = frames[i];
    if (frame && frame.contentWindow === source) return frame;
  }
  return null;
}

function showFlag(detail: { id?: unknown; title?: unknown; description?: unknown; type?: unknown }): void {
  const flags = document.querySelector('#flags');
  if (!flags) return;
  const flag = document.createElement('div');
  flag.className = `flag flag-${typeof detail.type === 'string' ? detail.type : 'info'}`;
  flag.setAttribute('role', detail.type === 'error' ? 'alert' : 'status');
  flag.setAttribute('data-flag-id', String(detail.id ?? ''));
  const title = document.createElement('strong');
  title.textContent = typeof detail.title === 'string' ? detail.title : '';
  const description = document.createElement('p');
  description.textContent = typeof detail.description === 'string' ? detail.description : '';
  const close = document.createElement('button');
  close.className = 'button subtle';
  close.textContent = flags.getAttribute('data-close-label') ?? '×';
  close.addEventListener('click', () => flag.remove());
  flag.appendChild(title);
  flag.appendChild(description);
  flag.appendChild(close);
  flags.appendChild(flag);
  setTimeout(() => flag.remove(), 8000);
}

function onFrameMessage(event: MessageFromFrame): void {
  const message = event.data as { source?: unknown; type?: unknown; detail?: unknown } | null;
  if (!message || message.source !== 'sandbox-bridge') return;
  const frame = frameOf(event.source);
  switch (message.type) {
    case 'resize':
      if (frame && typeof message.detail === 'number' && message.detail > 0) {
        frame.style.height = `${Math.min(Math.ceil(message.detail), 5000)}px`;
      }
      break;
    case 'flag':
      showFlag((message.detail ?? {}) as Record<string, unknown>);
      break;
    case 'flag-close': {
      const id = (message.detail as { id?: unknown } | null)?.id;
      document.querySelector(`[data-flag-id="${String(id)}"]`)?.remove();
      break;
    }
    case 'refresh':
      void refreshLiveRegions();
      break;
    case 'submit': {
      // A portal create property panel's view.submit: kept in the form, saved with the request.
      const field = document.querySelector('input[data-portal-properties]');
      field?.setAttribute('value', JSON.stringify(message.detail ?? null).slice(0, 32_000));
      break;
    }
    case 'navigate':
    case 'open': {
      const target = message.detail as { target?: unknown; issueKey?: unknown } | string | null;
      if (typeof target === 'string' && target.startsWith('/')) window.location.assign(target);
      else if (target && typeof target === 'object' && target.target === 'issue' && typeof target.issueKey === 'string') {
        window.location.assign(`/browse/${encodeURIComponent(target.issueKey)}`);
      }
      break;
    }
    default:
      break;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const selects = document.querySelectorAll('select[data-autosubmit]');
  for (let i = 0; i < selects.length; i += 1) {
    const select = selects[i];
    select?.addEventListener('change', () => select.closest('form')?.submit?.());
  }
  const switchButton = document.querySelector('form.switch button[type=submit]');
  if (switchButton) switchButton.hidden = true;
  window.addEventListener('message', onFrameMessage);
  setTimeout(() => void poll(), POLL_MS);
});
