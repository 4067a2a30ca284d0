/**
 * What agents do from the panel. Each action re-reads the ticket, checks that the action still makes
 * sense (a run in progress, rows no longer held, the MUX owner and date), writes once, and answers
 * with the fresh state so the panel needs no second call.
 */
import type { Service } from '../../domain/services';
import type { PanelPayload, PanelState } from '../../contracts/panel';
import { canDecideRow } from '../../contracts/row-decision';
import type { PanelCaller, PanelDeps, RunRequest } from './deps';
import { PanelActionError } from './errors';
import { emptyPanelMux, rowIdOf, writePanelProperty, type Actor } from './panel-property';
import { getPanelState, loadPanel, type LoadedPanel } from './panel-state';
import { ticketCreatedOn } from './views';

function actor(deps: PanelDeps, caller: PanelCaller): Actor {
  return { accountId: caller.accountId, displayName: caller.displayName, at: deps.clock.now().toISOString() };
}

/** A run queued or in progress will read the ticket as it is then: a second one would only repeat it. */
function assertIdle(loaded: LoadedPanel): void {
  const { status } = loaded.progress.run;
  if (status === 'queued') throw new PanelActionError('conflict', 'errorRunQueued');
  if (status !== 'idle') throw new PanelActionError('conflict', 'errorRunInProgress');
}

function assertSetdiba(loaded: LoadedPanel): void {
  if (!loaded.preview.recognition.recognised) throw new PanelActionError('conflict', 'errorNotSetdiba');
}

/**
 * Runs go to the ticket whose run applies this one's decisions (the original, for a split's ticket).
 * From a split's service ticket the run keeps to that ticket's services: its confirmation listed only
 * their rows, so the original's other rows are left for their own tickets' runs.
 */
async function enqueue(deps: PanelDeps, caller: PanelCaller, reason: RunRequest['reason'], loaded?: LoadedPanel): Promise<PanelState> {
  const home = loaded?.home ?? caller.issueKey;
  const services = home !== caller.issueKey ? loaded?.preview.plan?.services.map((sp) => sp.service) : undefined;
  await deps.pipeline.enqueueRun({ issueKey: home, requestedBy: caller.accountId, reason, ...(services?.length ? { services } : {}) });
  return getPanelState(deps, caller);
}

/** Executa / Torna a executar: the same idempotent pipeline the product events run. */
export async function runNow(deps: PanelDeps, caller: PanelCaller): Promise<PanelState> {
  const loaded = await loadPanel(deps, caller);
  assertSetdiba(loaded);
  assertIdle(loaded);
  return enqueue(deps, caller, 'panel', loaded);
}

/** Confirm or reject rows held for a warning; the next run integrates the confirmed ones. */
export async function decideRows(deps: PanelDeps, caller: PanelCaller, payload: PanelPayload<'decideRows'>): Promise<PanelState> {
  const loaded = await loadPanel(deps, caller);
  assertSetdiba(loaded);
  const rows = new Map(loaded.state.rows.map((row) => [row.id, row]));
  const notHeld = payload.rowIds.filter((rowId) => {
    const row = rows.get(rowId);
    return !row || !canDecideRow(row);
  });
  if (notHeld.length > 0) {
    throw new PanelActionError('conflict', 'errorRowsNotWaiting', { rows: rowLabels(notHeld) });
  }
  const property = {
    ...loaded.property,
    decisions: [
      ...loaded.property.decisions,
      { rowIds: [...new Set(payload.rowIds)], decision: payload.decision, reason: payload.reason?.trim() || null, by: actor(deps, caller) },
    ],
  };
  await writePanelProperty(deps.jiraAsApp, loaded.home, property);
  return getPanelState(deps, caller);
}

/**
 * Any agent records a go-live date SetDIBA gave. Without rows it is the date of the MUX ens that have
 * none; with rows, those rows get it (replacing the template's or an earlier one). A date before the
 * ticket was created (Madrid calendar) is a typing mistake, never SetDIBA's answer: refused.
 */
export async function setMuxProductionDate(
  deps: PanelDeps,
  caller: PanelCaller,
  payload: PanelPayload<'setMuxProductionDate'>,
): Promise<PanelState> {
  const loaded = await loadPanel(deps, caller);
  if (!loaded.state.mux.applicable) throw new PanelActionError('conflict', 'errorNoMuxRows');
  const created = ticketCreatedOn(loaded.preview);
  if (created && payload.date < created) {
    throw new PanelActionError('invalid_input', 'errorMuxDateBeforeTicket', { date: payload.date, created });
  }
  const mux = loaded.property.mux ?? emptyPanelMux();
  const by = actor(deps, caller);
  if (!payload.rowIds) {
    await writePanelProperty(deps.jiraAsApp, loaded.home, { ...loaded.property, mux: { ...mux, date: payload.date, recordedBy: by } });
    return getPanelState(deps, caller);
  }
  const open = new Set((loaded.state.mux.ens ?? []).filter((e) => e.status === 'mux-pending' || e.status === 'mux-scheduled').map((e) => e.rowId));
  const unknown = payload.rowIds.filter((rowId) => !open.has(rowId));
  if (unknown.length > 0) throw new PanelActionError('conflict', 'errorMuxRowsNotWaiting', { rows: rowLabels(unknown) });
  const rowDates = { ...mux.rowDates };
  for (const rowId of payload.rowIds) rowDates[rowId] = { date: payload.date, by };
  await writePanelProperty(deps.jiraAsApp, loaded.home, { ...loaded.property, mux: { ...mux, rowDates } });
  return getPanelState(deps, caller);
}

