/**
 * The JQL subset the app needs, parsed into a predicate over site issues:
 * `project`, `key`/`issuekey`, `labels`, `status`, `issuetype`, `assignee`, `reporter` and
 * `issue.property[key].path`, with `=`, `!=`, `in`, `not in`, `is [not] EMPTY`, joined by AND / OR /
 * NOT and parentheses, and `ORDER BY key|created|updated|summary [ASC|DESC]`. Anything else is a
 * JqlError: the emulator would rather refuse than guess what Jira does. A property path that holds an
 * array matches when any element does (Jira indexes each element of an array path). With
 * `site.propertyIndex` set, only the indexed property paths are searchable, as in Jira.
 */
import type { SiteIssue, SiteUser } from './model';
import type { Site } from './site';

export class JqlError extends Error {
  constructor(
    message: string,
    /** True when the JQL may be valid for Jira but the emulator does not implement it. */
    readonly unsupported = false,
  ) {
    super(message);
    this.name = 'JqlError';
  }
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'property'; key: string; path: string[] }
  | { kind: 'op'; text: '=' | '!=' | '>' | '<' | '>=' | '<=' | '~' | '!~' }
  | { kind: 'punct'; text: '(' | ')' | ',' };

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let rest = jql;
  while (true) {
    rest = rest.replace(/^\s+/, '');
    if (rest === '') return tokens;
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^issue\.property\[([^\]]+)\]((?:\.[A-Za-z0-9_-]+)*)/i))) {
      tokens.push({ kind: 'property', key: (m[1] ?? '').trim(), path: (m[2] ?? '').split('.').filter((p) => p !== '') });
    } else if ((m = rest.match(/^"((?:[^"\\]|\\.)*)"/)) || (m = rest.match(/^'((?:[^'\\]|\\.)*)'/))) {
      tokens.push({ kind: 'string', text: (m[1] ?? '').replace(/\\(.)/g, '$1') });
    } else if ((m = rest.match(/^(!=|>=|<=|!~|=|>|<|~)/))) {
      tokens.push({ kind: 'op', text: m[1] as '=' });
    } else if ((m = rest.match(/^[(),]/))) {
      tokens.push({ kind: 'punct', text: m[0] as '(' });
    } else if ((m = rest.match(/^[^\s()=,!<>~"']+/))) {
      tokens.push({ kind: 'word', text: m[0] });
    } else {
      throw new JqlError(`Error in the JQL Query: the character '${rest[0] ?? ''}' is a reserved JQL character.`);
    }
    rest = rest.slice(m[0].length);
  }
}

type Predicate = (issue: SiteIssue) => boolean;
export interface OrderBy {
  field: 'key' | 'created' | 'updated' | 'summary';
  direction: 'ASC' | 'DESC';
}
export interface ParsedJql {
  /** Null when the query has no restriction (Jira refuses such unbounded searches). */
  where: Predicate | null;
  orderBy: OrderBy[];
}

const FIELDS = new Set(['project', 'key', 'issuekey', 'id', 'labels', 'status', 'issuetype', 'type', 'assignee', 'reporter']);

export function parseJql(jql: string, site: Site, caller: SiteUser): ParsedJql {
  const tokens = tokenize(jql);
  let pos = 0;
  const peekWord = (offset = 0): string | null => {
    const t = tokens[pos + offset];
    return t?.kind === 'word' ? t.text.toUpperCase() : null;
  };
  const expectPunct = (text: string) => {
    const t = tokens[pos];
    if (t?.kind !== 'punct' || t.text !== text) throw new JqlError(`Error in the JQL Query: expected '${text}' at position ${pos + 1}.`);
    pos += 1;
  };

  const value = (): string | null => {
    const t = tokens[pos];
    if (!t || (t.kind !== 'word' && t.kind !== 'string')) throw new JqlError('Error in the JQL Query: expecting a value.');
    pos += 1;
    if (t.kind === 'word' && /^(EMPTY|NULL)$/i.test(t.text)) return null;
    if (t.kind === 'word' && /^currentUser$/i.test(t.text)) {
      expectPunct('(');
      expectPunct(')');
      return caller.accountId;
    }
    if (t.kind === 'word' && tokens[pos]?.kind === 'punct' && (tokens[pos] as { text: string }).text === '(') {
      throw new JqlError(`The emulator does not support the JQL function ${t.text}().`, true);
    }
    return t.text;
  };
  const valueList = (): (string | null)[] => {
    expectPunct('(');
    const values = [value()];
    while (tokens[pos]?.kind === 'punct' && (tokens[pos] as { text: string }).text === ',') {
      pos += 1;
      values.push(value());
    }
    expectPunct(')');
    return values;
  };

  const clause = (): Predicate => {
    const t = tokens[pos];
    let read: (issue: SiteIssue) => string[];
    let fieldName: string;
    if (t?.kind === 'property') {
      fieldName = `issue.property[${t.key}]`;
      const indexed = site.propertyIndex;
      if (indexed && !indexed.get(t.key)?.has(t.path.join('.'))) {
        // Jira's answer for a property path no jira:entityProperty module indexes.
        throw new JqlError(`Field '${fieldName}${t.path.map((p) => `.${p}`).join('')}' does not exist or you do not have permission to view it.`);
      }
      read = (issue) => {
        let v: unknown = issue.properties.get(t.key);
        for (const part of t.path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[part] : undefined;
        if (v === undefined || v === null) return [];
        return Array.isArray(v) ? v.map(String) : [typeof v === 'object' ? JSON.stringify(v) : String(v)];
      };
    } else if (t && (t.kind === 'word' || t.kind === 'string')) {
      fieldName = t.text.toLowerCase();
      if (!FIELDS.has(fieldName)) throw new JqlError(`The emulator does not support the JQL field '${t.text}'.`, true);
      read = (issue) => fieldValues(site, issue, fieldName);
    } else {
      throw new JqlError('Error in the JQL Query: expecting a field name.');
    }
    pos += 1;
    const op = tokens[pos];
    let negate = false;
    let values: (string | null)[];
    if (op?.kind === 'op' && (op.text === '=' || op.text === '!=')) {
      pos += 1;
      negate = op.text === '!=';
      values = [value()];
    } else if (peekWord() === 'IN' || (peekWord() === 'NOT' && peekWord(1) === 'IN')) {
      negate = peekWord() === 'NOT';
      pos += negate ? 2 : 1;
      values = valueList();
    } else if (peekWord() === 'IS') {
      pos += 1;
      if (peekWord() === 'NOT') {
        negate = true;
        pos += 1;
      }
      const v = value();
      if (v !== null) throw new JqlError(`Error in the JQL Query: 'is' only takes EMPTY or NULL.`);
      values = [null];
    } else if (op?.kind === 'op') {
      throw new JqlError(`The emulator does not support the operator '${op.text}' on '${fieldName}'.`, true);
    } else {
      throw new JqlError(`Error in the JQL Query: expecting an operator after '${fieldName}'.`);
    }
    const caseless = fieldName !== 'labels' && !fieldName.startsWith('issue.property');
    const norm = (s: string) => (caseless ? s.toLowerCase() : s);
    return (issue) => {
      const actual = read(issue).map(norm);
      const hit = values.some((v) => (v === null ? actual.length === 0 : actual.includes(norm(v))));
      return negate ? !hit : hit;
    };
  };

  const primary = (): Predicate => {
    const t = tokens[pos];
    if (t?.kind === 'punct' && t.text === '(') {
      pos += 1;
      const inner = or();
      expectPunct(')');
      return inner;
    }
    return clause();
  };
  const not = (): Predicate => {
    if (peekWord() === 'NOT' && peekWord(1) !== 'IN') {
      pos += 1;
      const inner = not();
      return (issue) => !inner(issue);
    }
    return primary();
  };
  const and = (): Predicate => {
    const parts = [not()];
    while (peekWord() === 'AND') {
      pos += 1;
      parts.push(not());
    }
    return (issue) => parts.every((p) => p(issue));
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (peekWord() === 'OR') {
      pos += 1;
      parts.push(and());
    }
    return (issue) => parts.some((p) => p(issue));
  };

  const where = pos < tokens.length && !(peekWord() === 'ORDER' && peekWord(1) === 'BY') ? or() : null;
  const orderBy: OrderBy[] = [];
  if (peekWord() === 'ORDER' && peekWord(1) === 'BY') {
    pos += 2;
    do {
      if (orderBy.length > 0) pos += 1; // the comma
      const field = peekWord()?.toLowerCase();
      if (field !== 'key' && field !== 'created' && field !== 'updated' && field !== 'summary') {
        throw new JqlError(`The emulator does not support ORDER BY ${field ?? '(nothing)'}.`, true);
      }
      pos += 1;
      const direction = peekWord() === 'ASC' || peekWord() === 'DESC' ? (peekWord() as 'ASC' | 'DESC') : field === 'summary' ? 'ASC' : 'DESC';
      if (peekWord() === 'ASC' || peekWord() === 'DESC') pos += 1;
      orderBy.push({ field, direction });
    } while (tokens[pos]?.kind === 'punct' && (tokens[pos] as { text: string }).text === ',');
  }
  if (pos < tokens.length) throw new JqlError(`Error in the JQL Query: unexpected '${JSON.stringify(tokens[pos])}' at position ${pos + 1}.`);
  return { where, orderBy };
}

function fieldValues(site: Site, issue: SiteIssue, field: string): string[] {
  const project = site.projectById(issue.projectId);
  switch (field) {
    case 'project':
      return [project.key, project.id, project.name];
    case 'key':
    case 'issuekey':
    case 'id':
      return [issue.key, issue.id];
    case 'labels':
      return issue.labels;
    case 'status': {
      const status = site.status(project, issue.statusId);
      return [status.name, status.id];
    }
    case 'issuetype':
    case 'type': {
      const type = project.issueTypes.find((t) => t.id === issue.issueTypeId);
      return type ? [type.name, type.id] : [];
    }
    case 'assignee':
      return issue.assigneeAccountId ? [issue.assigneeAccountId] : [];
    case 'reporter':
      return issue.reporterAccountId ? [issue.reporterAccountId] : [];
    default:
      return [];
  }
}

function issueNumber(key: string): number {
  return Number(key.split('-').pop() ?? 0);
}

/** Sorts in place; without ORDER BY the emulator returns the newest issues first, like key DESC. */
export function sortIssues(issues: SiteIssue[], orderBy: OrderBy[]): SiteIssue[] {
  const order: OrderBy[] = orderBy.length > 0 ? orderBy : [{ field: 'key', direction: 'DESC' }];
  const compare = (a: SiteIssue, b: SiteIssue, o: OrderBy): number => {
    switch (o.field) {
      case 'key':
        return a.key.split('-')[0]!.localeCompare(b.key.split('-')[0]!) || issueNumber(a.key) - issueNumber(b.key);
      case 'created':
        return a.created.getTime() - b.created.getTime() || Number(a.id) - Number(b.id);
      case 'updated':
        return a.updated.getTime() - b.updated.getTime() || Number(a.id) - Number(b.id);
      case 'summary':
        return a.summary.localeCompare(b.summary);
    }
  };
  return issues.sort((a, b) => {
    for (const o of order) {
      const c = compare(a, b, o);
      if (c !== 0) return o.direction === 'ASC' ? c : -c;
    }
    return 0;
  });
}
