import type { WatchAction } from '../../usecases/daily-watch';
import type { JiraPort } from '../../ports/jira';
import type { Activity } from './activity';

/** The people of the demo site the page can act as (the "current user" switch). */
export type SandboxRole = 'agent' | 'customer' | 'admin' | 'mux-owner';
export const SANDBOX_ROLES: readonly SandboxRole[] = ['agent', 'customer', 'admin', 'mux-owner'];

export interface SandboxUser {
  accountId: string;
  displayName: string;
  email: string | null;
  role: SandboxRole;
  /** Jira locale, e.g. `ca_ES`: the app's UI language follows it. */
  locale: string;
}

/** One building block of the sandbox and whether it could be wired in (the page lists them). */
export interface PartStatus {
  name: string;
  ok: boolean;
  detail: string;
}

/** The Custom UI resources the manifest declares (static/<resource>). */
export const UI_RESOURCES = ['issue-panel', 'project-settings', 'project-page', 'portal-request', 'portal-check'] as const;
export type UiResource = (typeof UI_RESOURCES)[number];

/**
 * A Forge resolver as `@forge/resolver`'s `getDefinitions()` returns it: the platform calls it with the
 * bridge call and the frame's context, plus the runtime payload that carries the calling user.
 */
export type ResolverDefinitions = (
  request: { call: { functionKey: string; payload: unknown; jobId?: string }; context: Record<string, unknown> },
  runtime: { principal?: { accountId?: string } },
) => Promise<unknown>;

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

/** A ready-made request a customer can raise from the page. */
export interface SampleRequest {
  id: string;
  summary: string;
  description: string;
  files(): Promise<UploadedFile[]>;
}

export interface RaiseRequestInput {
  summary: string;
  description: string;
  files: UploadedFile[];
  /** Issue properties saved with the request, as the portal's create property panels submit them. */
  properties?: Record<string, unknown>;
}

export type RestCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number; json: unknown }>;

/** Everything the web page needs from the running sandbox. Parts that are missing are `null`. */
export interface SandboxRuntime {
  readonly projectKey: string;
  readonly parts: readonly PartStatus[];
  readonly users: readonly SandboxUser[];
  readonly activity: Activity;
  readonly samples: readonly SampleRequest[];
  /** The name Jira shows for an account (people and the app itself); the id when unknown. */
  displayName(accountId: string): string;
  /** Jira as this user (REST against the emulator), so the page sees what that user may see. */
  jiraAs(accountId: string): JiraPort | null;
  /**
   * A REST call to the emulator as this user, for what JiraPort does not cover (the ticket view's
   * transitions): the page posts to the sandbox, which calls Jira as the current user, as a browser would.
   */
  restAs(accountId: string): RestCall | null;
  /** Jira as the app: what the page needs regardless of the current user (e.g. issue properties). */
  readonly jiraAsApp: JiraPort | null;
  readonly resolvers: Partial<Record<UiResource, ResolverDefinitions>>;
  /** Raises a JSM request as the given customer; the app reacts through the emulator's events. */
  raiseRequest(user: SandboxUser, input: RaiseRequestInput): Promise<{ issueKey: string }>;
  /** Moves the sandbox's clock one day on and runs the daily watch for it (issue 15): what it did. */
  nextDay?(): Promise<{ today: string; actions: readonly WatchAction[] }>;
  /** Adds generated entries to the registry (the project page), around those real runs wrote. */
  seedRegistry?(count: number): Promise<string>;
  /** Resolves when every event has been handled and every queued job has run (tests wait on it). */
  idle(): Promise<void>;
  /** Keeps queued jobs in the queue until released, as Forge's queue does before a consumer is free. */
  holdJobs?(): () => void;
  /** Keeps the integration backend's answers back until released: a run stays in its integrations. */
  holdBackend?(): () => void;
  stop(): Promise<void>;
}
