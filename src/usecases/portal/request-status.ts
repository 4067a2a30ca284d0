/**
 * getRequestStatus: the requester's view of a request on the customer portal. It is built from the same
 * state the issue panel shows (src/usecases/panel loadPanel: the plan, the run state `setdiba.run`, the
 * integration records in app storage) and then cut down to what the requester may read: per ens its
 * name, codi, service and where it stands, what to correct for the rows that need it, and nothing
 * internal (no integration references, fingerprints, internal notes, agent names or split ticket keys).
 *
 * A request split by service shows the ens of the whole family: the original holds every row of the
 * template, each with the result of the ticket its service went to, so a service ticket is shown
 * through its original; a service ticket sent a corrected file of its own adds (or replaces) the lines
 * of the ens in that file.
 */
import type { RequestStatus, PortalLine, PortalLineState } from '../../contracts/portal';
import type { RowStatus, RowView } from '../../contracts/panel';
import { kvsKeys } from '../../domain/idempotency';
import { parseRunState, RUN_PROPERTY } from '../../domain/run-state';
import { SERVICES, type Service } from '../../domain/services';
import { loadPanel, type LoadedPanel } from '../panel/panel-state';
import type { PortalCaller, PortalDeps } from './deps';

const LINE_STATE: Readonly<Record<RowStatus, PortalLineState>> = {
  integrated: 'production',
  'already-integrated': 'production',
  'mux-pending': 'waitDate',
  'mux-scheduled': 'waitDate',
  rejected: 'correct',
  pending: 'waitAoc',
  waiting: 'waitAoc',
  confirmed: 'waitAoc',
  blocked: 'waitAoc',
  failed: 'waitAoc',
  // Never shown: familyRows leaves out rows a later file replaced (the later row is the ens's line).
  replaced: 'waitAoc',
};

const STATE_ORDER: readonly PortalLineState[] = ['correct', 'waitDate', 'waitAoc', 'production'];

interface IntegratedRecord {
  at?: unknown;
}

/** The ticket whose plan lists every row of the family: the original of a service ticket, else itself. */
async function familyHome(deps: PortalDeps, issueKey: string): Promise<string> {
  const state = parseRunState(await deps.panel.jiraAsApp.getIssueProperty(issueKey, RUN_PROPERTY));
  return state?.role === 'clone' && state.originKey ? state.originKey : issueKey;
}

/**
 * A service ticket that was sent a corrected file of its own: its rows are read from that file (and its
 * results are its own), so they replace the original's lines for the same ens. Known from its run state
 * without reading anything else; only such tickets are loaded.
 */
async function hasOwnRows(deps: PortalDeps, issueKey: string): Promise<boolean> {
  const state = parseRunState(await deps.panel.jiraAsApp.getIssueProperty(issueKey, RUN_PROPERTY));
  return !!state && Object.values(state.attachments).some((a) => a.status === 'read');
}

const lineKey = (row: RowView) => `${row.service ?? ''}:${row.codiEns ?? `${row.fileName}:${row.sheet}:${row.row}`}`;

async function familyRows(deps: PortalDeps, caller: PortalCaller, loaded: LoadedPanel): Promise<RowView[]> {
  const clones = loaded.progress.siblings.filter((s) => s.role === 'clone' && s.key !== loaded.home).map((s) => s.key);
  const own = await Promise.all(
    clones.map(async (key) =>
      (await hasOwnRows(deps, key)) ? (await loadPanel(deps.panel, { accountId: caller.accountId, displayName: '', issueKey: key, lang: caller.lang })).state : null,
    ),
  );
  const current = (rows: readonly RowView[]) => rows.filter((row) => row.status !== 'replaced');
  const rows = new Map<string, RowView>(current(loaded.state.rows).map((row) => [lineKey(row), row]));
  for (const state of own) for (const row of current(state?.rows ?? [])) rows.set(lineKey(row), row);
  return [...rows.values()];
}

function nameOf(row: RowView): string {
  return row.name ?? row.codiEns ?? row.ine ?? `${row.sheet} ${row.row}`;
}

async function productionSince(deps: PortalDeps, row: RowView, environment: string | undefined): Promise<string | null> {
  if (!row.service || !row.codiEns || !environment) return null;
  const record = await deps.kvs.get<IntegratedRecord>(kvsKeys.integrated(environment, row.service, row.codiEns));
  return typeof record?.at === 'string' && /^\d{4}-\d{2}-\d{2}/.test(record.at) ? record.at.slice(0, 10) : null;
}

async function lineOf(deps: PortalDeps, row: RowView, environments: ReadonlyMap<Service, string>): Promise<PortalLine> {
  const state = LINE_STATE[row.status];
  return {
    name: nameOf(row),
    codiEns: row.codiEns,
    service: row.service,
    state,
    since: state === 'production' ? await productionSince(deps, row, row.service ? environments.get(row.service) : undefined) : null,
    productionDate: state === 'waitDate' ? row.productionDate : null,
    // Only template problems, never a backend's answer: those rows wait for the AOC, not the requester.
    corrections:
      state === 'correct'
        ? row.problems.map((problem) => ({ column: problem.column, value: problem.value, message: problem.message }))
        : [],
  };
}

export async function getRequestStatus(deps: PortalDeps, caller: PortalCaller, issueKey: string): Promise<RequestStatus> {
  const home = await familyHome(deps, issueKey);
  // The panel's caller: only its language and key matter to loadPanel, which writes nothing.
  const loaded = await loadPanel(deps.panel, { accountId: caller.accountId, displayName: '', issueKey: home, lang: caller.lang });
  const { state } = loaded;
  if (!state.recognition.recognised || !state.plan) {
    return { lang: caller.lang, applicable: false, lines: [], unreadableFiles: [], templates: [] };
  }
  const environments = new Map<Service, string>(state.plan.services.map((s) => [s.service, s.environment]));
  const lines = await Promise.all((await familyRows(deps, caller, loaded)).map((row) => lineOf(deps, row, environments)));
  lines.sort(
    (a, b) =>
      SERVICES.indexOf(a.service ?? 'OVER') - SERVICES.indexOf(b.service ?? 'OVER') ||
      STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
      a.name.localeCompare(b.name, caller.lang),
  );
  const services = new Set<Service>(state.plan.services.map((s) => s.service));
  return {
    lang: caller.lang,
    applicable: true,
    lines,
    unreadableFiles: state.attachments
      .filter((a) => a.status === 'unreadable')
      .map((a) => ({ fileName: a.fileName, reason: a.message ?? '' })),
    templates: SERVICES.filter((s) => services.has(s)),
  };
}
