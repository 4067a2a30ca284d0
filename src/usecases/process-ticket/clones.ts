/**
 * One ticket per service: finds or raises the ticket of each service the plan sends elsewhere.
 * Before raising one it looks for an earlier clone by its indexed property, and it takes a create-once
 * lock per (original, service), so duplicate or retried runs never raise a second ticket for a service.
 * The property is set by the very request that creates the ticket (see raiseClone).
 * A new ticket is raised on behalf of the same customer, with the same request type (or the one the
 * settings give the service) and organizations, summary `[<service>] <original>`, the original
 * description, a workbook with only that service's rows, and a "Cloners" link to the original.
 */
import { settleAll } from './settle';
import { kvsKeys, contentHash } from '../../domain/idempotency';
import { doc, paragraph, type AdfDoc } from '../../domain/report/adf';
import { UserError } from '../../domain/errors';
import type { Plan, ServicePlan } from '../../domain/plan/types';
import { RUN_PROPERTY, cloneRunState, cloneSearchJql } from '../../domain/run-state';
import type { Service } from '../../domain/services';
import type { Settings } from '../../domain/settings';
import type { Lang } from '../../i18n';
import { RequestTypeFieldRefusedError, type JsmRequestType, type NewIssue } from '../../ports/jira';
import type { PipelineDeps } from './deps';
import type { LoadedTicket } from './ticket';
import { findUntaggedJsmClone, raiseCloneViaJsm, type CloneLock } from './jsm-clone';

export const CLONE_LINK_TYPE = 'Cloners';

export interface ServiceTicket {
  service: Service;
  key: string;
  /** Raised by this very attempt: it has no comments yet, so there is nothing to look up. */
  fresh: boolean;
  /** Raised with its labels and assignee in the create request: nothing left to edit on it. */
  labelled?: boolean;
}

/** The service tickets, and what is still being done to the new ones (link, workbook), to await later. */
export interface ServiceTickets {
  tickets: ServiceTicket[];
  /** Runs alongside the next step (labels, integrations): nothing there needs the link or the workbook. */
  finishing: Promise<void>;
}

/** The codis d'ens of a service ticket's rows: what its run property lets agents search it by. */
function planCodis(plan: ServicePlan): string[] {
  return plan.rows.flatMap((row) => (row.entity.codiEns ? [row.entity.codiEns] : []));
}

export function cloneFileName(service: Service, originKey: string): string {
  return `SetDIBA-${service}-${originKey}.xlsx`;
}

async function findClone(deps: PipelineDeps, projectKey: string, originKey: string, service: Service): Promise<string | null> {
  const page = await deps.jira.searchJql(cloneSearchJql(projectKey, originKey, service));
  // Oldest first if ever two exist: the first one raised is the one the run state would know.
  const keys = [...page.keys].sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()));
  return keys[0] ?? null;
}

