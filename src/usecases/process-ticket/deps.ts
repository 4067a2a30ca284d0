/**
 * What the pipeline use cases need from the outside. Built once by src/composition/pipeline.ts from
 * ports, identically for the Forge handlers, `setdiba simulate`, the sandbox and the tests.
 */
import type { RowProblem, TemplateEntity, TemplateReadResult } from '../../domain/template/types';
import type { ExtraAliases, Service } from '../../domain/services';
import type { Settings } from '../../domain/settings';
import type { Lang } from '../../i18n';
import type { Clock } from '../../ports/clock';
import type { IntegrationBackend } from '../../ports/integration-backend';
import type { JiraPort } from '../../ports/jira';
import type { JobQueue } from '../../ports/job-queue';
import type { PipelineJob } from './job';
import type { KeyValueStore } from '../../ports/key-value-store';

/** The template reader and writer (src/spreadsheet, src/domain/template), as the pipeline uses them. */
export interface TemplatePort {
  isSpreadsheet(fileName: string): boolean;
  /** Never throws for a bad file: a file-level problem says why it is unreadable. */
  read(
    bytes: Uint8Array,
    fileName: string,
    options: { service: Service | null; extraAliases: ExtraAliases },
  ): Promise<TemplateReadResult>;
  /** A workbook holding only the given rows, for the ticket of one service. */
  write(entities: readonly TemplateEntity[], service: Service, lang: Lang): Promise<Uint8Array>;
  /** A row problem explained for people (what is wrong and what to do). */
  describe(problem: RowProblem, lang: Lang): string;
}

/** Points where the pipeline has finished a step; tests make the process "die" here. */
export type PipelineStep =
  | 'loaded'
  | 'attachment-marked'
  | 'attachments-read'
  | 'clones-searched'
  | 'clone-requested'
  | 'clone-raised'
  | 'clone-created'
  | 'clones'
  | 'decisions-started'
  | 'updated'
  | 'internal-comments'
  | 'done';

export interface PipelineHooks {
  afterStep?(step: PipelineStep, issueKey: string): void | Promise<void>;
}

export interface PipelineLog {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

export const silentLog: PipelineLog = { info: () => undefined, warn: () => undefined };

export interface PipelineDeps {
  jira: JiraPort;
  kvs: KeyValueStore;
  clock: Clock;
  templates: TemplatePort;
  loadSettings(projectKey: string): Promise<Settings>;
  /** The integration backend the settings choose (assisted or http). */
  backendFor(settings: Settings, projectKey: string): IntegrationBackend;
  hooks?: PipelineHooks;
  log?: PipelineLog;
  /** How many ens are sent to the integration backend at once. */
  integrationConcurrency?: number;
  /** How long a run holds a ticket before another delivery may take it over (a killed run). */
  leaseMs?: number;
  /** Where a long run queues its continuation (continuation.ts). */
  queue?: JobQueue<PipelineJob>;
  /** How long a run may start integrations before it hands the rest to a continuation job. */
  runBudgetMs?: number;
}
