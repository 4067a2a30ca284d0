/** Async work hand-off (Forge `@forge/events` Queue in production). Delivery is at least once. */
export interface JobQueue<Job> {
  push(jobs: readonly Job[]): Promise<void>;
}