/** A clone found again (earlier attempt): makes sure what follows its creation happened too. */
async function completeClone(
  deps: PipelineDeps,
  ticket: LoadedTicket,
  plan: ServicePlan,
  key: string,
  workbook: () => Promise<Uint8Array>,
  tagged: boolean,
): Promise<void> {
  const clone = await deps.jira.getIssue(key);
  if (!clone) return;
  const origin = ticket.issue.key;
  const work: Promise<unknown>[] = [];
  // Known from the lock only: the attempt that raised it may have died before tagging it.
  if (!tagged) work.push(deps.jira.setIssueProperty(key, RUN_PROPERTY, cloneRunState(origin, plan.service, null, planCodis(plan))));
  if (!clone.links.some((l) => l.key === origin)) work.push(deps.jira.createIssueLink(CLONE_LINK_TYPE, key, origin));
  const fileName = cloneFileName(plan.service, origin);
  if (!clone.attachments.some((a) => a.filename === fileName)) {
    work.push(
      workbook().then(async (bytes) => {
        await settleAll([
          deps.jira.setIssueProperty(key, RUN_PROPERTY, cloneRunState(origin, plan.service, contentHash(bytes), planCodis(plan))),
          deps.jira.addAttachment(key, fileName, bytes, XLSX_MIME),
        ]);
      }),
    );
  }
  await settleAll(work);
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function ensureServiceTickets(
  deps: PipelineDeps,
  ticket: LoadedTicket,
  plan: Plan,
  settings: Settings,
  known: Partial<Record<Service, string>>,
  lang: Lang,
  originKey: string,
): Promise<ServiceTickets> {
  const origin = ticket.issue.key;
  // The service desk's request types, read once however many clones need an issue type from them.
  let requestTypes: Promise<JsmRequestType[]> | null = null;
  const readRequestTypes = (serviceDeskId: string) => (requestTypes ??= deps.jira.getRequestTypes(serviceDeskId));
  // The JSM field ids, asked for while the locks are taken (one call, only on runs that raise a ticket).
  const toRaise = plan.services.filter((sp) => sp.target.kind === 'new' && !known[sp.service]);
  const fields = toRaise.length > 0 && ticket.request ? jsmFieldIds(deps) : null;
  fields?.catch(() => undefined);
  // The services with no ticket yet, raised together below (one request, keys in service order).
  const pending: ToRaise[] = [];
  const resolved = await settleAll(
    plan.services.map(async (servicePlan): Promise<ServiceTicket | null> => {
      const { service, target } = servicePlan;
      if (target.kind === 'self') return { service, key: origin, fresh: false };
      if (target.kind === 'existing') return { service, key: target.key, fresh: false };
      const workbook = () =>
        deps.templates.write(
          servicePlan.rows.map((r) => r.entity),
          service,
          lang,
        );
      const remembered = known[service];
      if (remembered) return { service, key: remembered, fresh: false };

      // A clone's own run looks its siblings up by the original's key: no lock of its own covers them.
      const earlier = originKey !== origin ? await findClone(deps, ticket.issue.projectKey, originKey, service) : null;
      if (earlier) {
        await completeClone(deps, ticket, servicePlan, earlier, workbook, true);
        return { service, key: earlier, fresh: false };
      }
      const lockKey = kvsKeys.cloneLock(origin, service);
      if (!(await deps.kvs.setIfAbsent(lockKey, { state: 'creating', key: null } satisfies CloneLock))) {
        const lock = await deps.kvs.get<CloneLock>(lockKey);
        if (lock?.key) {
          await completeClone(deps, ticket, servicePlan, lock.key, workbook, false);
          return { service, key: lock.key, fresh: false };
        }
        // An attempt took the lock and died: the ticket it may have raised carries its property from
        // creation, so the search finds it (only this path searches: a lock taken now means no clone).
        const raised = await findClone(deps, ticket.issue.projectKey, originKey, service);
        if (raised) {
          await completeClone(deps, ticket, servicePlan, raised, workbook, true);
          return { service, key: raised, fresh: false };
        }
        // Raised through JSM's create by an attempt that died before recording the key: adopt it.
        const adopted = lock?.jsm ? await findUntaggedJsmClone(deps, ticket.issue.projectKey, lock.jsm) : null;
        if (adopted && lock?.jsm) {
          await deps.kvs.set(lockKey, { state: 'created', key: adopted, jsm: lock.jsm } satisfies CloneLock);
          await completeClone(deps, ticket, servicePlan, adopted, workbook, false);
          return { service, key: adopted, fresh: false };
        }
        // 'creating' with no clone to be found by property: the attempt that took the lock died before
        // Jira raised the ticket (a raised ticket carries its property from creation, so the search
        // would have found it). The run lease guarantees that attempt is over: raising it now is safe.
        deps.log?.warn('clone lock left by a dead attempt; raising the clone', { origin, service });
      }
      pending.push({ plan: servicePlan, workbook });
      return null;
    }),
  );
  const order = (a: ToRaise, b: ToRaise) => plan.services.indexOf(a.plan) - plan.services.indexOf(b.plan);
  const raised = await raiseClones(deps, ticket, pending.sort(order), settings, fields, readRequestTypes);
  const tickets = plan.services.map((sp, i): ServiceTicket => {
    const found = resolved[i];
    if (found) return found;
    const created = raised.get(sp.service)!;
    return { service: sp.service, key: created.key, fresh: true, labelled: created.labelled };
  });
  const finishing = [...raised.values()].map((r) => r.finishing.then(() => deps.hooks?.afterStep?.('clone-created', origin)));
  return { tickets, finishing: settleAll(finishing).then(() => undefined) };
}

/** A service ticket to raise: its part of the plan, and its rows as a workbook. */
interface ToRaise {
  plan: ServicePlan;
  workbook: () => Promise<Uint8Array>;
}

/** JSM's custom fields, found by their type: their ids differ from site to site. */
export interface JsmFieldIds {
  requestType: string | null;
  organizations: string | null;
}

const REQUEST_TYPE_FIELD_TYPE = 'com.atlassian.servicedesk:vp-origin';
const ORGANIZATIONS_FIELD_TYPE = 'com.atlassian.servicedesk:sd-customer-organizations';

/** One call, only on runs that raise a ticket; run alongside the clone search. */
export async function jsmFieldIds(deps: PipelineDeps): Promise<JsmFieldIds> {
  const fields = await deps.jira.getFields();
  const byType = (type: string) => fields.find((f) => f.customType === type)?.id ?? null;
  return { requestType: byType(REQUEST_TYPE_FIELD_TYPE), organizations: byType(ORGANIZATIONS_FIELD_TYPE) };
}

/** The original's description as text (what JSM's create-request took), one paragraph per line. */
function descriptionAdf(text: string): AdfDoc | null {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.length > 0 ? doc(...lines.map((line) => paragraph(line))) : null;
}

/** Jira refuses summaries over 255 characters; the service prefix must not make a long one fail. */
const MAX_SUMMARY = 255;

type ReadRequestTypes = (serviceDeskId: string) => Promise<JsmRequestType[]>;

async function issueTypeOf(readRequestTypes: ReadRequestTypes, ticket: LoadedTicket, serviceDeskId: string, requestTypeId: string): Promise<string> {
  if (requestTypeId === ticket.request?.requestTypeId) return ticket.issue.issueTypeId;
  const types = await readRequestTypes(serviceDeskId);
  const found = types.find((t) => t.id === requestTypeId);
  if (!found?.issueTypeId) {
    throw new UserError('split.request_type_unknown', `Request type ${requestTypeId} does not exist in service desk ${serviceDeskId}`);
  }
  return found.issueTypeId;
}

/**
 * Raises the tickets with the platform API, all in one bulk request in service order (so their keys
 * follow it), which stores each one's `setdiba.run` property (role clone, origin,
 * service — what the clone search looks for) in the same request that creates it. There is therefore
 * no moment at which the clone exists untagged: a process that dies right after Jira answered leaves a
 * ticket the retry finds by property, and the link, the lock and the workbook are completed then.
 *
 * The platform create sets what the JSM one does — reporter (the customer), request type (the Request
 * Type field, whose value is the request type id), organizations — plus the description as ADF. That
 * use of the field is undocumented: if the site refuses it, JSM's create-request API raises the ticket
 * instead, for that ticket, and the lock covers the moment it is untagged (see jsm-clone.ts).
 */
interface RaisedClone {
  key: string;
  labelled: boolean;
  /** Its link to the original and its workbook, to await alongside the caller's next step. */
  finishing: Promise<void>;
}

async function raiseClones(
  deps: PipelineDeps,
  ticket: LoadedTicket,
  toRaise: readonly ToRaise[],
  settings: Settings,
  known: Promise<JsmFieldIds> | null,
  readRequestTypes: ReadRequestTypes,
): Promise<Map<Service, RaisedClone>> {
  if (toRaise.length === 0) return new Map();
  const { request, facts, issue } = ticket;
  if (!request || !facts.serviceDeskId) {
    throw new UserError('split.not_a_request', `${issue.key} is not a Jira Service Management request; it cannot be split`);
  }
  const serviceDeskId = facts.serviceDeskId;
  const fields = await (known ?? jsmFieldIds(deps));
  const requestTypeField = fields.requestType;
  if (!requestTypeField) {
    throw new UserError('split.no_request_type_field', 'The site has no Jira Service Management "Request Type" field; the ticket cannot be split');
  }
  const organizationIds = facts.organizations.map((o) => o.id);
  if (organizationIds.length > 0 && !fields.organizations) {
    deps.log?.warn('no Organizations field on the site; the clone is not shared with organizations', { origin: issue.key });
  }
  const summary = (plan: ServicePlan) => `[${plan.service}] ${facts.summary}`.slice(0, MAX_SUMMARY);
  const prepared = await settleAll(
    toRaise.map(async ({ plan, workbook }) => {
      const requestTypeId = settings.services[plan.service].requestTypeId ?? request.requestTypeId;
      const [bytes, issueTypeId] = await settleAll([workbook(), issueTypeOf(readRequestTypes, ticket, serviceDeskId, requestTypeId)]);
      const runState = cloneRunState(issue.key, plan.service, contentHash(bytes), planCodis(plan));
      const newIssue: NewIssue = {
        projectKey: issue.projectKey,
        issueTypeId,
        summary: summary(plan),
        description: descriptionAdf(facts.descriptionText),
        reporterAccountId: facts.reporter?.accountId ?? null,
        requestType: { fieldId: requestTypeField, requestTypeId },
        organizations: fields.organizations && organizationIds.length > 0 ? { fieldId: fields.organizations, ids: organizationIds } : null,
        properties: { [RUN_PROPERTY]: runState },
        // Its labels and owner in the same request: no edit of the new ticket afterwards.
        labels: [...plan.labels],
        assigneeAccountId: plan.assignee,
      };
      return { plan, bytes, requestTypeId, runState, newIssue };
    }),
  );
  const answers = await deps.jira.createIssues(prepared.map((p) => p.newIssue));
  const raised = await settleAll(
    prepared.map(async ({ plan, bytes, requestTypeId, runState }, i): Promise<[Service, RaisedClone]> => {
      const answer = answers[i]!;
      let key: string;
      let labelled = false;
      if (answer.ok) {
        key = answer.key;
        labelled = true;
      } else {
        if (!(answer.error instanceof RequestTypeFieldRefusedError)) throw answer.error;
        // The site refuses the undocumented platform create of a request: JSM's documented one instead.
        deps.log?.warn('the platform create refused the Request Type field; raising the clone with JSM\'s create', { origin: issue.key });
        key = await raiseCloneViaJsm(deps, {
          lockKey: kvsKeys.cloneLock(issue.key, plan.service),
          originKey: issue.key,
          runState,
          request: {
            serviceDeskId,
            requestTypeId,
            summary: summary(plan),
            descriptionText: facts.descriptionText,
            raiseOnBehalfOf: facts.reporter?.accountId ?? null,
            organizationIds: fields.organizations ? organizationIds : [],
          },
        });
      }
      // The clone exists and is tagged; dying here is survivable (the retry finds it by property).
      await deps.hooks?.afterStep?.('clone-raised', issue.key);
      // The lock records the key before anything else is said to be done; the link and the workbook go
      // on alongside the caller's next step.
      await deps.kvs.set(kvsKeys.cloneLock(issue.key, plan.service), { state: 'created', key } satisfies CloneLock);
      const finishing = settleAll([
        deps.jira.createIssueLink(CLONE_LINK_TYPE, key, issue.key),
        deps.jira.addAttachment(key, cloneFileName(plan.service, issue.key), bytes, XLSX_MIME),
      ]).then(() => undefined);
      return [plan.service, { key, labelled, finishing }];
    }),
  );
  return new Map(raised);
}
