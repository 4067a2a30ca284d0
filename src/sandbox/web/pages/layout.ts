import { isCatalogueKey, LANGS, type Lang } from '../../../i18n';
import { sandboxMessages, sandboxText, type SandboxMessageKey } from '../../../i18n/catalog/sandbox';
import type { ActivitySnapshot } from '../../runtime/activity';
import type { SandboxRuntime } from '../../runtime/types';
import type { Session } from '../session';
import { html, type Html } from '../html';

export type Translate = (key: SandboxMessageKey, params?: Record<string, string | number>) => string;

export function translate(session: Session): Translate {
  return (key, params) => sandboxText(session.lang, key, params);
}

/** Jira's status names ("Waiting for support") in the page's language; an unknown one as Jira wrote it. */
export function jiraStatusName(name: string, t: Translate): string {
  const key = `jiraStatus.${name}`;
  return isCatalogueKey(sandboxMessages, key) ? t(key) : name;
}

/** How Jira words a link seen from this issue ("is cloned by"), in the page's language. */
export function jiraLinkPhrase(type: string, direction: 'inward' | 'outward', t: Translate): string {
  const key = `link.${type}.${direction}`;
  return isCatalogueKey(sandboxMessages, key) ? t(key) : `${type} (${direction})`;
}

const LOCALES: Readonly<Record<Lang, string>> = { ca: 'ca-ES', es: 'es-ES', en: 'en-GB' };

/** Date and time as the panel shows them: in the service desk's zone (Europe/Madrid), in the page's language. */
export function madridDateTime(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Madrid' }).format(date);
}

export type NavItem = 'queue' | 'raise' | 'portal' | 'settings' | 'registry' | 'status' | null;

export interface PageInput {
  session: Session;
  runtime: SandboxRuntime;
  title: string;
  nav: NavItem;
  /** Where the switch forms come back to. */
  path: string;
  body: Html;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { ca: 'Català', es: 'Español', en: 'English' };

export function liveStatus(snapshot: ActivitySnapshot, t: Translate): Html {
  const running = snapshot.running.map((run) => html`<li>${t('live.running', { key: run.issueKey })}</li>`);
  const queued = snapshot.queued > 0 ? html`<li>${t('live.queued', { count: snapshot.queued })}</li>` : html``;
  const idle = running.length === 0 && snapshot.queued === 0;
  return html`<div id="live-status" data-live data-busy="${idle ? 'false' : 'true'}">
    ${idle ? html`<span class="muted">${t('live.idle')}</span>` : html`<span class="spinner" aria-hidden="true"></span><ul class="inline">${running}${queued}</ul>`}
  </div>`;
}

function userSwitch(input: PageInput, t: Translate): Html {
  const { runtime, session, path } = input;
  const options = runtime.users.map(
    (user) =>
      html`<option value="${user.accountId}" ${user.accountId === session.user?.accountId ? html`selected` : ''}>${
        user.displayName
      } (${t(`role.${user.role}`)})</option>`,
  );
  return html`<form method="post" action="/sandbox/session" class="switch">
    <input type="hidden" name="back" value="${path}">
    ${
      runtime.users.length === 0
        ? html`<span class="muted">${t('user.none')}</span>`
        : html`<label for="user-switch">${t('user.current')}</label>
    <select id="user-switch" name="user" data-autosubmit>${options}</select>`
    }
    <label for="lang-switch" class="visually-hidden">Language / Idioma</label>
    <select id="lang-switch" name="lang" data-autosubmit>${LANGS.map(
      (lang) => html`<option value="${lang}" ${lang === session.lang ? html`selected` : ''}>${LANGUAGE_NAMES[lang] ?? lang}</option>`,
    )}</select>
    <label for="theme-switch" class="visually-hidden">${t('theme.label')}</label>
    <select id="theme-switch" name="theme" data-autosubmit>
      <option value="light" ${session.theme === 'light' ? html`selected` : ''}>${t('theme.light')}</option>
      <option value="dark" ${session.theme === 'dark' ? html`selected` : ''}>${t('theme.dark')}</option>
    </select>
    <button type="submit" class="button subtle">${t('user.switch')}</button>
  </form>`;
}

export function page(input: PageInput): Html {
  const { session, runtime, title, nav, body } = input;
  const t = translate(session);
  const link = (item: Exclude<NavItem, null>, href: string, key: SandboxMessageKey) =>
    html`<li><a href="${href}" ${nav === item ? html`aria-current="page"` : ''}>${t(key)}</a></li>`;
  return html`<!doctype html>
<html lang="${session.lang}" data-color-mode="${session.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('app.title')}</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<link rel="stylesheet" href="/sandbox/assets/sandbox.css">
<script src="/sandbox/assets/shell.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${title}</a>
<header class="topbar">
  <a class="brand" href="/">${t('app.title')}</a>
  <nav aria-label="${t('nav.main')}"><ul>
    ${link('queue', '/', 'nav.queue')}
    ${link('raise', '/raise', 'nav.raise')}
    ${link('portal', '/portal/create', 'nav.portal')}
    ${link('settings', `/projects/${runtime.projectKey}/settings`, 'nav.settings')}
    ${link('registry', `/projects/${runtime.projectKey}/registry`, 'nav.registry')}
    ${link('status', '/sandbox/status', 'nav.status')}
  </ul></nav>
  ${userSwitch(input, t)}
</header>
<div class="banner" role="note">${t('app.banner')}</div>
<section class="live" aria-label="${t('live.region')}" aria-live="polite">${liveStatus(runtime.activity.snapshot(), t)}</section>
<main id="main" data-version="${runtime.activity.snapshot().version}">
${body}
</main>
<div id="flags" class="flags" aria-live="assertive" data-close-label="${t('flag.close')}"></div>
</body>
</html>`;
}
