import { MemoryJobQueue, type Consumer, type Delivery } from '../../adapters/memory/memory-job-queue';
import type { JobQueue } from '../../ports/job-queue';
import type { Activity } from './activity';

/** The platform waits before a retry; the sandbox waits a little too, so a failing job does not spin. */
const RETRY_DELAY_MS = 1000;

/**
 * The sandbox's queue: the app's own MemoryJobQueue (at-least-once, with retries), delivered
 * automatically as Forge would — each push schedules deliveries to the app's consumer, one at a time —
 * with every delivery shown on the page as a run in progress.
 */
export class JobPump<Job> implements JobQueue<Job> {
  readonly queue: MemoryJobQueue<Job>;
  private consumer: Consumer<Job> | null = null;
  private pumping: Promise<void> | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  /** Holds in force: queued jobs wait, as in Forge's queue before a consumer takes them. */
  private holds = 0;

  constructor(
    private readonly activity: Activity,
    private readonly issueKeyOf: (job: Job) => string | null,
    private readonly log: (line: string) => void,
  ) {
    this.queue = new MemoryJobQueue<Job>({
      maxRetries: 3,
      onError: (error, delivery) => this.log(`[sandbox] job ${delivery.jobId} failed (will retry): ${(error as Error)?.message ?? String(error)}`),
    });
  }

  setConsumer(consumer: Consumer<Job>): void {
    this.consumer = consumer;
    this.schedule(0);
  }

  async push(jobs: readonly Job[]): Promise<void> {
    await this.queue.push(jobs);
    this.activity.enqueued(jobs.length);
    this.schedule(0);
  }

  /**
   * Keeps queued jobs waiting until the returned release is called, so that a person (or a browser
   * test) sees what the panel shows while a job waits in Forge's queue. A job already running ends.
   */
  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      this.schedule(0);
    };
  }

  /** Resolves when nothing is pending or being delivered (or what is pending is held). */
  async idle(): Promise<void> {
    while (this.pumping || (this.queue.pending.length > 0 && this.consumer && !this.stopped && this.holds === 0)) {
      await (this.pumping ?? new Promise((resolve) => setTimeout(resolve, 20)));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pumping;
    this.activity.dropped(this.queue.pending.length);
  }

  private schedule(delayMs: number): void {
    if (this.stopped || !this.consumer || this.pumping || this.timer || this.holds > 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pumping = this.pump().finally(() => {
        this.pumping = null;
      });
    }, delayMs);
  }

  private async pump(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    while (!this.stopped && this.holds === 0 && this.queue.pending.length > 0) {
      const next = this.queue.pending[0] as Delivery<Job>;
      const end = this.activity.begin(this.issueKeyOf(next.body) ?? next.jobId);
      const outcome = await this.queue.deliverNext(consumer);
      if (outcome === 'retry') {
        end('retry');
        this.activity.enqueued(1);
        // Leave the loop and come back after a pause, as the platform's retry would.
        this.pumping = null;
        setTimeout(() => this.schedule(0), RETRY_DELAY_MS);
        return;
      }
      const dead = outcome === 'dead' ? this.queue.dead[this.queue.dead.length - 1] : undefined;
      end(outcome === 'dead' ? 'failed' : 'done', dead ? (dead.error as Error)?.message ?? String(dead.error) : null);
    }
  }
}
