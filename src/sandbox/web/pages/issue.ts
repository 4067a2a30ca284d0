import type { JiraComment, JiraIssue } from '../../../ports/jira';
import { adfToHtml } from '../adf-to-html';
import { html, type Html } from '../html';
import type { Translate } from './layout';
import { labelList } from './queue';

export interface IssueView {
  issue: JiraIssue;
  comments: JiraComment[];
  processing: boolean;
  /** The app's panel frame, or why it cannot be shown. */
  panel: { src: string } | { missing: string };
}

export type NameOf = (accountId: string) => string;

/** How Jira words a link seen from this issue, for the link types the app uses. */
const LINK_PHRASES: Readonly<Record<string, { outward: string; inward: string }>> = {
  Cloners: { outward: 'clones', inward: 'is cloned by' },
};

function formatDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').slice(0, 16);
}

function comments(view: IssueView, nameOf: NameOf, t: Translate): Html {
  if (view.comments.length === 0) return html`<p class="muted">${t('issue.noComments')}</p>`;
  return html`<ol class="comments">${view.comments.map(
    (comment) => html`<li class="comment" data-comment-id="${comment.id}" data-public="${comment.public ? 'true' : 'false'}">
      <div class="comment-head">
        <strong>${comment.authorAccountId === null ? '—' : nameOf(comment.authorAccountId)}</strong>
        <span class="lozenge" data-color="${comment.public ? 'green' : 'yellow'}">${
          comment.public ? t('issue.commentPublic') : t('issue.commentInternal')
        }</span>
        <time class="muted">${formatDate(comment.created)}</time>
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
    (link) => html`<li data-link-type="${link.type}" data-direction="${link.direction}"><span class="muted">${
      LINK_PHRASES[link.type]?.[link.direction] ?? `${link.type} (${link.direction})`
    }</span> <a href="/browse/${link.key}">${link.key}</a></li>`,
  )}</ul>`;
}

function panel(view: IssueView, t: Translate): Html {
  if ('missing' in view.panel) {
    return html`<p class="notice" data-panel-missing>${t('issue.panelMissing', { reason: view.panel.missing })}</p>`;
  }
  return html`<iframe class="app-frame" id="app-frame-issue-panel" title="${t('issue.panelTitle')}" src="${view.panel.src}"></iframe>`;
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
    </div>
    <aside class="issue-side" aria-labelledby="h-details">
      <h2 id="h-details">${t('issue.details')}</h2>
      <dl id="issue-details" data-live>
        <dt>${t('issue.status')}</dt><dd><span class="lozenge" data-field="status">${issue.status}</span></dd>
        <dt>${t('issue.assignee')}</dt><dd data-field="assignee">${issue.assignee?.displayName ?? t('issue.unassigned')}</dd>
        <dt>${t('issue.reporter')}</dt><dd data-field="reporter">${issue.reporter?.displayName ?? ''}</dd>
        <dt>${t('issue.labels')}</dt><dd data-field="labels">${labelList(issue.labels, t)}</dd>
        <dt>${t('issue.created')}</dt><dd>${formatDate(issue.created)}</dd>
      </dl>
    </aside>
  </div>
</div>`;
}
