/**
 * Is this a SetDIBA ticket? Any one rule is enough: a JSM organization, the reporter's e-mail domain,
 * a request type, or the label an agent adds by hand. Anything else is left alone (no write at all).
 */
import type { PipelineSettings, TicketFacts } from './types';

export type RecognitionRule = 'organization' | 'reporter-domain' | 'request-type' | 'label';

export interface Recognition {
  recognised: boolean;
  /** The first rule that matched, for logs and the issue panel. */
  rule: RecognitionRule | null;
}

type RecognitionFacts = Pick<TicketFacts, 'labels' | 'organizations' | 'requestTypeId' | 'reporter'>;

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/** `ajuntament@diba.cat` and `x@sub.diba.cat` are both within `diba.cat`. */
function emailInDomain(email: string, domain: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const host = fold(email.slice(at + 1));
  const wanted = fold(domain).replace(/^@/, '');
  return wanted !== '' && (host === wanted || host.endsWith(`.${wanted}`));
}

export function recognise(facts: RecognitionFacts, rules: PipelineSettings['recognition']): Recognition {
  const organizations = new Set(rules.organizations.map(fold));
  if (facts.organizations.some((org) => organizations.has(fold(org.name)))) {
    return { recognised: true, rule: 'organization' };
  }
  const email = facts.reporter?.emailAddress ?? null;
  if (email && rules.reporterDomains.some((domain) => emailInDomain(email, domain))) {
    return { recognised: true, rule: 'reporter-domain' };
  }
  if (facts.requestTypeId && rules.requestTypeIds.includes(facts.requestTypeId)) {
    return { recognised: true, rule: 'request-type' };
  }
  const label = fold(rules.label);
  if (label !== '' && facts.labels.some((l) => fold(l) === label)) {
    return { recognised: true, rule: 'label' };
  }
  return { recognised: false, rule: null };
}
