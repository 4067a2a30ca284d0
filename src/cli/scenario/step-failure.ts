/**
 * A step that fails the way its user would see it (refused, invalid, nothing to act on): the step is
 * `ok: false` with this code and message, and the scenario goes on.
 */
import type { Params } from '../../i18n';
import type { ScenarioKey } from '../../i18n/catalog/scenario';

export class StepFailure extends Error {
  constructor(
    readonly code: string,
    /** A message of the scenario catalogue, localised when the report is written. */
    readonly messageKey: ScenarioKey | null,
    readonly params: Params = {},
    /** A message already localised by the app (a resolver's answer). */
    readonly localised: string | null = null,
  ) {
    super(localised ?? `${code}${messageKey ? ` (${messageKey})` : ''}`);
    this.name = 'StepFailure';
  }

  static fromApp(code: string, message: string): StepFailure {
    return new StepFailure(code, null, {}, message);
  }
}
