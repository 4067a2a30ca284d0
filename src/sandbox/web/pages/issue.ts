import type { Lang } from '../../../i18n';
import type { JiraComment, JiraIssue } from '../../../ports/jira';
import { adfToHtml } from '../adf-to-html';
import { html, type Html } from '../html';
import type { Transition } from '../ticket-actions';
import { jiraLinkPhrase, jiraStatusName, madridDateTime, type Translate } from './layout';
import { labelList } from './queue';

export interface IssueView {
  issue: JiraIssue;
  comments: JiraComment[];
  processing: boolean;
  /** The app's panel frame, or why it cannot be shown. */
  panel: { src: string } | { missing: string };
  lang: Lang;
  /** The statuses the current user may move the ticket to. */
  transitions: readonly Transition[];
  /** Agents may write internal notes; customers only reply. */
  mayWriteInternal: boolean;
  /** Whether anyone is acting (no current user: no forms). */
  canAct: boolean;
  /** What the last action did (read from the redirect's query). */
  flash: { kind: 'success' | 'error'; text: string } | null;
}

export type NameOf = (accountId: string) => string;

function comments(view: IssueView, nameOf: NameOf, t: Translate): Html {
  if (view.comments.length === 0) return html`<p class="muted">${t('issue.noComments')}</p>`;
  return html`<ol class="comments">${view.comments.map(
    (comment) => html`<li class="comment" data-comment-id="${comment.id}" data-public="${comment.public ? 'true' : 'false'}">
      <div class="comment-head">
        <strong>${comment.authorAccountId === null ? '—' : nameOf(comment.authorAccountId)}</strong>
        <span class="lozenge" data-color="${comment.public ? 'green' : 'yellow'}">${
          comment.public ? t('issue.commentPublic') : t('issue.commentInternal')
        }</span>
        <time class="muted" datetime="${comment.created ?? ''}">${madridDateTime(comment.created, view.lang)}</time>
      </div>
      <div class="comment-body">${adfToHtml(comment.body)}</div>
    </li>`,
  )}</ol>`;
}

function attachments(issue: JiraIssue, t: Translate): Html {
  if (issue.attachments.length === 0) return html`<p class="muted">${t('issue.noAttachments')}</p>`;
  return html`<ul class="attachments">${issue.attachments.map(
    (a) => html`<li><a href="/sandbox/attachments/${a.id}/${encodeURIComponent(a.filename)}" download="${a.filename}">${
      a.filename
    }</a> <span class="muted">${Math.max(1, Math.round(a.size / 1024))} KB</span></li>`,
  )}</ul>`;
}

function links(issue: JiraIssue, t: Translate): Html {
  if (issue.links.length === 0) return html`<p class="muted">${t('issue.noLinks')}</p>`;
  return html`<ul class="links">${issue.links.map(
    (link) => html`<li data-link-type="${link.type}" data-direction="${link.direction}"><span class="muted">${jiraLinkPhrase(
      link.type,
      link.direction,
      t,
    )}</span> <a href="/browse/${link.key}">${link.key}</a></li>`,
  )}</ul>`;
}

function panel(view: IssueView, t: Translate): Html {
  if ('missing' in view.panel) {
    return html`<p class="notice" data-panel-missing>${t('issue.panelMissing', { reason: view.panel.missing })}</p>`;
  }
  return html`<iframe class="app-frame" id="app-frame-issue-panel" title="${t('issue.panelTitle')}" src="${view.panel.src}"></iframe>`;
}

