/**
 * The clock of `setdiba simulate --backend-latency MS`: waiting moves time on instead of taking it, so
 * a run of twenty virtual minutes takes seconds. Between waits the clock runs at real speed.
 *
 * Waits end in the order they would in real time. They are released together once nothing new has
 * started waiting for a few real milliseconds and no work `hold` was given is still going (another
 * integration's HTTP call must reach its own wait first, or it would fall a whole wait behind): the
 * clock jumps to the earliest end, and every wait ending within a few virtual milliseconds of it is
 * over. Eight integrations of 2 s side by side move the clock 2 s, not 16.
 */
import type { Clock } from '../ports/clock';

/** Real milliseconds without a new wait before the waiting ones are released. */
const QUIET_MS = 3;
/** Waits ending this close to the earliest one end with it (one wave of concurrent integrations). */
const SAME_MOMENT_MS = 20;

interface Wait {
  end: number;
  resolve: () => void;
}

export class VirtualClock implements Clock {
  private aheadMs = 0;
  private waits: Wait[] = [];
  private timer: NodeJS.Timeout | null = null;
  private holding = 0;

  now(): Date {
    return new Date(Date.now() + this.aheadMs);
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waits.push({ end: this.now().getTime() + ms, resolve });
      this.releaseWhenQuiet();
    });
  }

  /** Real work the waits must not jump ahead of (an integration's HTTP call after its wait). */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.holding++;
    try {
      return await work();
    } finally {
      this.holding--;
      if (this.waits.length > 0) this.releaseWhenQuiet();
    }
  }

  /** How far virtual time has moved ahead of real time. */
  get skippedMs(): number {
    return this.aheadMs;
  }

  private releaseWhenQuiet(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.release(), QUIET_MS);
  }

  private release(): void {
    this.timer = null;
    // Held work releases the waits when it ends.
    if (this.waits.length === 0 || this.holding > 0) return;
    const first = Math.min(...this.waits.map((w) => w.end));
    const now = this.now().getTime();
    if (first > now) this.aheadMs += first - now;
    const due = this.waits.filter((w) => w.end <= first + SAME_MOMENT_MS);
    this.waits = this.waits.filter((w) => w.end > first + SAME_MOMENT_MS);
    for (const w of due) w.resolve();
    if (this.waits.length > 0) this.releaseWhenQuiet();
  }
}