/** "sheet:row" of row ids, for a refusal an agent can act on. */
function rowLabels(rowIds: readonly string[]): string {
  return rowIds.map((rowId) => rowId.split(':').slice(1).join(':')).join(', ');
}

/**
 * Only the MUX owner. Integrates the MUX ens whose own date is today or past (Madrid); the others keep
 * waiting and the panel says until when. The owner may force one named ens before its date, with a
 * reason the history keeps.
 */
export async function integrateMuxNow(
  deps: PanelDeps,
  caller: PanelCaller,
  payload: PanelPayload<'integrateMuxNow'> = {},
  /** The daily watch asks on the owner's behalf when the project's setting says so. */
  options: { byWatch?: boolean } = {},
): Promise<PanelState> {
  const loaded = await loadPanel(deps, caller);
  const { mux } = loaded.state;
  if (!mux.applicable) throw new PanelActionError('conflict', 'errorNoMuxRows');
  if (!mux.callerIsOwner) {
    throw new PanelActionError('forbidden', 'errorNotMuxOwner', { name: mux.owner?.displayName ?? '—' });
  }
  const ens = mux.ens ?? [];
  const waiting = ens.filter((e) => e.status === 'mux-pending' || e.status === 'mux-scheduled');
  const force = payload.force ?? null;
  if (force && !waiting.some((e) => e.rowId === force.rowId)) {
    throw new PanelActionError('conflict', 'errorMuxRowsNotWaiting', { rows: rowLabels([force.rowId]) });
  }
  if (!force && !ens.some((e) => e.due)) {
    if (waiting.every((e) => !e.date)) throw new PanelActionError('conflict', 'errorNoMuxDate');
    const next = waiting.map((e) => e.date).filter((d): d is string => !!d).sort()[0] ?? '';
    throw new PanelActionError('conflict', 'errorMuxDateNotReached', { date: next });
  }
  assertIdle(loaded);
  const current = loaded.property.mux ?? emptyPanelMux();
  await writePanelProperty(deps.jiraAsApp, loaded.home, {
    ...loaded.property,
    mux: { ...current, integrateRequestedBy: actor(deps, caller), force, byWatch: options.byWatch ?? false },
  });
  return enqueue(deps, caller, 'mux', loaded);
}

/** Assisted mode: tick (or untick) a step done by hand. */
export async function markChecklistStep(
  deps: PanelDeps,
  caller: PanelCaller,
  payload: PanelPayload<'markChecklistStep'>,
): Promise<PanelState> {
  const loaded = await loadPanel(deps, caller);
  if (loaded.preview.backendMode !== 'assisted') throw new PanelActionError('conflict', 'errorNotAssisted');
  if (!loaded.state.checklist?.some((step) => step.id === payload.stepId)) {
    throw new PanelActionError('conflict', 'errorStepUnknown');
  }
  await writePanelProperty(deps.jiraAsApp, loaded.home, {
    ...loaded.property,
    checklist: { ...loaded.property.checklist, [payload.stepId]: { done: payload.done, by: actor(deps, caller) } },
  });
  return getPanelState(deps, caller);
}

/** For a ticket no rule recognised: add the settings' label (a recognition rule) and run. */
export async function processAsSetdiba(deps: PanelDeps, caller: PanelCaller): Promise<PanelState> {
  const loaded = await loadPanel(deps, caller);
  assertIdle(loaded);
  const label = loaded.preview.settings.recognition.label;
  if (!loaded.preview.facts.labels.includes(label)) {
    await deps.jiraAsApp.editIssue(caller.issueKey, { labelsAdd: [label] });
  }
  return enqueue(deps, caller, 'label');
}

/**
 * The workbook of one service's rows, as a split attaches it to that service's ticket: the rows the
 * Files tab lists for it (a split's ticket reads them from the original, its home), one per ens — a row
 * a later file replaced is left out, since the later row stands for its ens.
 */
export async function downloadServiceWorkbook(
  deps: PanelDeps,
  caller: PanelCaller,
  payload: PanelPayload<'downloadServiceWorkbook'>,
): Promise<{ fileName: string; mimeType: string; contentBase64: string }> {
  const service: Service = payload.service;
  const loaded = await loadPanel(deps, caller);
  const replaced = new Set(loaded.state.rows.filter((row) => row.status === 'replaced').map((row) => row.id));
  const planned = loaded.preview.plan?.services.find((sp) => sp.service === service)?.rows ?? [];
  const entities = planned.map((row) => row.entity).filter((entity) => !replaced.has(rowIdOf(entity)));
  if (entities.length === 0) throw new PanelActionError('not_found', 'errorNoRowsForService', { service });
  const file = await deps.pipeline.serviceWorkbook(loaded.home, service, caller.lang, entities);
  return {
    fileName: file.fileName,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: Buffer.from(file.bytes).toString('base64'),
  };
}