/** Comment, attach, transition: the correction loop a customer and an agent go through, from the page. */
function actions(view: IssueView, t: Translate): Html {
  if (!view.canAct) return html``;
  const key = view.issue.key;
  const flash = view.flash
    ? html`<p class="notice ${view.flash.kind}" role="${view.flash.kind === 'error' ? 'alert' : 'status'}" data-action-result="${view.flash.kind}">${view.flash.text}</p>`
    : html``;
  const transitions =
    view.transitions.length === 0
      ? html`<p class="muted">${t('actions.noTransitions')}</p>`
      : html`<form method="post" action="/browse/${key}/transition" class="action-form inline-form">
          <label for="action-transition">${t('actions.transition')}</label>
          <select id="action-transition" name="transition">${view.transitions.map(
            (transition) => html`<option value="${transition.id}">${jiraStatusName(transition.to, t)}</option>`,
          )}</select>
          <button class="button subtle" type="submit">${t('actions.transitionSubmit')}</button>
        </form>`;
  return html`<section id="actions" aria-labelledby="h-actions" class="actions"><h2 id="h-actions">${t('actions.title')}</h2>
    ${flash}
    <form method="post" action="/browse/${key}/comment" class="action-form">
      <label for="action-comment">${t('actions.comment')}</label>
      <textarea id="action-comment" name="body" rows="3" maxlength="30000" required></textarea>
      ${
        view.mayWriteInternal
          ? html`<label class="check"><input type="checkbox" name="internal" id="action-internal"> ${t('actions.commentInternal')}</label>`
          : ''
      }
      <button class="button primary" type="submit">${t('actions.commentSubmit')}</button>
    </form>
    <form method="post" action="/browse/${key}/attach" enctype="multipart/form-data" class="action-form inline-form">
      <label for="action-file">${t('actions.attach')}</label>
      <input id="action-file" name="file" type="file" required>
      <button class="button subtle" type="submit">${t('actions.attachSubmit')}</button>
    </form>
    ${transitions}
  </section>`;
}

export function issueBody(view: IssueView, nameOf: NameOf, t: Translate): Html {
  const { issue } = view;
  return html`<div class="issue" data-issue-key="${issue.key}">
  <p class="breadcrumbs"><a href="/">${issue.projectKey}</a> / ${issue.key}</p>
  <h1>${issue.summary}</h1>
  <div class="issue-grid">
    <div class="issue-main">
      <div id="issue-live" data-live>
        ${view.processing ? html`<p class="notice" data-processing><span class="spinner" aria-hidden="true"></span> ${t('issue.processing')}</p>` : ''}
        <section aria-labelledby="h-description"><h2 id="h-description">${t('issue.description')}</h2>
          <div class="description">${adfToHtml(issue.description)}</div></section>
        <section aria-labelledby="h-attachments"><h2 id="h-attachments">${t('issue.attachments')}</h2>${attachments(issue, t)}</section>
        <section aria-labelledby="h-links"><h2 id="h-links">${t('issue.links')}</h2>${links(issue, t)}</section>
      </div>
      <section aria-labelledby="h-apps" class="apps"><h2 id="h-apps">${t('issue.panelTitle')}</h2>${panel(view, t)}</section>
      <section aria-labelledby="h-comments"><h2 id="h-comments">${t('issue.comments')}</h2>
        <div id="issue-comments" data-live>${comments(view, nameOf, t)}</div></section>
      ${actions(view, t)}
    </div>
    <aside class="issue-side" aria-labelledby="h-details">
      <h2 id="h-details">${t('issue.details')}</h2>
      <dl id="issue-details" data-live>
        <dt>${t('issue.status')}</dt><dd><span class="lozenge" data-field="status" data-status="${issue.status}">${jiraStatusName(issue.status, t)}</span></dd>
        <dt>${t('issue.assignee')}</dt><dd data-field="assignee">${issue.assignee?.displayName ?? t('issue.unassigned')}</dd>
        <dt>${t('issue.reporter')}</dt><dd data-field="reporter">${issue.reporter?.displayName ?? ''}</dd>
        <dt>${t('issue.labels')}</dt><dd data-field="labels">${labelList(issue.labels, t)}</dd>
        <dt>${t('issue.created')}</dt><dd><time datetime="${issue.created ?? ''}">${madridDateTime(issue.created, view.lang)}</time></dd>
      </dl>
    </aside>
  </div>
</div>`;
}
