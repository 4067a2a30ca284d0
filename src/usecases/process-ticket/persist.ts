import { isUserError } from '../../domain/errors';
import type { Clock } from '../../ports/clock';

/**
 * Retries a write on any system error (a 500 included), a few times with a short backoff. Only for
 * the few writes whose loss would be misread later, such as the state that says a file parsed fine.
 */
export async function persistently<T>(write: () => Promise<T>, clock: Pick<Clock, 'sleep'>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (isUserError(error) || attempt >= attempts) throw error;
      await clock.sleep(250 * 2 ** (attempt - 1));
    }
  }
}
