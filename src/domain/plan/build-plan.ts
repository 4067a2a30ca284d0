/**
 * Ticket + validated rows + settings → what to do: which ticket each service's rows go to, the labels
 * and owner of each, and for every row whether it is integrated, waits, is rejected or is blocked.
 * Pure and deterministic: previewTicket shows exactly what processTicket then does.
 */
import { SERVICES, SERVICE_SLUG, type Service } from '../services';
import { certificateStatus } from './certificate-status';
import type {
  CertificateStatus,
  EntityProblem,
  PipelineSettings,
  Plan,
  PlannedRow,
  ReviewReason,
  RowDecision,
  ServicePlan,
  ServiceTarget,
  SourcedEntity,
  UnreadableFile,
} from './types';

export const LABEL_BASE = 'setdiba';
export const LABEL_REVIEW = 'setdiba-revisar';
export const LABEL_MUX_PENDING = 'setdiba-pendent-data-pro';
export const serviceLabel = (service: Service) => `${LABEL_BASE}-${SERVICE_SLUG[service]}`;

export interface PlanInput {
  ticketKey: string;
  entities: readonly SourcedEntity[];
  unreadable: readonly UnreadableFile[];
  settings: PipelineSettings;
  now: Date;
  /** Tickets that already hold a service from an earlier batch (run state), this one included. */
  existingTickets: Partial<Record<Service, string>>;
  /** On a clone: the service it holds. */
  selfService: Service | null;
  /** No spreadsheet attachment at all on the ticket. */
  noTemplate?: boolean;
}

/** Entity fields a settings' `requiredColumns` entry may name. */
const REQUIRABLE_FIELDS = ['name', 'codiEns', 'ine', 'nif', 'dir3', 'productionDate'] as const;
type RequirableField = (typeof REQUIRABLE_FIELDS)[number];
const isRequirable = (field: string): field is RequirableField =>
  (REQUIRABLE_FIELDS as readonly string[]).includes(field);

/** The ens a row names: its codi d'ens, else its INE. */
export function entityIdentity(entity: Pick<SourcedEntity, 'codiEns' | 'ine'>): string | null {
  return entity.codiEns ?? entity.ine ?? null;
}

function extraProblems(
  entity: SourcedEntity,
  required: readonly string[],
  seen: Map<string, SourcedEntity>,
): EntityProblem[] {
  const problems: EntityProblem[] = [];
  for (const field of required) {
    if (!isRequirable(field)) continue;
    const value = entity[field];
    const alreadyReported = entity.problems.some((p) => p.field === field && p.severity === 'error');
    if ((value === null || value === '') && !alreadyReported) {
      problems.push({ field, code: 'column.required', severity: 'error', column: null, value: null, params: { field } });
    }
  }
  // The reader finds duplicates within one file; two files of one batch can list the same ens too.
  const identity = entityIdentity(entity);
  if (identity && entity.service) {
    const key = `${entity.service}|${identity}`;
    const first = seen.get(key);
    if (first && first.attachmentId !== entity.attachmentId) {
      problems.push({
        field: entity.codiEns ? 'codiEns' : 'ine',
        code: 'entity.duplicate_in_batch',
        severity: 'error',
        column: null,
        value: identity,
        params: { file: first.fileName, sheet: first.sheet, row: first.row },
      });
    } else if (!first) {
      seen.set(key, entity);
    }
  }
  return problems;
}

function decide(
  service: Service,
  problems: readonly EntityProblem[],
  settings: PipelineSettings,
  certificate: CertificateStatus,
): RowDecision {
  if (problems.some((p) => p.severity === 'error')) return 'reject';
  if (!settings.services[service].enabled) return 'service-disabled';
  if (service === 'MUX') return 'mux-pending';
  if (problems.some((p) => p.severity === 'warning')) return 'wait';
  if (certificate !== 'valid') return 'blocked';
  return 'integrate';
}

function reviewReasonsFor(service: Service, rows: readonly PlannedRow[], settings: PipelineSettings): ReviewReason[] {
  const reasons = new Set<ReviewReason>();
  for (const row of rows) {
    if (row.decision === 'wait') reasons.add('waiting-confirmation');
    if (row.decision === 'blocked') reasons.add('certificate');
    if (row.decision === 'service-disabled') reasons.add('service-disabled');
  }
  if (service === 'MUX' && rows.some((r) => r.decision === 'mux-pending') && !settings.services.MUX.ownerAccountId) {
    reasons.add('mux-owner-missing');
  }
  return [...reasons];
}

