/**
 * What the daily watch needs. Jira is the app's identity (a scheduled trigger has no user); the panel
 * pipeline is the one the issue panel uses, so the watch sees each ticket's MUX ens exactly as the
 * panel shows them and "integrates now" through the same use case.
 */
import type { Settings } from '../../domain/settings';
import type { Clock } from '../../ports/clock';
import type { JiraPort } from '../../ports/jira';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { PanelPipeline } from '../panel/deps';

export interface WatchBudget {
  /** Tickets looked at per invocation at most. */
  maxTickets: number;
  /** Stop starting new tickets after this long (the trigger's timeout minus a margin). */
  maxMs: number;
}

export interface DailyWatchDeps {
  jira: JiraPort;
  kvs: KeyValueStore;
  clock: Clock;
  panel: PanelPipeline;
  loadSettings(projectKey: string): Promise<Settings>;
  budget?: WatchBudget;
}

/** What one invocation did, for the logs, the sandbox's "next day" and the scenarios' account. */
export interface WatchAction {
  task: 'mux-due' | 'mux-integrate' | 'missing-date' | 'missing-owner' | 'certificate' | 'certificate-renewed' | 'stuck-requeued' | 'stuck-reported';
  issueKey: string;
  detail?: string;
}

export interface WatchReport {
  day: string;
  /** False when the budget ran out: the next invocation goes on from the stored cursor. */
  complete: boolean;
  ticketsSeen: number;
  actions: WatchAction[];
}

/** The scheduled trigger may run 900 s (manifest timeoutSeconds); the watch stops starting work well before. */
export const DEFAULT_BUDGET: WatchBudget = { maxTickets: 200, maxMs: 600_000 };
