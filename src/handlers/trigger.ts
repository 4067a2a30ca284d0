// placeholder until issue 4 (ticket pipeline): the real trigger recognises a SetDIBA ticket and enqueues a job.
/** Forge product-event trigger (manifest `trigger` → function `trigger`). */
export async function trigger(_event: unknown): Promise<void> {
  // Intentionally does nothing until the pipeline lands: doing nothing is the safe answer to any event.
}
