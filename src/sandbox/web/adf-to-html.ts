import type { AdfDoc, AdfNode } from '../../ports/jira';
import { html, trustedHtml, type Html } from './html';

/**
 * Renders Atlassian Document Format to HTML for the sandbox's ticket view.
 *
 * Why hand-written: Atlassian's own renderer (`@atlaskit/renderer`) is a React + ProseMirror stack of
 * tens of megabytes, and no small maintained ADF→HTML package exists on npm. The sandbox only has to
 * show what the app and the emulator write (paragraphs, headings, lists, tables, task lists, panels,
 * code, links, mentions, status lozenges), and anything else is shown as a visible "unsupported node"
 * box so a new node type the app starts writing cannot go unnoticed.
 * Every text goes through `html`, which escapes it: comment bodies are untrusted.
 */
export function adfToHtml(doc: AdfDoc | AdfNode | null | undefined): Html {
  if (!doc) return html``;
  return node(doc);
}

function children(n: AdfNode): Html[] {
  return (n.content ?? []).map(node);
}

function attr(n: AdfNode, name: string): unknown {
  return n.attrs ? n.attrs[name] : undefined;
}

function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  // Only web and mail links: a javascript: URL in a comment must not run in the sandbox page.
  return /^(https?:|mailto:|\/)/i.test(href) ? href : null;
}

function text(n: AdfNode): Html {
  let out: Html = html`${n.text ?? ''}`;
  for (const mark of n.marks ?? []) {
    switch (mark.type) {
      case 'strong':
        out = html`<strong>${out}</strong>`;
        break;
      case 'em':
        out = html`<em>${out}</em>`;
        break;
      case 'code':
        out = html`<code>${out}</code>`;
        break;
      case 'strike':
        out = html`<s>${out}</s>`;
        break;
      case 'underline':
        out = html`<u>${out}</u>`;
        break;
      case 'link': {
        const href = safeHref(mark.attrs?.['href']);
        out = href ? html`<a href="${href}" rel="noopener noreferrer">${out}</a>` : out;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function cellAttrs(n: AdfNode): Html {
  const colspan = attr(n, 'colspan');
  const rowspan = attr(n, 'rowspan');
  return trustedHtml(
    (typeof colspan === 'number' && colspan > 1 ? ` colspan="${colspan}"` : '') +
      (typeof rowspan === 'number' && rowspan > 1 ? ` rowspan="${rowspan}"` : ''),
  );
}

function node(n: AdfNode): Html {
  switch (n.type) {
    case 'doc':
      return html`<div class="adf">${children(n)}</div>`;
    case 'paragraph':
      return html`<p>${children(n)}</p>`;
    case 'text':
      return text(n);
    case 'hardBreak':
      return html`<br>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(attr(n, 'level') ?? 3)));
      // Headings inside a comment sit below the page's own h1/h2, so they are shifted down for a sane outline.
      const tag = `h${Math.min(6, level + 2)}`;
      return html`${trustedHtml(`<${tag}>`)}${children(n)}${trustedHtml(`</${tag}>`)}`;
    }
    case 'bulletList':
      return html`<ul>${children(n)}</ul>`;
    case 'orderedList':
      return html`<ol>${children(n)}</ol>`;
    case 'listItem':
      return html`<li>${children(n)}</li>`;
    case 'taskList':
      return html`<ul class="adf-tasks">${children(n)}</ul>`;
    case 'taskItem': {
      const done = attr(n, 'state') === 'DONE';
      return html`<li class="adf-task" data-state="${done ? 'DONE' : 'TODO'}"><input type="checkbox" disabled ${
        done ? trustedHtml('checked') : ''
      } aria-label="${done ? 'done' : 'to do'}"> <span>${children(n)}</span></li>`;
    }
    case 'decisionList':
      return html`<ul class="adf-decisions">${children(n)}</ul>`;
    case 'decisionItem':
      return html`<li>${children(n)}</li>`;
    case 'table':
      return html`<div class="adf-table-wrap"><table class="adf-table"><tbody>${children(n)}</tbody></table></div>`;
    case 'tableRow':
      return html`<tr>${children(n)}</tr>`;
    case 'tableHeader':
      return html`<th scope="col"${cellAttrs(n)}>${children(n)}</th>`;
    case 'tableCell':
      return html`<td${cellAttrs(n)}>${children(n)}</td>`;
    case 'panel':
      return html`<div class="adf-panel" data-panel-type="${String(attr(n, 'panelType') ?? 'info')}">${children(n)}</div>`;
    case 'blockquote':
      return html`<blockquote>${children(n)}</blockquote>`;
    case 'codeBlock':
      return html`<pre><code>${children(n)}</code></pre>`;
    case 'rule':
      return html`<hr>`;
    case 'mention':
      return html`<span class="adf-mention">@${String(attr(n, 'text') ?? attr(n, 'id') ?? '').replace(/^@/, '')}</span>`;
    case 'emoji':
      return html`${String(attr(n, 'text') ?? attr(n, 'shortName') ?? '')}`;
    case 'status':
      return html`<span class="lozenge" data-color="${String(attr(n, 'color') ?? 'neutral')}">${String(attr(n, 'text') ?? '')}</span>`;
    case 'date': {
      const ts = Number(attr(n, 'timestamp'));
      return html`<time>${Number.isFinite(ts) ? new Date(ts).toISOString().slice(0, 10) : ''}</time>`;
    }
    case 'inlineCard':
    case 'blockCard': {
      const href = safeHref(attr(n, 'url'));
      return href ? html`<a href="${href}" rel="noopener noreferrer">${href}</a>` : html``;
    }
    case 'expand':
    case 'nestedExpand':
      return html`<details><summary>${String(attr(n, 'title') ?? '')}</summary>${children(n)}</details>`;
    case 'mediaGroup':
    case 'mediaSingle':
    case 'media':
      return html`<span class="adf-unsupported">[media]</span>`;
    default:
      return html`<span class="adf-unsupported" title="unsupported ADF node">[${n.type}]${children(n)}</span>`;
  }
}

/** Plain text of an ADF document (previews in the queue). */
export function adfToText(doc: AdfDoc | AdfNode | null | undefined): string {
  if (!doc) return '';
  if (doc.type === 'text') return (doc as AdfNode).text ?? '';
  const inner = (doc.content ?? []).map(adfToText);
  const block = ['paragraph', 'heading', 'listItem', 'taskItem', 'tableRow'].includes(doc.type);
  return inner.join(doc.type === 'tableRow' ? ' | ' : '') + (block ? '\n' : '');
}
