/**
 * Turns planned rows into results. Rows the plan clears are sent to the integration backend with an
 * idempotency key per (original ticket, batch of attachments, service, environment, ens): a retry of
 * the same batch repeats the same request, while a corrected file (a new batch) may send corrected data; an ens already integrated for the
 * service and environment (by this ticket, an earlier run or an earlier ticket) is reported, not redone.
 * The registry of integrated ens lives in the KeyValueStore, written after the backend confirms.
 */
import { errorMessage, isUserError } from '../../domain/errors';
import { integrationKey, kvsKeys } from '../../domain/idempotency';
import type { PlannedRow, RowDecision, ServicePlan } from '../../domain/plan/types';
import type { RowResult, RowResultKind } from '../../domain/report/types';
import type { Settings } from '../../domain/settings';
import type { IntegrationBackend } from '../../ports/integration-backend';
import { mapLimit } from './concurrency';
import type { PipelineDeps } from './deps';
import type { RunProgress } from './run-progress';

interface IntegratedRecord {
  /** What the backend answered the ticket that asked first. */
  result: 'integrated' | 'already_integrated';
  issueKey: string;
  batch: string;
  at: string;
  reference: string | null;
  /** What the registry page lists (src/usecases/registry); absent from records written before it. */
  service?: string;
  environment?: string;
  codiEns?: string;
  name?: string;
  ine?: string | null;
  nif?: string;
  certificateFingerprint?: string;
}

/** Why the registry page lists an ens as still in progress on a ticket. */
type InProgressReason = 'agent' | 'confirmation' | 'production-date' | 'certificate';

/** A rejected or switched-off row is no longer in progress on this ticket. */
const IN_PROGRESS_BY_DECISION: Record<Exclude<RowDecision, 'integrate'>, InProgressReason | null> = {
  wait: 'confirmation',
  'mux-pending': 'production-date',
  blocked: 'certificate',
  reject: null,
  'service-disabled': null,
};

const BY_DECISION: Record<Exclude<RowDecision, 'integrate'>, RowResultKind> = {
  wait: 'waiting',
  reject: 'rejected',
  'mux-pending': 'muxPending',
  blocked: 'blocked',
  'service-disabled': 'disabled',
};

/**
 * A time budget for a run: rows to integrate not started by `deadlineMs` (on the pipeline's clock) are
 * not sent and go to `deferred`, for a continuation job (src/usecases/process-ticket/continuation.ts).
 */
export interface IntegrationBudget {
  deadlineMs: number;
  deferred: PlannedRow[];
}

export async function integrateRows(
  deps: PipelineDeps,
  args: {
    originKey: string;
    ticketKey: string;
    batch: string;
    plan: ServicePlan;
    settings: Settings;
    backend: IntegrationBackend;
    budget?: IntegrationBudget;
    /** Told how many ens this call sends, and each one sent, for the panel. */
    progress: RunProgress;
  },
): Promise<RowResult[]> {
  const { plan, settings, backend, budget, progress } = args;
  const certificate = settings.certificate.current;
  /**
   * What the registry page lists while the ticket still works on an ens (src/usecases/registry): set
   * while it waits or sits on an agent's checklist, removed once integrated or rejected.
   */
  const noteInProgress = async (row: PlannedRow, reason: InProgressReason | null): Promise<void> => {
    const { codiEns } = row.entity;
    if (!codiEns) return;
    const key = kvsKeys.inProgress(plan.environment, plan.service, codiEns, args.ticketKey);
    if (reason === null) return deps.kvs.delete(key);
    await deps.kvs.set(key, {
      reason,
      issueKey: args.ticketKey,
      batch: args.batch,
      at: deps.clock.now().toISOString(),
      service: plan.service,
      environment: plan.environment,
      codiEns,
      name: row.entity.name ?? undefined,
      ine: row.entity.ine,
      certificateFingerprint: certificate?.sha256Fingerprint,
    });
  };
  const one = async (row: PlannedRow): Promise<RowResult | null> => {
    const base = { entity: row.entity, problems: row.problems };
    if (row.decision !== 'integrate') {
      await noteInProgress(row, IN_PROGRESS_BY_DECISION[row.decision]);
      return { ...base, result: BY_DECISION[row.decision] };
    }
    if (budget && deps.clock.now().getTime() >= budget.deadlineMs) {
      budget.deferred.push(row);
      return null;
    }
    const { codiEns, name, nif } = row.entity;
    if (!codiEns || !name || !nif || !certificate) {
      // The reader marks such rows invalid; this guards a plan built around it.
      return { ...base, result: 'failed', code: 'incomplete_row', detail: 'codiEns/name/nif' };
    }
    const registryKey = kvsKeys.integrated(plan.environment, plan.service, codiEns);
    const known = await deps.kvs.get<IntegratedRecord>(registryKey);
    if (known) {
      // Our own earlier attempt at this very batch: report what it got, as if it had not died.
      const ours = known.issueKey === args.ticketKey && known.batch === args.batch;
      if (ours) return known.result === 'integrated' ? { ...base, result: 'integrated' } : { ...base, result: 'already', where: null };
      return { ...base, result: 'already', where: known.result === 'integrated' ? known.issueKey : null };
    }
    try {
      const outcome = await backend.integrate({
        idempotencyKey: integrationKey(args.originKey, args.batch, plan.service, plan.environment, codiEns),
        issueKey: args.ticketKey,
        service: plan.service,
        environment: plan.environment,
        codiEns,
        name,
        nif,
        dir3: row.entity.dir3,
        certificate: {
          serialNumber: certificate.serialNumber,
          sha256Fingerprint: certificate.sha256Fingerprint,
          pem: certificate.pem,
        },
      });
      switch (outcome.result) {
        case 'pending_agent':
          await noteInProgress(row, 'agent');
          return { ...base, result: 'checklist' };
        case 'rejected':
          return { ...base, result: 'failed', code: outcome.code, detail: outcome.reason };
        case 'integrated':
        case 'already_integrated': {
          const record: IntegratedRecord = {
            result: outcome.result,
            issueKey: args.ticketKey,
            batch: args.batch,
            at: deps.clock.now().toISOString(),
            reference: outcome.reference,
            service: plan.service,
            environment: plan.environment,
            codiEns,
            name,
            ine: row.entity.ine,
            nif,
            certificateFingerprint: certificate.sha256Fingerprint,
          };
          await deps.kvs.set(registryKey, record);
          await noteInProgress(row, null);
          return outcome.result === 'integrated' ? { ...base, result: 'integrated' } : { ...base, result: 'already', where: null };
        }
      }
    } catch (error) {
      // A person can act on a refusal; anything else is the platform's to retry.
      if (isUserError(error)) return { ...base, result: 'failed', code: error.code, detail: errorMessage(error) };
      throw error;
    }
  };
  void progress.planned(plan.rows.filter((row) => row.decision === 'integrate').length);
  const counted = async (row: PlannedRow): Promise<RowResult | null> => {
    const result = await one(row);
    if (row.decision === 'integrate' && result !== null) void progress.sent();
    return result;
  };
  const results = await mapLimit(plan.rows, deps.integrationConcurrency ?? 8, counted);
  return results.filter((r): r is RowResult => r !== null);
}
