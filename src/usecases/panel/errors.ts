import type { PanelErrorCode } from '../../contracts/panel';
import type { Params } from '../../i18n';
import type { PanelMessageKey } from '../../i18n/catalog/panel';

/**
 * A refusal the agent can understand and act on. The resolver turns it into the error envelope with
 * the message in the caller's language; nothing has been written when it is thrown.
 */
export class PanelActionError extends Error {
  constructor(
    readonly code: PanelErrorCode,
    readonly messageKey: PanelMessageKey,
    readonly params: Params = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = 'PanelActionError';
  }
}
