import { html, type Html } from '../html';
import type { Translate } from './layout';

/** Jira's project settings page with the app's settings page (its Custom UI) in a frame. */
export function settingsBody(projectKey: string, frame: { src: string } | { missing: string }, t: Translate): Html {
  return html`<p class="breadcrumbs"><a href="/">${projectKey}</a> / ${t('nav.settings')}</p>
  <h1>${t('settings.title', { project: projectKey })}</h1>
  ${
    'missing' in frame
      ? html`<p class="notice" data-settings-missing>${t('settings.missing', { reason: frame.missing })}</p>`
      : html`<iframe class="app-frame app-frame-page" id="app-frame-project-settings" title="${t(
          'settings.title',
          { project: projectKey },
        )}" src="${frame.src}"></iframe>`
  }`;
}
