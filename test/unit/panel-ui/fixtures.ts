/**
 * Panel states for the component tests, built by code: one per state the issue names (not SetDIBA,
 * valid, with problems, running, done, MUX waiting) plus a 311-row template.
 */
import type { HistoryEntry, PanelState, RowView, ServicePlanView } from '../../../src/contracts/panel';
import type { Service } from '../../../src/domain/services';

/** Check digit of a 5-digit INE code (docs/domain.md). */
function ineCheckDigit(five: string): number {
  const A = [0, 3, 8, 2, 7, 4, 1, 5, 9, 6];
  const B = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
  const d = five.split('').map(Number) as [number, number, number, number, number];
  const s = B[d[0]]! + A[d[1]]! + d[2] + B[d[3]]! + A[d[4]]!;
  return (10 - (s % 10)) % 10;
}

export function row(index: number, overrides: Partial<RowView> = {}): RowView {
  const five = `08${String(1 + (index % 300)).padStart(3, '0')}`;
  const ine = `${five}${ineCheckDigit(five)}`;
  const codiEns = `${ine}000${ineCheckDigit(`0${ine.slice(5)}000`.slice(0, 5))}`;
  return {
    id: `10001:Full1:${index + 2}`,
    attachmentId: '10001',
    fileName: 'plantilla-setdiba.xlsx',
    sheet: 'Full1',
    row: index + 2,
    name: `Ajuntament de Prova ${index + 1}`,
    codiEns,
    ine,
    nif: `P08${String(index).padStart(5, '0')}A`,
    dir3: `L01${ine}`,
    serviceAsWritten: 'e-NOTUM',
    service: 'e-NOTUM',
    productionDate: null,
    decision: 'integrate',
    status: 'pending',
    problems: [],
    ...overrides,
  };
}

function servicePlan(service: Service, overrides: Partial<ServicePlanView> = {}): ServicePlanView {
  return {
    service,
    target: 'self',
    targetKey: null,
    environment: 'PRO',
    assignee: null,
    labels: ['setdiba', `setdiba-${service.toLowerCase()}`],
    counts: { integrate: 0, wait: 0, reject: 0, muxPending: 0, blocked: 0, disabled: 0 },
    reviewReasons: [],
    ...overrides,
  };
}

const certificate = {
  status: 'valid' as const,
  serialNumber: '4F2A9C',
  sha256Fingerprint: Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':'),
  notAfter: '2027-05-31T00:00:00.000Z',
};

export function baseState(overrides: Partial<PanelState> = {}): PanelState {
  return {
    issueKey: 'SUP-12',
    lang: 'ca',
    recognition: { recognised: true, rule: 'organization', label: 'setdiba' },
    cloneOf: null,
    attachments: [{ id: '10001', fileName: 'plantilla-setdiba.xlsx', status: 'read', message: null, rowCount: 3 }],
    rows: [row(0), row(1), row(2)],
    plan: {
      computedAt: '2026-11-26T10:00:00.000Z',
      certificate,
      services: [servicePlan('e-NOTUM', { counts: { integrate: 3, wait: 0, reject: 0, muxPending: 0, blocked: 0, disabled: 0 } })],
      unassignedRowIds: [],
      writes: [
        'Posar les etiquetes setdiba, setdiba-e-notum a SUP-12',
        'Integrar 3 ens de e-NOTUM a PRO amb el certificat de número de sèrie 4F2A9C',
        'Afegir a SUP-12 un comentari intern amb el resultat de cada fila',
      ],
    },
    run: { status: 'idle', since: null, step: null },
    history: [],
    siblings: [],
    mux: {
      applicable: false,
      templateDates: [],
      recordedDate: null,
      recordedBy: null,
      owner: null,
      callerIsOwner: false,
      dateReached: false,
      integrated: false,
    },
    checklist: null,
    ...overrides,
  };
}

export const notSetdiba = (): PanelState =>
  baseState({ recognition: { recognised: false, rule: null, label: 'setdiba' }, attachments: [], rows: [], plan: null });

export const valid = (): PanelState => baseState();

export const withProblems = (): PanelState =>
  baseState({
    rows: [
      row(0),
      row(1, {
        nif: 'P0800001X',
        decision: 'reject',
        status: 'rejected',
        problems: [{ severity: 'error', column: 'NIF', value: 'P0800001X', message: 'El dígit de control del NIF no és correcte.' }],
      }),
      row(2, {
        decision: 'wait',
        status: 'waiting',
        problems: [{ severity: 'warning', column: 'Ens', value: 'Ajuntament de Prova 3', message: "El nom no coincideix amb el del municipi de l'INE." }],
      }),
      row(3, {
        serviceAsWritten: 'EACAT',
        service: 'OVER',
        decision: 'wait',
        status: 'waiting',
        problems: [{ severity: 'warning', column: 'DIR3', value: null, message: 'Falta el DIR3.' }],
        dir3: null,
      }),
    ],
  });

