/**
 * A batch too long for one Jira comment (a results table of 200 ens): the results comment stays one
 * comment under Jira's limit — also when the process dies right after posting the comments and the
 * platform runs the job again — and the complete table is never attached (JSM shows every attachment
 * to the customer): it is downloadable from the issue panel as CSV or XLSX, generated on demand.
 */
import { read, utils } from 'xlsx';
import { issuesOf } from '../../../src/cli/simulate-report';
import { ajuntament, ajuntaments, template } from './fixtures';
import { DEMO, startHarness, type Harness } from './harness';
import { panelFor } from './panel-client';

type Download = { fileName: string; mimeType: string; contentBase64: string };

const ROWS = 200;
const JIRA_COMMENT_LIMIT = 32_767;

describe('a results table longer than a Jira comment', () => {
  let h: Harness;
  let key: string;
  let crashed = false;
  beforeAll(async () => {
    h = await startHarness({
      backend: 'http',
      hooks: {
        afterStep: (step) => {
          if (step === 'internal-comments' && !crashed) {
            crashed = true;
            throw new Error('simulated crash after the results comment');
          }
        },
      },
    });
    key = h.raise({ files: { 'alta.xlsx': template(ajuntaments(ROWS, 'OVER', 0)) } });
    await h.drain();
  });
  afterAll(() => h.stop());

  const csvFiles = () => {
    const issue = h.emulator.site.issue(key)!;
    return h.emulator.site.attachmentsOf(issue).filter((a) => a.filename.endsWith('.csv'));
  };

  it('was run again after the crash', () => {
    expect(crashed).toBe(true);
    expect(h.outcomes.at(-1)).toMatchObject({ status: 'processed', outcome: { status: 'done', issueKey: key } });
  });

  it('posts one results comment, under the limit, that says where the complete table is', () => {
    const internal = issuesOf(h.emulator)
      .find((i) => i.key === key)!
      .comments.filter((c) => !c.public);
    expect(internal).toHaveLength(1);
    const stored = h.emulator.site.commentsOf(h.emulator.site.issue(key)!);
    for (const comment of stored) expect(JSON.stringify(comment.body).length).toBeLessThan(JIRA_COMMENT_LIMIT);
    expect(internal[0]!.text).toMatch(/descarregar \(CSV o XLSX\) des del panell/);
  });

  it('attaches no results table to the request', () => {
    expect(csvFiles()).toEqual([]);
    expect(h.emulator.site.attachmentsOf(h.emulator.site.issue(key)!).map((a) => a.filename)).toEqual(['alta.xlsx']);
  });

  it('lets an agent download the complete table from the panel, as CSV and as XLSX, with every ens', async () => {
    const panel = panelFor(h);
    const csvFile = await panel<Download>(DEMO.users.agent, key, 'downloadResults', { format: 'csv' });
    expect(csvFile.fileName).toBe(`SetDIBA-${key}.csv`);
    const csv = Buffer.from(csvFile.contentBase64, 'base64').toString('utf8');
    for (let i = 0; i < ROWS; i++) expect(csv).toContain(ajuntament(i).codiEns);
    expect(csv.split('\r\n')[1]).toContain('Integrada');

    const xlsxFile = await panel<Download>(DEMO.users.agent, key, 'downloadResults', { format: 'xlsx' });
    const book = read(Buffer.from(xlsxFile.contentBase64, 'base64'));
    const rows = utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows.slice(1).map((r) => r[4]).sort()).toEqual(ajuntaments(ROWS, 'OVER', 0).map((r) => r.codiEns).sort());
  });

  it('integrates a new file attached later, and still attaches no table', async () => {
    const integratedBefore = h.backend!.integrations.length;
    h.emulator.site.addAttachment(key, { filename: 'v2.xlsx', content: template([ajuntament(250, { service: 'OVER' })]), author: DEMO.users.setdibaCustomer });
    await h.drain();
    const issue = issuesOf(h.emulator).find((i) => i.key === key)!;
    // The new ens is integrated; nothing from the CSV is reported to the requester or held for review.
    expect(h.backend!.integrations.length).toBe(integratedBefore + 1);
    expect(issue.comments.filter((c) => c.public).map((c) => c.text).join('\n')).not.toContain('SetDIBA-resultats-');
    expect(issue.labels).not.toContain('setdiba-revisar');
    expect(csvFiles()).toHaveLength(0);
  });
});
