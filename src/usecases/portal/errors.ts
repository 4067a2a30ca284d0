import type { PortalErrorCode } from '../../contracts/portal';
import type { Lang } from '../../i18n';
import type { PortalMessageKey } from '../../i18n/catalog/portal';

/** A refusal told to the requester in their language; nothing was read for them when it is thrown. */
export class PortalError extends Error {
  constructor(
    readonly code: PortalErrorCode,
    readonly messageKey: PortalMessageKey,
    /** The caller's own language, when Jira told it before the refusal. */
    readonly lang: Lang | null = null,
  ) {
    super(`${code}: ${messageKey}`);
    this.name = 'PortalError';
  }
}
