/**
 * What the portal use cases need: the issue panel's dependencies (the same pipeline view of a ticket,
 * Jira as the calling customer and as the app), app storage for the day an ens went into production,
 * and the blank template writer.
 */
import type { Service } from '../../domain/services';
import type { Lang } from '../../i18n';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { PanelDeps } from '../panel/deps';

export interface PortalDeps {
  panel: PanelDeps;
  kvs: Pick<KeyValueStore, 'get'>;
  /** The blank template of a service ("plantilla verge"), as `setdiba template` writes it. */
  blankTemplate(service: Service, lang: Lang): Promise<Uint8Array>;
}

/** Who is asking; the request key comes from the Forge-signed context, never from a payload. */
export interface PortalCaller {
  accountId: string;
  lang: Lang;
}
