/** What the checker needs from the outside world: `bridgeApi` (index.tsx) implements it with @forge/bridge. */
import type { CheckSummary } from '../../../src/contracts/portal';
import type { PortalApi } from '../../portal-request/src/api';
import type { Lang } from '../../../src/i18n';
import type { CheckOutcome } from './run-check';

export interface CheckApi extends PortalApi {
  check(file: File, lang: Lang): Promise<CheckOutcome>;
  /** Stores the summary as the request's property when the request is created (view.submit). */
  submitSummary(summary: CheckSummary): Promise<void>;
}
