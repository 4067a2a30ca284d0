/**
 * Everything the settings page shows when it opens, for an administrator of the project.
 */
import { defaultPaths, backendTokenSecretKey, type Settings } from '../../domain/settings';
import { SERVICES, type Service } from '../../domain/services';
import type { JsmOrganization, JsmRequestType } from '../../ports/jira';
import type { Lang } from '../../i18n';
import type { Caller, SettingsDeps } from './deps';
import { inspectStoredSettings } from './load-settings';
import { listAudit } from './settings-audit';
import { findServiceDeskId } from './service-desk';
import { accountIdsIn } from './field-words';
import {
  auditEntryView,
  certificateView,
  fieldErrorViews,
  nameLookup,
  userViews,
  type AuditEntryView,
  type CertificateView,
  type FieldErrorView,
  type UserView,
} from './views';

export type EditableSettings = Omit<Settings, 'certificate'>;

export interface SettingsPageData {
  projectKey: string;
  lang: Lang;
  revision: number;
  updatedAt: string | null;
  updatedBy: UserView | null;
  settings: EditableSettings;
  defaults: string[];
  storedErrors: FieldErrorView[];
  backend: { tokenSet: boolean; allowedEndpoints: string[] };
  certificate: { current: CertificateView | null; previous: CertificateView[] };
  choices: {
    organizations: JsmOrganization[];
    requestTypes: JsmRequestType[] | null;
    owners: Record<Service, UserView | null>;
  };
  audit: AuditEntryView[];
  templatesAvailable: boolean;
}

export async function isBackendTokenSet(deps: Pick<SettingsDeps, 'kvs'>, projectKey: string): Promise<boolean> {
  const token = await deps.kvs.getSecret(backendTokenSecretKey(projectKey));
  return typeof token === 'string' && token !== '';
}

/** Call only after assertProjectAdmin. */
export async function getSettingsPage(deps: SettingsDeps, caller: Caller): Promise<SettingsPageData> {
  const { projectKey, lang } = caller;
  const now = deps.clock.now();
  const { record, storedErrors } = await inspectStoredSettings(deps.kvs, projectKey);
  const { settings } = record;

  const owners = SERVICES.map((service) => settings.services[service].ownerAccountId);
  // Two independent chains (request types need the service desk id; the names need the audit's
  // authors) run side by side with the other reads.
  const [tokenSet, organizations, requestTypes, { audit, users }] = await Promise.all([
    isBackendTokenSet(deps, projectKey),
    deps.jira.getOrganizations(),
    findServiceDeskId(deps.jira, projectKey).then((id) => (id === null ? null : deps.jira.getRequestTypes(id))),
    listAudit(deps.kvs, projectKey, { currentRevision: record.revision }).then(async (audit) => ({
      audit,
      // The owners named in the audit's changes too: the log shows people's names, never account ids.
      users: await userViews(deps.jira, [...owners, record.updatedBy, ...audit.flatMap((entry) => [entry.by, ...accountIdsIn(entry.changes)])]),
    })),
  ]);

  const ownerViews = Object.fromEntries(
    SERVICES.map((service) => {
      const id = settings.services[service].ownerAccountId;
      return [service, id === null ? null : (users.get(id) ?? { accountId: id, displayName: id })];
    }),
  ) as Record<Service, UserView | null>;
  const { certificate, ...editable } = settings;

  return {
    projectKey,
    lang,
    revision: record.revision,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy === null ? null : (users.get(record.updatedBy) ?? null),
    settings: editable,
    defaults: defaultPaths(settings),
    storedErrors: fieldErrorViews(lang, storedErrors),
    backend: { tokenSet, allowedEndpoints: [...deps.allowedEndpoints] },
    certificate: {
      current: certificate.current === null ? null : certificateView(lang, certificate.current, now),
      previous: certificate.previous.map((cert) => certificateView(lang, cert, now)),
    },
    choices: { organizations, requestTypes, owners: ownerViews },
    audit: audit.map((entry) => auditEntryView(lang, entry, users, nameLookup(users, requestTypes))),
    templatesAvailable: deps.blankTemplate !== undefined,
  };
}
