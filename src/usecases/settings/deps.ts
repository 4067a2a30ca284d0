/**
 * What the settings page's use cases need. `jira` acts as the calling admin (Forge `asUser`), so Jira
 * itself also enforces what that person may see.
 */
import type { Service } from '../../domain/services';
import type { Lang } from '../../i18n';
import type { Clock } from '../../ports/clock';
import type { IntegrationBackendProbe } from '../../ports/integration-backend';
import type { JiraPort } from '../../ports/jira';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { DryParse } from '../self-check/run-self-check';

export interface BlankTemplate {
  fileName: string;
  mimeType: string;
  content: Uint8Array;
}

export interface SettingsDeps {
  kvs: KeyValueStore;
  jira: JiraPort;
  clock: Pick<Clock, 'now'>;
  probe: IntegrationBackendProbe;
  /** The egress addresses manifest.yml declares (`permissions.external.fetch.backend`). */
  allowedEndpoints: readonly string[];
  /** The CLI's blank template generator (`setdiba template`); absent = the page hides the downloads. */
  blankTemplate?: (service: Service, lang: Lang) => Promise<BlankTemplate>;
  /** How many of the project's latest requests the recognition preview reads (default 30). */
  previewSample?: number;
  /** Jira as the app, for the Self-check's questions about the app itself (absent: reported as not checkable). */
  jiraAsApp?: JiraPort;
  /** The Self-check's dry parse of a generated template through the spreadsheet reader. */
  dryParse?: DryParse;
}

/** Who is calling, from the invocation context Forge signs (never from the payload). */
export interface Caller {
  accountId: string;
  projectKey: string;
  lang: Lang;
}