const doneHistory: HistoryEntry[] = [
  {
    id: 'run-1',
    at: '2026-11-26T09:30:00.000Z',
    trigger: 'created',
    by: null,
    outcome: 'done',
    summary: '3 ens integrats a e-NOTUM (PRO).',
    createdTickets: ['SUP-13'],
    comments: [
      { id: '501', public: false },
      { id: '502', public: true },
    ],
  },
];

export const running = (): PanelState =>
  baseState({ run: { status: 'running', since: '2026-11-26T10:01:00.000Z', step: 'Integrant els ens: 120 de 311' }, history: doneHistory });

export const done = (): PanelState =>
  baseState({
    rows: [row(0, { status: 'integrated' }), row(1, { status: 'integrated' }), row(2, { status: 'already-integrated' })],
    history: doneHistory,
    siblings: [
      { key: 'SUP-12', service: 'e-NOTUM', summary: 'Alta SetDIBA', status: 'Obert', role: 'original', current: true },
      { key: 'SUP-13', service: 'OVER', summary: '[OVER] Alta SetDIBA', status: 'Obert', role: 'clone', current: false },
    ],
    plan: { ...baseState().plan!, writes: [] },
  });

export const muxWaiting = (options: { callerIsOwner: boolean; dateReached: boolean; recordedDate?: string | null }): PanelState =>
  baseState({
    rows: [0, 1].map((i) => row(i, { service: 'MUX', serviceAsWritten: 'Registre unificat', decision: 'mux-pending', status: 'mux-pending', productionDate: '2026-12-01' })),
    plan: {
      ...baseState().plan!,
      services: [servicePlan('MUX', { assignee: { accountId: 'mux-owner', displayName: 'Toni MUX' }, counts: { integrate: 0, wait: 0, reject: 0, muxPending: 2, blocked: 0, disabled: 0 } })],
    },
    mux: {
      applicable: true,
      templateDates: ['2026-12-01'],
      recordedDate: options.recordedDate === undefined ? '2026-12-01' : options.recordedDate,
      recordedBy: { accountId: 'agent-1', displayName: 'Anna Agent' },
      owner: { accountId: 'mux-owner', displayName: 'Toni MUX' },
      callerIsOwner: options.callerIsOwner,
      dateReached: options.dateReached,
      integrated: false,
    },
  });

export const assisted = (): PanelState =>
  baseState({
    checklist: [0, 1].map((i) => ({
      id: `e-NOTUM:${row(i).codiEns}`,
      service: 'e-NOTUM' as const,
      environment: 'PRO' as const,
      codiEns: row(i).codiEns!,
      name: row(i).name!,
      nif: row(i).nif,
      dir3: row(i).dir3,
      done: i === 0,
      doneBy: i === 0 ? { accountId: 'agent-1', displayName: 'Anna Agent' } : null,
      doneAt: i === 0 ? '2026-11-26T09:45:00.000Z' : null,
    })),
  });

/** The largest template SetDIBA can send: every municipality of the province served. */
export const large = (): PanelState => {
  const rows = Array.from({ length: 311 }, (_, i) =>
    i % 10 === 0
      ? row(i, { decision: 'wait', status: 'waiting', problems: [{ severity: 'warning', column: 'Ens', value: null, message: 'Nom diferent.' }] })
      : row(i),
  );
  return baseState({ rows, attachments: [{ id: '10001', fileName: 'plantilla-311.xlsx', status: 'read', message: null, rowCount: 311 }] });
};

/**
 * The correction loop: the first file had row 2's NIF wrong, the corrected file lists that ens again
 * (integrated now) and leaves out row 3, still to correct.
 */
export const corrected = (): PanelState => {
  const error = { severity: 'error' as const, column: 'NIF', value: 'P0800000Z', message: 'El NIF no és el de l’ens.' };
  const fixed = row(0, { id: '10002:Full1:2', attachmentId: '10002', fileName: 'plantilla-corregida.xlsx', status: 'integrated' });
  return baseState({
    attachments: [
      { id: '10001', fileName: 'plantilla-setdiba.xlsx', status: 'read', message: null, rowCount: 2 },
      { id: '10002', fileName: 'plantilla-corregida.xlsx', status: 'read', message: null, rowCount: 1 },
    ],
    rows: [
      row(0, { decision: 'reject', status: 'replaced', replacedBy: { attachmentId: '10002', fileName: 'plantilla-corregida.xlsx', rowId: fixed.id } }),
      row(1, { decision: 'reject', status: 'rejected', problems: [error] }),
      fixed,
    ],
  });
};
