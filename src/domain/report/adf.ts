/**
 * Small builders for Atlassian Document Format, the only body Jira comments accept. They never emit
 * an empty text node (ADF forbids it) and give task lists stable local ids so that the same results
 * produce the same document (a re-run compares equal).
 */
export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
}
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

export const doc = (...content: (AdfNode | null | undefined | false)[]): AdfDoc => ({
  type: 'doc',
  version: 1,
  content: content.filter((n): n is AdfNode => Boolean(n)),
});

/** A text node, or nothing when the text is empty. */
export function text(value: string, marks?: AdfMark[]): AdfNode[] {
  if (value === '') return [];
  return [marks && marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value }];
}
export const strong = (value: string): AdfNode[] => text(value, [{ type: 'strong' }]);
export const code = (value: string): AdfNode[] => text(value, [{ type: 'code' }]);

export function mention(accountId: string, displayName?: string): AdfNode {
  return { type: 'mention', attrs: displayName ? { id: accountId, text: `@${displayName}` } : { id: accountId } };
}

export type Inline = AdfNode | AdfNode[] | string;
function inlines(parts: readonly Inline[]): AdfNode[] {
  return parts.flatMap((p) => (typeof p === 'string' ? text(p) : Array.isArray(p) ? p : [p]));
}

export const paragraph = (...parts: Inline[]): AdfNode => {
  const content = inlines(parts);
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
};

export const heading = (level: 1 | 2 | 3 | 4 | 5 | 6, ...parts: Inline[]): AdfNode => ({
  type: 'heading',
  attrs: { level },
  content: inlines(parts),
});

export function bulletList(items: readonly Inline[][]): AdfNode | null {
  if (items.length === 0) return null;
  return {
    type: 'bulletList',
    content: items.map((parts) => ({ type: 'listItem', content: [paragraph(...parts)] })),
  };
}

export function table(header: readonly string[], rows: readonly Inline[][]): AdfNode {
  const cell = (type: 'tableHeader' | 'tableCell', parts: Inline[]): AdfNode => ({
    type,
    attrs: {},
    content: [paragraph(...parts)],
  });
  return {
    type: 'table',
    attrs: { isNumberColumnEnabled: false, layout: 'default' },
    content: [
      { type: 'tableRow', content: header.map((h) => cell('tableHeader', [strong(h)])) },
      ...rows.map((r) => ({ type: 'tableRow', content: r.map((c) => cell('tableCell', [c])) })),
    ],
  };
}

/** An ADF task list; `idPrefix` keeps local ids unique per document and stable across runs. */
export function taskList(idPrefix: string, items: readonly Inline[][]): AdfNode | null {
  if (items.length === 0) return null;
  return {
    type: 'taskList',
    attrs: { localId: `${idPrefix}-list` },
    content: items.map((parts, i) => {
      const content = inlines(parts);
      const node: AdfNode = { type: 'taskItem', attrs: { localId: `${idPrefix}-${i + 1}`, state: 'TODO' } };
      if (content.length > 0) node.content = content;
      return node;
    }),
  };
}

export const rule = (): AdfNode => ({ type: 'rule' });

const BLOCKS_ENDING_A_LINE = new Set([
  'paragraph',
  'heading',
  'listItem',
  'taskItem',
  'tableRow',
  'codeBlock',
  'blockquote',
  'rule',
  'panel',
]);

/**
 * Plain text of a document, as a person would read it aloud: blocks on their own lines, table cells
 * separated by " | ", mentions as their display text. Used for the JSM description of clone tickets
 * (which takes text) and by `setdiba simulate`.
 */
export function adfToText(node: AdfDoc | AdfNode | null | undefined): string {
  if (!node) return '';
  const out: string[] = [];
  const walk = (n: AdfNode): void => {
    switch (n.type) {
      case 'text':
        out.push(n.text ?? '');
        return;
      case 'hardBreak':
        out.push('\n');
        return;
      case 'mention':
        out.push(String((n.attrs?.['text'] as string | undefined) ?? `@${String(n.attrs?.['id'] ?? '')}`));
        return;
      case 'tableRow':
        (n.content ?? []).forEach((cell, i) => {
          if (i > 0) out.push(' | ');
          out.push(adfToText({ type: 'doc', version: 1, content: cell.content ?? [] }).replace(/\n+/g, ' ').trim());
        });
        out.push('\n');
        return;
      case 'listItem':
        out.push('- ');
        break;
      case 'taskItem':
        out.push(n.attrs?.['state'] === 'DONE' ? '[x] ' : '[ ] ');
        break;
      default:
        break;
    }
    (n.content ?? []).forEach(walk);
    if (BLOCKS_ENDING_A_LINE.has(n.type) && out[out.length - 1] !== '\n') out.push('\n');
  };
  if (node.type === 'doc') (node.content ?? []).forEach(walk);
  else walk(node);
  return out
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A paragraph per line of plain text: descriptions written by people keep their line breaks. */
export function textToAdf(value: string): AdfDoc {
  const lines = value.split(/\r?\n/);
  return doc(...lines.map((line) => paragraph(line)));
}
