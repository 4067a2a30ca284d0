/**
 * A local Jira Cloud + Jira Service Management for tests, benchmarks and the sandbox: a real HTTP
 * server on 127.0.0.1 over an in-memory site, checked against Atlassian's OpenAPI specs.
 *
 *   const jira = await startJiraEmulator({ seed: 'demo' });
 *   await fetch(`${jira.baseUrl}/rest/api/3/myself`, { headers: jira.authHeaders(DEMO.users.agent) });
 *   await jira.stop(); // throws if any request or response broke the specs
 *
 * Never imported by the app's production entry point (src/index.ts).
 */
import { FaultPlan, type FaultRule, type LatencySpec } from './faults';
import { demoSeed } from './seed/demo';
import { EMULATOR_USER_HEADER, formatViolation, startServer, type CallRecord, type ServerState, type Violation } from './server';
import type { EventListener, ProductEvent } from './site/events';
import { Site } from './site/site';

export { DEMO, demoSeed } from './seed/demo';
export { EMULATOR_USER_HEADER, formatViolation } from './server';
export type { CallRecord, Violation } from './server';
export type { Fault, FaultRule, FaultSpec, LatencySpec } from './faults';
export type { ProductEvent, IssueCreatedEvent, IssueUpdatedEvent, IssueCommentedEvent } from './site/events';
export { Site, SD_PUBLIC_COMMENT, ORGANIZATIONS_FIELD, textToAdf } from './site/site';
export type { IssueSeed, UserSeed, ProjectSeed, OrganizationSeed, AttachmentSeed, CommentSeed } from './site/site';

export interface JiraEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Initial content: the demo site (default), an empty site, or your own seeding function. */
  seed?: 'demo' | 'empty' | ((site: Site) => void);
  /** Seed of the generator behind ranged latency and `rate` faults (default 1). */
  randomSeed?: number;
  /** Delay before every answer: fixed ms, or a range drawn from the seeded generator. */
  latency?: LatencySpec;
  /** Per-route latency (`METHOD /template` → spec), overriding `latency`. */
  routeLatency?: Record<string, LatencySpec>;
  faults?: FaultRule[];
  /** Receives avi:jira:* product events (after the response that caused them). */
  onEvent?: EventListener;
  /** Clock for timestamps (created, updated, event timestamps). */
  now?: () => Date;
  /** Largest attachment accepted (413 beyond); default 10 MiB. */
  maxAttachmentBytes?: number;
  /** stop() throws on recorded violations and listener errors (default true). */
  failOnViolations?: boolean;
  /** The platform create refuses the Request Type field (400 naming it); also `site.platformCreateRefusesRequestType`. */
  refuseRequestTypeOnPlatformCreate?: boolean;
  /**
   * Issue property paths JQL may search (property key → dotted paths, as the manifest's
   * jira:entityProperty modules declare them); any other property clause is refused, as Jira does.
   * Absent: every path is searchable. Also `site.propertyIndex`.
   */
  propertyIndex?: Readonly<Record<string, readonly string[]>>;
}

export interface JiraEmulator {
  /** e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  baseUrl: string;
  site: Site;
  /** Every call received, in order. */
  calls: CallRecord[];
  /** Every product event emitted, in order. */
  events: ProductEvent[];
  /** Spec and ADF violations recorded so far. */
  violations: Violation[];
  faults: FaultPlan;
  /** Headers that authenticate as `accountId` (the app: `site.appAccountId`). */
  authHeaders(accountId: string): Record<string, string>;
  /** Removes and returns the recorded violations, for tests that send bad requests on purpose. */
  takeViolations(): Violation[];
  /** Throws an Error listing every violation (method, path, direction, schema error). */
  assertNoViolations(): void;
  /** Resolves once every emitted event has been handled by the listeners. */
  idle(): Promise<void>;
  /** Closes the server (parked "timeout" requests are dropped), then asserts no violations. */
  stop(): Promise<void>;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function startJiraEmulator(options: JiraEmulatorOptions = {}): Promise<JiraEmulator> {
  const site = new Site({ ...(options.now ? { now: options.now } : {}) });
  const seed = options.seed ?? 'demo';
  if (seed === 'demo') demoSeed(site);
  else if (typeof seed === 'function') seed(site);
  if (options.onEvent) site.onEvent(options.onEvent);
  site.platformCreateRefusesRequestType = options.refuseRequestTypeOnPlatformCreate ?? false;
  if (options.propertyIndex) {
    site.propertyIndex = new Map(Object.entries(options.propertyIndex).map(([key, paths]) => [key, new Set(paths)]));
  }

  const maxAttachmentBytes = options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  const state: ServerState = {
    site,
    faults: new FaultPlan(options.randomSeed ?? 1, options.faults ?? [], options.latency, options.routeLatency ?? {}),
    calls: [],
    violations: [],
    // Room for the multipart envelope around the largest attachment.
    limits: { maxAttachmentBytes, maxRequestBytes: maxAttachmentBytes + 1024 * 1024 },
    baseUrl: '',
  };
  const server = startServer(state, options.port ?? 0);
  const port = await server.ready;
  state.baseUrl = `http://127.0.0.1:${port}`;

  const assertNoViolations = () => {
    const problems = [...state.violations.map(formatViolation), ...site.listenerErrors.map((e) => `event listener failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)];
    if (problems.length > 0) throw new Error(`Jira emulator recorded ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  };

  let stopped = false;
  return {
    baseUrl: state.baseUrl,
    site,
    calls: state.calls,
    events: site.events,
    violations: state.violations,
    faults: state.faults,
    authHeaders: (accountId) => ({ [EMULATOR_USER_HEADER]: accountId }),
    takeViolations: () => state.violations.splice(0),
    assertNoViolations,
    idle: () => site.idle(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      if (options.failOnViolations !== false) assertNoViolations();
    },
  };
}
