/**
 * "How many of the last tickets would each rule match": the edited (unsaved) recognition rules against
 * the project's latest requests, using the pipeline's own recognise() so the preview cannot disagree
 * with what the pipeline will do.
 */
import { recognise, type RecognitionRule } from '../../domain/plan/recognition';
import { validateSettings, SETTINGS_VERSION, type Settings } from '../../domain/settings';
import type { Caller, SettingsDeps } from './deps';
import { recentTickets, type RecentTicket } from './service-desk';
import { fieldErrorViews, type FieldErrorView } from './views';

export interface RecognitionPreview {
  sampled: number;
  rules: { rule: RecognitionRule; value: string; count: number }[];
  any: number;
  errors: FieldErrorView[];
}

const NO_RULES: Settings['recognition'] = { organizations: [], reporterDomains: [], requestTypeIds: [], label: '' };

function facts(ticket: RecentTicket) {
  return {
    labels: ticket.labels,
    organizations: ticket.request?.organizations ?? [],
    requestTypeId: ticket.request?.requestTypeId ?? null,
    reporter: ticket.request?.reporter
      ? {
          accountId: ticket.request.reporter.accountId,
          emailAddress: ticket.request.reporter.emailAddress,
          locale: ticket.request.reporter.locale,
          displayName: ticket.request.reporter.displayName,
        }
      : null,
  };
}

/** Call only after assertProjectAdmin. Reads, never writes. */
export async function previewRecognition(
  deps: SettingsDeps,
  caller: Caller,
  recognitionInput: Record<string, unknown>,
): Promise<RecognitionPreview> {
  const validation = validateSettings({ version: SETTINGS_VERSION, recognition: recognitionInput });
  if (!validation.ok) return { sampled: 0, rules: [], any: 0, errors: fieldErrorViews(caller.lang, validation.errors) };
  const rules = validation.settings.recognition;

  const tickets = (await recentTickets(deps.jira, caller.projectKey, deps.previewSample ?? 30)).map(facts);
  const count = (single: Partial<Settings['recognition']>) =>
    tickets.filter((ticket) => recognise(ticket, { ...NO_RULES, ...single }).recognised).length;

  return {
    sampled: tickets.length,
    rules: [
      ...rules.organizations.map((value) => ({ rule: 'organization' as const, value, count: count({ organizations: [value] }) })),
      ...rules.reporterDomains.map((value) => ({ rule: 'reporter-domain' as const, value, count: count({ reporterDomains: [value] }) })),
      ...rules.requestTypeIds.map((value) => ({ rule: 'request-type' as const, value, count: count({ requestTypeIds: [value] }) })),
      { rule: 'label' as const, value: rules.label, count: count({ label: rules.label }) },
    ],
    any: count(rules),
    errors: [],
  };
}
