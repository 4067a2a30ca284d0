// placeholder until issue 4 (ticket pipeline): the real consumer processes one queued job.
/** Forge queue consumer (manifest `consumer` on queue `setdiba-jobs` → function `consumer`). */
export async function consumer(_event: unknown): Promise<void> {
  // Intentionally does nothing until the pipeline lands.
}
