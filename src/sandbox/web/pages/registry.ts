import { html, type Html } from '../html';
import type { Translate } from './layout';

/** Jira's project page with the app's registry page (its Custom UI) in a frame. */
export function registryBody(projectKey: string, frame: { src: string } | { missing: string }, t: Translate): Html {
  return html`<p class="breadcrumbs"><a href="/">${projectKey}</a> / ${t('nav.registry')}</p>
  <h1>${t('registry.title', { project: projectKey })}</h1>
  ${
    'missing' in frame
      ? html`<p class="notice" data-registry-missing>${t('registry.missing', { reason: frame.missing })}</p>`
      : html`<iframe class="app-frame app-frame-page" id="app-frame-project-page" title="${t('registry.title', {
          project: projectKey,
        })}" src="${frame.src}"></iframe>`
  }`;
}
