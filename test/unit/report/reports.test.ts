import { checkAdf } from '../../../src/emulator/spec/adf';
import { adfToText } from '../../../src/domain/report/adf';
import { correctionsComment } from '../../../src/domain/report/corrections-comment';
import { muxNotice, splitNotice, unreadableNotice } from '../../../src/domain/report/notices';
import { resultsComment, summaryLine } from '../../../src/domain/report/results-comment';
import { COMMENT_BUDGET_CHARS, fittedResultsComment, resultsCsv } from '../../../src/domain/report/results-fit';
import type { ReportContext, RowResult, ServiceReport } from '../../../src/domain/report/types';
import { LANGS, type Lang } from '../../../src/i18n';
import { pipelineText } from '../../../src/i18n/catalog/pipeline';
import { entity, problem } from '../plan/entities';

const ctx = (lang: Lang): ReportContext => ({
  t: pipelineText(lang, { strict: true }),
  describe: (p) => `[${p.code}]`,
});

const rows: RowResult[] = [
  { entity: entity('OVER', { name: 'Abrera', codiEns: '0800180001' }), result: 'integrated', problems: [] },
  { entity: entity('OVER', { name: 'Alella', codiEns: '0800390004' }), result: 'already', problems: [], where: 'SUP-3' },
  { entity: entity('OVER', { name: 'Alpens' }), result: 'waiting', problems: [problem('name.mismatch', 'warning', 'name')] },
  { entity: entity('OVER', { name: 'Avinyó', nif: 'P0800000X' }), result: 'rejected', problems: [problem('nif.checksum', 'error', 'nif')] },
  { entity: entity('OVER', { name: 'Badalona' }), result: 'checklist', problems: [] },
];

const report = (patch: Partial<ServiceReport> = {}): ServiceReport => ({
  service: 'OVER',
  environment: 'PRO',
  ticketKey: 'SUP-2',
  mode: 'assisted',
  rows,
  certificate: { status: 'valid', serialNumber: '0A1B', sha256Fingerprint: 'AB:CD' },
  owner: null,
  reviewReasons: ['waiting-confirmation'],
  ...patch,
});

describe.each(LANGS)('reports in %s', (lang) => {
  it('are valid ADF and use only catalogued texts', () => {
    const docs = [
      resultsComment(report(), ctx(lang)),
      resultsComment(report({ service: 'MUX', owner: { accountId: 'owner-1', displayName: 'Toni' }, rows: [{ entity: entity('MUX'), result: 'muxPending', problems: [] }] }), ctx(lang)),
      correctionsComment([{ entity: rows[3]!.entity, problems: rows[3]!.problems }], ctx(lang)),
      splitNotice([{ service: 'OVER', key: 'SUP-3' }], 'MUX', ctx(lang).t),
      muxNotice([entity('MUX', { productionDate: '2026-07-01' }), entity('MUX')], ctx(lang).t),
      unreadableNotice([{ attachmentId: '1', fileName: 'bomba.xlsx', code: 'file.too_large', message: '' }], ctx(lang)),
    ];
    for (const d of docs) expect(checkAdf(d, 'comment')).toEqual([]);
  });
});

describe('the internal results comment', () => {
  it('summarises, then lists each row with ens, codi d\'ens, NIF, DIR3, result and detail', () => {
    const text = adfToText(resultsComment(report(), ctx('ca')));
    expect(text).toContain('Integracions SetDIBA · OVER · PRO');
    expect(text).toContain('5 ens en aquest tiquet: 1 integrat, 1 ja integrat, 1 pendent d\'un agent, 1 pendent de confirmació i 1 rebutjat.');
    expect(text).toContain('Fila | Ens | Codi d\'ens | NIF | DIR3 | Resultat | Detall');
    expect(text).toMatch(/Abrera \| 0800180001 \| P0800100J \| L01080018 \| Integrat \| Integrat a PRO amb el certificat 0A1B\./);
    expect(text).toContain('Ja integrat a PRO (SUP-3); no s\'ha tornat a fer.');
    expect(text).toContain('[nif.checksum]');
    expect(text).toContain('Cal revisió d\'un agent: hi ha files amb avisos pendents de confirmació.');
  });

  it('carries the assisted-mode checklist as an ADF task list with every detail an agent needs', () => {
    const body = resultsComment(report(), ctx('ca'));
    const list = body.content.find((n) => n.type === 'taskList');
    expect(list?.content).toHaveLength(1);
    expect(adfToText(list)).toBe(
      '[ ] Integrar Badalona a OVER (PRO): codi d\'ens 0800180001, NIF P0800100J, DIR3 L01080018, certificat núm. de sèrie 0A1B, empremta SHA-256 AB:CD.',
    );
  });

  it('names the MUX owner and says MUX waits for the production date', () => {
    const mux = report({ service: 'MUX', owner: { accountId: 'owner-1', displayName: 'Toni' }, rows: [{ entity: entity('MUX'), result: 'muxPending', problems: [] }] });
    const text = adfToText(resultsComment(mux, ctx('ca')));
    expect(text).toContain('MUX: @Toni fa les integracions');
    expect(text).toContain('SetDIBA ha d\'indicar la data de pas a producció.');
  });

  it('explains a blocked certificate', () => {
    const blocked = report({ certificate: { status: 'expired', serialNumber: '0A1B', sha256Fingerprint: null }, rows: [{ entity: entity('OVER'), result: 'blocked', problems: [] }] });
    expect(adfToText(resultsComment(blocked, ctx('ca')))).toContain('el certificat CDA de SetDIBA ha caducat');
  });

  it('asks for the renewed certificate from 30 days before it expires, in every language', () => {
    const expiring = report({ certificate: { status: 'valid', serialNumber: '0A1B', sha256Fingerprint: 'AB:CD', expiring: { daysLeft: 12, expiresOn: '2026-12-08' } } });
    expect(adfToText(resultsComment(expiring, ctx('ca')))).toContain('El certificat CDA de SetDIBA caduca el 8 de desembre de 2026 (d\'aquí a 12 dies)');
    expect(adfToText(resultsComment(expiring, ctx('en')))).toContain('expires on 8 December 2026 (in 12 days)');
    expect(checkAdf(resultsComment(expiring, ctx('es')), 'comment')).toEqual([]);
    expect(adfToText(resultsComment(report(), ctx('ca')))).not.toContain('caduca');
  });

  // What it costs in Jira calls is tested end to end (behaviours.test.ts, "cost"); here, only the counting.
  it('counts every row in the summary line, however many (311)', () => {
    const many = Array.from({ length: 311 }, () => rows[0]!);
    expect(summaryLine({ rows: many }, ctx('en'))).toBe('311 entities in this ticket: 311 integrated.');
  });
});

