/**
 * A scenario's `panel` step as the issue panel would do it: the action becomes the resolver calls the
 * panel's buttons make, as the chosen user, with rows named by codi d'ens turned into the panel's row
 * ids. Features the panel contract does not offer yet (per-ens MUX dates, forcing one ens, the results
 * download) are looked up in the contract at run time and refused as `unsupported_action` until then.
 */
import { PANEL_FUNCTIONS, panelPayloadSchemas, type PanelState, type RowView } from '../../contracts/panel';
import type { PanelAction } from './schema';
import { StepFailure } from './step-failure';

/** Calls one panel resolver function on the step's ticket as the step's user; answers `data` or throws StepFailure. */
export type PanelInvoke = (functionKey: string, payload: unknown) => Promise<unknown>;

export interface PanelActionInput {
  action: PanelAction;
  ens?: readonly string[];
  date?: string;
  reason?: string;
  force?: boolean;
  format?: 'csv' | 'xlsx';
}

/** What the panel contract offers: its functions and the fields each payload takes. */
export interface PanelContractFeatures {
  functions: readonly string[];
  payloadKeys(fn: string): readonly string[];
}

export const PANEL_CONTRACT: PanelContractFeatures = {
  functions: PANEL_FUNCTIONS,
  payloadKeys(fn) {
    const schema = (panelPayloadSchemas as Record<string, unknown>)[fn] as { shape?: Record<string, unknown> } | undefined;
    return Object.keys(schema?.shape ?? {});
  },
};

/**
 * The rows a step names by codi d'ens (never a row a later file replaced), kept to `only` (e.g. MUX rows
 * for a date: the same ens may stand in another service's rows too); without ens, the `fallback` rows.
 */
function rowsOf(
  state: PanelState,
  ens: readonly string[] | undefined,
  fallback: (row: RowView) => boolean,
  only: (row: RowView) => boolean = () => true,
): RowView[] {
  if (!ens) return state.rows.filter(fallback);
  const wanted = new Set(ens);
  const rows = state.rows.filter((row) => row.codiEns !== null && wanted.has(row.codiEns) && row.status !== 'replaced' && only(row));
  const found = new Set(rows.map((row) => row.codiEns));
  const missing = ens.filter((codi) => !found.has(codi));
  if (missing.length > 0) throw new StepFailure('no_matching_rows', 'error.noMatchingRows', { ens: missing.join(', ') });
  return rows;
}

/** MUX rows the date or the force applies to; the service is known once the row is read. */
const isMux = (row: RowView) => row.service === 'MUX';

export async function runPanelAction(
  invoke: PanelInvoke,
  input: PanelActionInput,
  contract: PanelContractFeatures = PANEL_CONTRACT,
): Promise<unknown> {
  const state = async () => (await invoke('getPanelState', {})) as PanelState;
  switch (input.action) {
    case 'state':
      return invoke('getPanelState', {});
    case 'preview':
      return invoke('preview', {});
    case 'run':
      return invoke('run', {});
    case 'confirm':
    case 'reject': {
      // Without ens: the rows the panel holds for a decision.
      const rows = rowsOf(await state(), input.ens, (row) => row.status === 'waiting');
      if (rows.length === 0) throw new StepFailure('no_matching_rows', 'error.noWaitingRows', {});
      return invoke('decideRows', {
        rowIds: rows.map((row) => row.id),
        decision: input.action,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
      });
    }
    case 'mux-date': {
      if (input.date === undefined) throw new StepFailure('invalid_step', 'error.missingField', { field: 'date' });
      if (!input.ens) return invoke('setMuxProductionDate', { date: input.date });
      if (!contract.payloadKeys('setMuxProductionDate').includes('rowIds')) {
        throw new StepFailure('unsupported_action', 'error.unsupported', { action: 'mux-date + ens' });
      }
      const rows = rowsOf(await state(), input.ens, isMux, isMux);
      return invoke('setMuxProductionDate', { date: input.date, rowIds: rows.map((row) => row.id) });
    }
    case 'integrate-mux': {
      if (!input.force) return invoke('integrateMuxNow', {});
      if (!contract.payloadKeys('integrateMuxNow').includes('force')) {
        throw new StepFailure('unsupported_action', 'error.unsupported', { action: 'integrate-mux + force' });
      }
      if (input.ens?.length !== 1) throw new StepFailure('invalid_step', 'error.forceOneEns', {});
      if (!input.reason) throw new StepFailure('invalid_step', 'error.missingField', { field: 'reason' });
      const [row] = rowsOf(await state(), input.ens, isMux, isMux);
      return invoke('integrateMuxNow', { force: { rowId: row!.id, reason: input.reason } });
    }
    case 'checklist-done': {
      const checklist = (await state()).checklist ?? [];
      const wanted = input.ens ? new Set(input.ens) : null;
      const steps = checklist.filter((step) => !step.done && (wanted === null || wanted.has(step.codiEns)));
      if (steps.length === 0) throw new StepFailure('no_matching_rows', 'error.noChecklistSteps', {});
      let last: unknown = null;
      for (const step of steps) last = await invoke('markChecklistStep', { stepId: step.id, done: true });
      return last;
    }
    case 'download-results': {
      // The function that downloads the complete results table, once the contract has one.
      const fn = contract.functions.find((name) => /download.*result/i.test(name));
      if (!fn) throw new StepFailure('unsupported_action', 'error.unsupported', { action: 'download-results' });
      const keys = contract.payloadKeys(fn);
      const file = (await invoke(fn, keys.includes('format') ? { format: input.format ?? 'csv' } : {})) as {
        fileName?: string;
        mimeType?: string;
        contentBase64?: string;
      };
      // The bytes themselves would drown the report: their name, type and size say what was handed out.
      return { fileName: file.fileName ?? null, mimeType: file.mimeType ?? null, bytes: Buffer.from(file.contentBase64 ?? '', 'base64').length };
    }
  }
}
