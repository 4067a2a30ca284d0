import type { IncomingMessage } from 'node:http';
import { LANGS, toLang, type Lang } from '../../i18n';
import type { SandboxRuntime, SandboxUser } from '../runtime/types';

/**
 * Who is looking at the page. The sandbox is a single-person tool on 127.0.0.1, so the "login" is a
 * cookie naming a demo user; each browser (and each browser test's context) has its own.
 */
export interface Session {
  user: SandboxUser | null;
  lang: Lang;
  theme: 'light' | 'dark';
}

export const USER_COOKIE = 'sandbox-user';
export const LANG_COOKIE = 'sandbox-lang';
export const THEME_COOKIE = 'sandbox-theme';

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      // A malformed cookie is ignored rather than breaking the page.
    }
  }
  return cookies;
}

/** The default user is the first agent: the sandbox opens on the agent's queue, like a support desk. */
export function sessionFor(request: IncomingMessage, runtime: SandboxRuntime): Session {
  const cookies = parseCookies(request.headers.cookie);
  const user =
    runtime.users.find((u) => u.accountId === cookies[USER_COOKIE]) ??
    runtime.users.find((u) => u.role === 'agent') ??
    runtime.users[0] ??
    null;
  const chosen = cookies[LANG_COOKIE];
  const lang = chosen && (LANGS as readonly string[]).includes(chosen) ? toLang(chosen) : toLang(user?.locale);
  const theme = cookies[THEME_COOKIE] === 'dark' ? 'dark' : 'light';
  return { user, lang, theme };
}

export function setCookie(name: string, value: string): string {
  // SameSite=Strict: only the sandbox's own pages send it; HttpOnly: no page script needs to read it.
  return `${name}=${encodeURIComponent(value)}; Path=/; SameSite=Strict; HttpOnly`;
}
