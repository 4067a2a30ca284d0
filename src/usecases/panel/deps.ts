/**
 * What the panel use cases need. The Jira ports come in two identities: the calling user, for the
 * permission check and the caller's own identity, and the app, for what the app writes. The pipeline
 * part is the ticket pipeline's (src/usecases/process-ticket, preview-ticket) seen from the panel; the
 * composition root adapts it, identically for Forge, the sandbox and the tests.
 */
import type { Plan, Recognition, TicketFacts } from '../../domain/plan';
import type { Service } from '../../domain/services';
import type { TemplateEntity } from '../../domain/template/types';
import type { Settings } from '../../domain/settings';
import type { HistoryEntry, RunView, SiblingView } from '../../contracts/panel';
import type { Lang } from '../../i18n';
import type { Clock } from '../../ports/clock';
import type { JiraPort } from '../../ports/jira';

/** What "Comprova" computes: the plan, without writing anything. */
export interface TicketPreview {
  facts: TicketFacts;
  recognition: Recognition;
  settings: Settings;
  /** Null when the ticket is not a SetDIBA ticket (nothing was read). */
  plan: Plan | null;
  attachments: readonly {
    id: string;
    fileName: string;
    status: 'read' | 'unreadable' | 'produced';
    /** Why it is unreadable, for people. */
    reason: string | null;
    rowCount: number;
  }[];
  /** Results earlier runs obtained, by row id (`<attachmentId>:<sheet>:<row>`). */
  results: ReadonlyMap<string, 'integrated' | 'already-integrated' | 'failed'>;
  /** Rows whose integration failed: why, in the caller's language (shown as the row's problem). */
  failures?: ReadonlyMap<string, string>;
  /**
   * Rows a finished run already dealt with and that no run will touch again unless an agent decides
   * (not blocked, not failed): a run from the panel writes nothing for them.
   */
  settledRows?: ReadonlySet<string>;
  /** Panel decisions a run has already applied (run state), by decision id. */
  appliedDecisions?: ReadonlySet<string>;
  /** The integration backend's mode from the settings. */
  backendMode: 'assisted' | 'http';
  /**
   * The ticket whose `setdiba.panel` holds this ticket's decisions, MUX dates and checklist marks, and
   * whose run applies them: the original for a service ticket the split raised, else the ticket itself.
   */
  home?: string;
}

export interface RunRequest {
  issueKey: string;
  requestedBy: string;
  /** panel: Executa; decision: rows confirmed; mux: the owner's "integrate now"; label: process as SetDIBA. */
  reason: 'panel' | 'decision' | 'mux' | 'label';
  /** Asked for from a split's service ticket: the run retries only these services' rows. */
  services?: readonly Service[];
}

export interface TicketProgress {
  run: RunView;
  history: HistoryEntry[];
  /** The tickets of a split (empty when the ticket was never split). */
  siblings: SiblingView[];
  /** When this ticket is a service ticket raised from another one. */
  cloneOf: string | null;
}

export interface PanelPipeline {
  /** Null when the issue does not exist (or the app cannot see it). */
  preview(issueKey: string, lang: Lang): Promise<TicketPreview | null>;
  /**
   * Hands a run to the queue (the same idempotent pipeline as the product events) and marks the ticket
   * queued until a run takes the job; queues nothing while a job for the ticket is still waiting.
   */
  enqueueRun(request: RunRequest): Promise<void>;
  progress(issueKey: string, lang: Lang): Promise<TicketProgress>;
  /**
   * A workbook of `rows` (the service's rows the panel lists), named as a split attaches it to the
   * service ticket of `issueKey`.
   */
  serviceWorkbook(
    issueKey: string,
    service: Service,
    lang: Lang,
    rows: readonly TemplateEntity[],
  ): Promise<{ fileName: string; bytes: Uint8Array }>;
  /** A plain table as an .xlsx workbook (every cell text), for downloads generated on demand. */
  tableWorkbook(sheetName: string, header: readonly string[], rows: readonly (readonly string[])[]): Promise<Uint8Array>;
  /** A row problem explained for people (the template reader's describeProblem). */
  describeProblem(problem: Plan['services'][number]['rows'][number]['problems'][number], lang: Lang): string;
}

export interface PanelDeps {
  jiraAsUser: JiraPort;
  jiraAsApp: JiraPort;
  clock: Clock;
  pipeline: PanelPipeline;
}

/** Who is calling and about which ticket; the issue key comes from the Forge-signed context. */
export interface PanelCaller {
  accountId: string;
  displayName: string;
  issueKey: string;
  lang: Lang;
}
