/**
 * Builds the ticket pipeline from ports — the one place that decides which real pieces the use cases
 * get. The Forge handlers, `setdiba simulate`, the sandbox, the benchmarks and the tests all call it;
 * only the ports they pass differ (requestJira vs fetch, @forge/kvs vs memory, …).
 */
import { createIntegrationBackend } from '../adapters/backend/create-backend';
import type { FetchLike } from '../adapters/backend/http-client';
import type { Service } from '../domain/services';
import type { TemplateEntity, RowProblem } from '../domain/template/types';
import type { Lang } from '../i18n';
import { describeProblem } from '../i18n/catalog/template';
import { systemClock, type Clock } from '../ports/clock';
import type { IntegrationBackend } from '../ports/integration-backend';
import type { JiraPort } from '../ports/jira';
import type { JobQueue } from '../ports/job-queue';
import type { KeyValueStore } from '../ports/key-value-store';
import { isSpreadsheetFileName } from '../spreadsheet/file-names';
import type { RetryPolicy } from '../usecases/retry';
import { processTicket, type ProcessJob, type ProcessOutcome } from '../usecases/process-ticket';
import type { PipelineDeps, PipelineHooks, PipelineLog, TemplatePort } from '../usecases/process-ticket/deps';
import type { PipelineJob } from '../usecases/process-ticket/job';
import { reportFailure } from '../usecases/process-ticket/report-failure';
import { retryingJira } from '../usecases/process-ticket/retrying-jira';
import { previewTicket, type PreviewOutcome } from '../usecases/preview-ticket';
import { recogniseTicket, type RecognisedTicket } from '../usecases/recognise-ticket';
import { loadSettings } from '../usecases/settings/load-settings';

/** The template reader and writer of src/spreadsheet, as the pipeline's TemplatePort. */
export const spreadsheetTemplates: TemplatePort = {
  isSpreadsheet: isSpreadsheetFileName,
  // The reader (with the parse-worker source) and the writer (with SheetJS) load on first use: the
  // trigger and the resolvers build this pipeline too and never read or write a workbook.
  read: async (bytes, fileName, options) => (await import('../spreadsheet/read-template')).readTemplate({ bytes, fileName }, options),
  write: async (entities: readonly TemplateEntity[], service: Service, lang: Lang) =>
    (await import('../spreadsheet/write-workbook')).writeTemplateWorkbook({ service, lang, entities }),
  describe: (problem: RowProblem, lang: Lang) => {
    const text = describeProblem(problem, lang);
    return `${text.message} ${text.hint}`.trim();
  },
};

export interface PipelinePorts {
  /** Jira as the app (Forge `asApp()`), before retries are added. */
  jira: JiraPort;
  kvs: KeyValueStore;
  queue: JobQueue<PipelineJob>;
  clock?: Clock;
  /** For the `http` integration backend (Forge's fetch in production, global fetch elsewhere). */
  fetch?: FetchLike;
  backendTimeoutMs?: number;
  /** Replaces the backend the settings choose (tests that count calls). */
  backend?: IntegrationBackend;
  templates?: TemplatePort;
  /** In-place retries of Jira 429/503 (bounded; the platform retries the rest). */
  retry?: Omit<RetryPolicy, 'clock'>;
  hooks?: PipelineHooks;
  log?: PipelineLog;
  integrationConcurrency?: number;
  leaseMs?: number;
  /** How long a run may start integrations before it queues a continuation (default 600 s). */
  runBudgetMs?: number;
}

export interface Pipeline {
  deps: PipelineDeps;
  queue: JobQueue<PipelineJob>;
  processTicket(job: ProcessJob): Promise<ProcessOutcome>;
  recogniseTicket(issueKey: string): Promise<RecognisedTicket>;
  previewTicket(issueKey: string): Promise<PreviewOutcome | null>;
  reportFailure(args: Parameters<typeof reportFailure>[1]): Promise<void>;
}

export function buildPipeline(ports: PipelinePorts): Pipeline {
  const clock = ports.clock ?? systemClock;
  const deps: PipelineDeps = {
    jira: retryingJira(ports.jira, clock, ports.retry),
    kvs: ports.kvs,
    clock,
    templates: ports.templates ?? spreadsheetTemplates,
    loadSettings: (projectKey) => loadSettings(ports.kvs, projectKey),
    backendFor: (settings, projectKey) =>
      ports.backend ??
      createIntegrationBackend(settings.backend, {
        secrets: ports.kvs,
        projectKey,
        ...(ports.fetch ? { fetch: ports.fetch } : {}),
        ...(ports.backendTimeoutMs !== undefined ? { timeoutMs: ports.backendTimeoutMs } : {}),
      }),
    ...(ports.hooks ? { hooks: ports.hooks } : {}),
    ...(ports.log ? { log: ports.log } : {}),
    ...(ports.integrationConcurrency !== undefined ? { integrationConcurrency: ports.integrationConcurrency } : {}),
    ...(ports.leaseMs !== undefined ? { leaseMs: ports.leaseMs } : {}),
    ...(ports.runBudgetMs !== undefined ? { runBudgetMs: ports.runBudgetMs } : {}),
    // A long run queues its continuation on the pipeline's own queue.
    queue: ports.queue,
  };
  return {
    deps,
    queue: ports.queue,
    processTicket: (job) => processTicket(deps, job),
    recogniseTicket: (issueKey) => recogniseTicket(deps, issueKey),
    previewTicket: (issueKey) => previewTicket(deps, issueKey),
    reportFailure: (args) => reportFailure(deps, args),
  };
}
