/**
 * The registry project page (issue 16): its first page in the sandbox with 5,000 entries, against the
 * goal of under 1 s, and what the same read costs with Forge KVS's pages of 100 records and a round
 * trip per page. Figures only: speed goals are never test assertions.
 *
 * Sandbox: the real runtime (Jira emulator, memory KVS seeded by the sandbox's own seed step, the real
 * registryResolver) behind the sandbox's web server, asked over HTTP as the page's bridge asks, as an
 * agent. Forge model: the same records in a KVS stand-in that answers at most 100 per query after a
 * fixed delay (30 and 60 ms, assumed: Atlassian publishes no figure), read as one cursor chain (the
 * registry's first version) and as the scans per prefix × environment × service it runs now.
 */
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { MemoryKeyValueStore } from '../src/adapters/memory/memory-key-value-store';
import { DEMO } from '../src/emulator';
import { startRuntime } from '../src/sandbox/runtime/start-runtime';
import type { UiBuild } from '../src/sandbox/ui/build-apps';
import type { UiResource } from '../src/sandbox/runtime/types';
import { listenOnLoopback } from '../src/sandbox/web/listen';
import { createSandboxServer } from '../src/sandbox/web/server';
import { USER_COOKIE } from '../src/sandbox/web/session';
import { registryRecords, storeRegistry } from '../src/sandbox/runtime/registry-seed';
import { readRegistry } from '../src/usecases/registry/read-registry';
import type { KeyValueStore } from '../src/ports/key-value-store';
import type { Benchmark } from './run';

const ENTRIES = 5_000;
const GOAL_MS = 1_000;
const KVS_PAGE = 100;

const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** Forge KVS as the registry sees it: at most 100 records a query, each query one round trip. */
class PagedSlowKvs {
  queries = 0;
  constructor(
    private readonly inner: KeyValueStore,
    private readonly delayMs: number,
  ) {}

  async list(prefix: string, limit = KVS_PAGE) {
    const all = await this.inner.list(prefix, Number.MAX_SAFE_INTEGER);
    const found: typeof all = [];
    do {
      this.queries += 1;
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      found.push(...all.slice(found.length, found.length + KVS_PAGE));
    } while (found.length < Math.min(all.length, limit));
    return found;
  }
}

async function sandboxFigures(): Promise<void> {
  const runtime = await startRuntime({ registryEntries: ENTRIES });
  const server: Server = createSandboxServer({ runtime, ui: Promise.resolve({} as Record<UiResource, UiBuild>) });
  try {
    const port = await listenOnLoopback(server, 0);
    const ask = async (functionKey: string, payload: Record<string, unknown>) => {
      const response = await fetch(`http://127.0.0.1:${port}/sandbox/bridge/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${USER_COOKIE}=${DEMO.users.agent}` },
        body: JSON.stringify({ resource: 'project-page', projectKey: DEMO.projectKey, functionKey, payload }),
      });
      const body = (await response.json()) as { body: { ok: boolean; data?: { total?: number; rows?: number } } };
      if (!body.body.ok) throw new Error(`${functionKey} refused: ${JSON.stringify(body)}`);
      return body.body.data!;
    };
    const first = await timed(() => ask('queryRegistry', { page: 0, pageSize: 50 }));
    const warm: number[] = [];
    for (let i = 0; i < 9; i += 1) warm.push((await timed(() => ask('queryRegistry', { page: 0, pageSize: 50 }))).ms);
    const search = await timed(() => ask('queryRegistry', { search: 'sant', page: 0, pageSize: 50 }));
    const filtered = await timed(() => ask('queryRegistry', { service: 'OVER', state: 'integrated', page: 3, pageSize: 50 }));
    const csv = await timed(() => ask('exportRegistry', { format: 'csv' }));
    const xlsx = await timed(() => ask('exportRegistry', { format: 'xlsx' }));
    console.log(`sandbox, ${first.value.total} entries, over the page's bridge as an agent (goal: first page < ${ms(GOAL_MS)}):`);
    console.log(`  first page, first call       ${ms(first.ms).padStart(8)}   ${first.ms < GOAL_MS ? 'meets the goal' : 'MISSES the goal'}`);
    console.log(`  first page, median of 9 more ${ms(median(warm)).padStart(8)}`);
    console.log(`  search "sant"                ${ms(search.ms).padStart(8)}   (${search.value.total} found)`);
    console.log(`  OVER + integrated, page 4    ${ms(filtered.ms).padStart(8)}   (${filtered.value.total} found)`);
    console.log(`  export CSV, every entry      ${ms(csv.ms).padStart(8)}   (${csv.value.rows} rows)`);
    console.log(`  export XLSX, every entry     ${ms(xlsx.ms).padStart(8)}   (${xlsx.value.rows} rows)`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.stop();
  }
}

async function forgeModel(): Promise<void> {
  const memory = new MemoryKeyValueStore();
  await storeRegistry(memory, registryRecords(ENTRIES));
  console.log(`Forge KVS model, ${ENTRIES} entries, ${KVS_PAGE} records a query (the delay per query is assumed):`);
  for (const delayMs of [30, 60]) {
    const chain = new PagedSlowKvs(memory, delayMs);
    const chained = await timed(() => chain.list('setdiba:integrated:', 200_000));
    const sharded = new PagedSlowKvs(memory, delayMs);
    const scanned = await timed(() => readRegistry(sharded as unknown as KeyValueStore));
    console.log(
      `  ${delayMs} ms a query: one cursor chain ${ms(chained.ms).padStart(7)} (${chain.queries} queries); ` +
        `per prefix/environment/service ${ms(scanned.ms).padStart(7)} (${sharded.queries} queries, ${scanned.value.length} entries)   goal < ${ms(GOAL_MS)}`,
    );
  }
}

export const bench: Benchmark = {
  name: 'registry project page',
  run: async () => {
    await sandboxFigures();
    await forgeModel();
  },
};