function targetFor(
  service: Service,
  keptService: Service | null,
  existing: Partial<Record<Service, string>>,
  ticketKey: string,
): ServiceTarget {
  const known = existing[service];
  if (known) return known === ticketKey ? { kind: 'self' } : { kind: 'existing', key: known };
  return service === keptService ? { kind: 'self' } : { kind: 'new' };
}

export function buildPlan(input: PlanInput): Plan {
  const { settings, ticketKey } = input;
  const certificate = certificateStatus(settings.certificate.current, input.now);
  const seen = new Map<string, SourcedEntity>();
  const byService = new Map<Service, PlannedRow[]>();
  const unassigned: PlannedRow[] = [];

  for (const entity of input.entities) {
    const required = entity.service ? settings.services[entity.service].requiredColumns : [];
    const problems = [...entity.problems, ...extraProblems(entity, required, seen)];
    if (!entity.service) {
      unassigned.push({ entity, decision: 'reject', problems });
      continue;
    }
    const rows = byService.get(entity.service) ?? [];
    rows.push({ entity, decision: decide(entity.service, problems, settings, certificate), problems });
    byService.set(entity.service, rows);
  }

  const present = SERVICES.filter((s) => byService.has(s));
  const ownService =
    input.selfService ?? SERVICES.find((s) => input.existingTickets[s] === ticketKey) ?? null;
  // The ticket keeps its own service; failing that, the first one in SERVICES order — unless umbrella,
  // which is only for a ticket that mixes services (this batch's and those its family already holds).
  const family = new Set<Service>([...present, ...(Object.keys(input.existingTickets) as Service[])]);
  const umbrella = settings.splitMode === 'umbrella' && family.size > 1;
  const keptService = ownService ?? (umbrella || present.length === 0 ? null : (present[0] ?? null));

  const services: ServicePlan[] = present.map((service) => {
    const rows = byService.get(service) ?? [];
    const reviewReasons = reviewReasonsFor(service, rows, settings);
    const labels = [LABEL_BASE, serviceLabel(service)];
    if (service === 'MUX' && rows.some((r) => r.decision === 'mux-pending')) labels.push(LABEL_MUX_PENDING);
    if (reviewReasons.length > 0) labels.push(LABEL_REVIEW);
    return {
      service,
      target: targetFor(service, keptService, input.existingTickets, ticketKey),
      environment: settings.services[service].environment,
      rows,
      labels,
      assignee: service === 'MUX' ? settings.services.MUX.ownerAccountId : null,
      reviewReasons,
    };
  });

  const selfReviewReasons = new Set<ReviewReason>();
  if (unassigned.some((r) => r.problems.some((p) => p.code.startsWith('service.')))) selfReviewReasons.add('no-service');
  if (input.unreadable.length > 0) selfReviewReasons.add('unreadable-file');
  if (input.noTemplate) selfReviewReasons.add('no-template');
  if (!input.noTemplate && input.entities.length === 0 && input.unreadable.length === 0) selfReviewReasons.add('no-rows');

  const selfLabels = new Set<string>([LABEL_BASE]);
  const own = services.find((s) => s.target.kind === 'self');
  if (own) own.labels.forEach((l) => selfLabels.add(l));
  if (keptService && !own) selfLabels.add(serviceLabel(keptService));
  if (selfReviewReasons.size > 0) selfLabels.add(LABEL_REVIEW);

  return {
    ticketKey,
    // What this ticket does, not the setting: a single-service ticket is never an umbrella.
    splitMode: umbrella ? 'umbrella' : 'original-keeps-first',
    certificate,
    services,
    unassigned,
    unreadable: input.unreadable,
    selfLabels: [...selfLabels],
    selfReviewReasons: [...selfReviewReasons],
  };
}

/** Service plans whose rows go to a ticket that does not exist yet. */
export function newTicketServices(plan: Plan): Service[] {
  return plan.services.filter((s) => s.target.kind === 'new').map((s) => s.service);
}
