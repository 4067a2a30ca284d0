/**
 * What the page shows as "live": a version number that changes whenever something in the sandbox
 * changed (an event, a job started or ended), the runs in progress, and the last outcomes. The page
 * polls it and re-renders when the version moves, so progress is visible without a manual reload.
 */
export interface RunActivity {
  issueKey: string;
  startedAt: string;
}

export interface FinishedRun extends RunActivity {
  endedAt: string;
  outcome: 'done' | 'retry' | 'failed';
  message: string | null;
}

export interface ActivitySnapshot {
  version: number;
  running: RunActivity[];
  /** Jobs pushed and not yet picked up (the queue delivers them shortly). */
  queued: number;
  recent: FinishedRun[];
}

export class Activity {
  private version = 0;
  private readonly running = new Map<number, RunActivity>();
  private nextRunId = 1;
  private queued = 0;
  private readonly recent: FinishedRun[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  changed(): void {
    this.version += 1;
  }

  enqueued(count: number): void {
    this.queued += count;
    this.changed();
  }

  /** Returns the function to call when the run ends. */
  begin(issueKey: string): (outcome: FinishedRun['outcome'], message?: string | null) => void {
    const id = this.nextRunId++;
    const run = { issueKey, startedAt: this.now().toISOString() };
    this.queued = Math.max(0, this.queued - 1);
    this.running.set(id, run);
    this.changed();
    return (outcome, message = null) => {
      this.running.delete(id);
      this.recent.unshift({ ...run, endedAt: this.now().toISOString(), outcome, message });
      this.recent.length = Math.min(this.recent.length, 20);
      this.changed();
      this.notifyIfIdle();
    };
  }

  isRunning(issueKey: string): boolean {
    return [...this.running.values()].some((run) => run.issueKey === issueKey);
  }

  snapshot(): ActivitySnapshot {
    return {
      version: this.version,
      running: [...this.running.values()],
      queued: this.queued,
      recent: [...this.recent],
    };
  }

  get idle(): boolean {
    return this.running.size === 0 && this.queued === 0;
  }

  /** Resolves once nothing is queued or running (tests and the raise form use it). */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** A job can be dropped without running (e.g. the sandbox stops); keep the count honest. */
  dropped(count = 1): void {
    this.queued = Math.max(0, this.queued - count);
    this.changed();
    this.notifyIfIdle();
  }

  private notifyIfIdle(): void {
    if (!this.idle) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