describe('the public "what to correct" comment', () => {
  it('names file, sheet, row, column, value and the reason, in the requester\'s language', () => {
    const rejected = entity('OVER', { fileName: 'alta.xlsx', sheet: 'OVER', row: 7 });
    const p = { ...problem('nif.checksum', 'error', 'nif'), column: 'NIF', value: 'P0800000X' };
    const text = adfToText(correctionsComment([{ entity: rejected, problems: [p] }], ctx('es')));
    expect(text).toContain('alta.xlsx, hoja «OVER», fila 7, NIF «P0800000X»: [nif.checksum]');
  });

  it('is not written when nothing is rejected', () => {
    expect(correctionsComment([], ctx('ca'))).toBeNull();
  });
});

describe('notices', () => {
  it('the split notice lists the new tickets in service order and what the original keeps', () => {
    const text = adfToText(splitNotice([{ service: 'OVER', key: 'SUP-4' }, { service: 'e-NOTUM', key: 'SUP-3' }], 'MUX', ctx('ca').t));
    expect(text).toContain('- e-NOTUM: SUP-3\n- OVER: SUP-4');
    expect(text).toContain('Aquest tiquet continua amb el servei MUX.');
  });

  it('the unreadable-file notice names the file and the reason', () => {
    const text = adfToText(unreadableNotice([{ attachmentId: '1', fileName: 'dades.xls', code: 'file.parse_died', message: '' }], ctx('ca')));
    expect(text).toContain('No hem pogut llegir el fitxer «dades.xls»: la lectura del fitxer es va interrompre');
  });

  it('the MUX notice gives the production dates and asks for the missing ones', () => {
    const text = adfToText(muxNotice([entity('MUX', { name: 'Abrera', productionDate: '2026-07-01' }), entity('MUX', { name: 'Alella', codiEns: '0800390004' })], ctx('ca').t));
    expect(text).toContain('Abrera (0800180001): 1 de juliol de 2026');
    expect(text).toContain('Cal que SetDIBA indiqui la data de pas a producció d\'aquests ens:\n- Alella (0800390004)');
  });
});

describe('a results comment for many rows', () => {
  const many: RowResult[] = Array.from({ length: 311 }, (_, i) => ({
    entity: entity('OVER', { name: `Ens ${i}`, row: i + 2 }),
    result: i === 200 ? 'rejected' : 'integrated',
    problems: i === 200 ? [problem('nif.checksum', 'error', 'nif')] : [],
  }));

  it('stays one comment within Jira\'s size limit, rows needing a person first, the rest in a CSV', () => {
    const fitted = fittedResultsComment(report({ rows: many }), ctx('ca'), 'resultats.csv');
    expect(fitted.partial).toBe(true);
    expect(JSON.stringify(fitted.body).length).toBeLessThanOrEqual(COMMENT_BUDGET_CHARS);
    const text = adfToText(fitted.body);
    expect(text).toContain('311 ens en aquest tiquet: 310 integrats i 1 rebutjat.');
    expect(text.indexOf('Ens 200')).toBeLessThan(text.indexOf('Ens 0 '));
    expect(text).toMatch(/Aquí es mostren \d+ de 311 files/);
    expect(checkAdf(fitted.body, 'comment')).toEqual([]);
    const csv = resultsCsv(report({ rows: many }), ctx('ca'));
    expect(csv.trim().split('\r\n')).toHaveLength(312);
  });

  it('keeps every row when they fit', () => {
    expect(fittedResultsComment(report(), ctx('ca'), 'x.csv').partial).toBe(false);
  });
});

describe('a "what to correct" comment for many rows', () => {
  it('stays within Jira\'s limit and says how many problems are left out', () => {
    const rejected = Array.from({ length: 400 }, (_, i) => ({
      entity: entity('OVER', { row: i + 2 }),
      problems: [{ ...problem('nif.checksum', 'error', 'nif'), column: 'NIF', value: 'P0800000X' }],
    }));
    const body = correctionsComment(rejected, ctx('ca'))!;
    expect(JSON.stringify(body).length).toBeLessThanOrEqual(28_000);
    expect(adfToText(body)).toMatch(/Hi ha \d+ problemes més que no caben en aquest comentari/);
  });
});
