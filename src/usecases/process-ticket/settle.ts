/**
 * Like Promise.all, but waits for every operation to finish before reporting the first failure.
 * With Promise.all a failed step would end the run while its sibling writes are still in flight, and
 * the platform's retry could then look for them before they land (and do them twice).
 */
export async function settleAll<T extends readonly unknown[] | []>(work: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(work);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
