import { z } from 'zod';
import { CHECK_PROPERTY, checkSummarySchema } from '../../../contracts/portal';
import type { JiraComment, JiraIssue } from '../../../ports/jira';
import type { Lang } from '../../../i18n';
import { adfToHtml } from '../adf-to-html';
import { html, type Html } from '../html';
import { jiraStatusName, madridDateTime, type Translate } from './layout';

type Frame = { src: string } | { missing: string };

/**
 * The customer portal's request page: what the requester sees (summary, status, public comments) and
 * the app's portalRequestDetail panel under it. When Jira does not show the request to the current
 * user the panel is still framed, so the app's own refusal can be seen.
 */
export function portalRequestBody(
  view: { key: string; issue: JiraIssue | null; comments: JiraComment[]; userName: string; lang: Lang; frame: Frame; agent: boolean },
  t: Translate,
): Html {
  const { issue } = view;
  const head = issue
    ? html`<h1>${issue.summary}</h1>
      <p><span class="lozenge" data-field="status">${jiraStatusName(issue.status, t)}</span> ${
        view.agent ? html`<a href="/browse/${issue.key}">${t('portal.agentView')}</a>` : ''
      }</p>
      <section aria-labelledby="h-portal-description"><h2 id="h-portal-description">${t('issue.description')}</h2>
        <div class="description">${adfToHtml(issue.description)}</div></section>`
    : html`<h1>${t('portal.requestTitle', { key: view.key })}</h1>
      <p class="notice" data-portal-not-visible>${t('portal.notVisible', { user: view.userName })}</p>`;
  const panel =
    'missing' in view.frame
      ? html`<p class="notice" data-panel-missing>${t('portal.panelMissing', { reason: view.frame.missing })}</p>`
      : html`<iframe class="app-frame" id="app-frame-portal-request" title="${t('portal.panelTitle')}" src="${view.frame.src}"></iframe>`;
  const comments = view.comments
    .filter((comment) => comment.public)
    .map(
      (comment) => html`<li class="comment" data-comment-id="${comment.id}">
        <time class="muted" datetime="${comment.created ?? ''}">${madridDateTime(comment.created, view.lang)}</time>
        <div class="comment-body">${adfToHtml(comment.body)}</div></li>`,
    );
  return html`<div class="portal" data-portal-request="${view.key}">
  <p class="breadcrumbs"><a href="/portal/create">${t('nav.portal')}</a> / ${view.key}</p>
  ${head}
  <section aria-labelledby="h-portal-panel" class="apps"><h2 id="h-portal-panel">${t('portal.panelTitle')}</h2>${panel}</section>
  ${issue ? html`<section aria-labelledby="h-portal-comments"><h2 id="h-portal-comments">${t('issue.comments')}</h2><ol class="comments">${comments}</ol></section>` : ''}
</div>`;
}

/** The portal's create screen: the request form and, inside it, the app's checker (a create property panel). */
export function portalCreateBody(view: { frame: Frame; canRaise: boolean; notCustomer: string; message: Html | null }, t: Translate): Html {
  const checker =
    'missing' in view.frame
      ? html`<p class="notice" data-checker-missing>${t('portal.checkerMissing', { reason: view.frame.missing })}</p>`
      : html`<iframe class="app-frame" id="app-frame-portal-check" title="${t('portal.checkerTitle')}" src="${view.frame.src}"></iframe>`;
  return html`<h1>${t('portal.createTitle')}</h1>
  ${view.message ?? ''}
  <p>${t('portal.createIntro')}</p>
  ${view.canRaise ? '' : html`<p class="notice" data-not-customer>${view.notCustomer}</p>`}
  <form class="raise" method="post" action="/portal/create" enctype="multipart/form-data">
    <div class="field"><label for="portal-summary">${t('raise.summary')}</label>
      <input id="portal-summary" name="summary" type="text" maxlength="255" required></div>
    <div class="field"><label for="portal-description">${t('raise.description')}</label>
      <textarea id="portal-description" name="description" rows="3"></textarea></div>
    <div class="field"><label for="portal-file">${t('raise.upload')}</label>
      <input id="portal-file" name="file" type="file" accept=".xlsx,.xlsm,.xls,.ods,.csv"></div>
    <section aria-labelledby="h-portal-checker" class="apps"><h2 id="h-portal-checker">${t('portal.checkerTitle')}</h2>${checker}</section>
    <input type="hidden" name="properties" value="" data-portal-properties>
    <button class="button primary" type="submit" ${view.canRaise ? '' : html`disabled`}>${t('portal.submit')}</button>
  </form>`;
}

/**
 * What a create property panel submitted (`{ fields: [{ key, value }], isValid }`), as the issue
 * properties Jira saves with the request; only the checker's own property, checked, is kept.
 */
export function portalProperties(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  const submitted = z.object({ fields: z.array(z.object({ key: z.string(), value: z.unknown() })) }).safeParse(parsed);
  if (!submitted.success) return {};
  const properties: Record<string, unknown> = {};
  for (const field of submitted.data.fields) {
    if (field.key !== CHECK_PROPERTY) continue;
    const summary = checkSummarySchema.safeParse(field.value);
    if (summary.success) properties[CHECK_PROPERTY] = summary.data;
  }
  return properties;
}
