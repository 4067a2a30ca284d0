/**
 * A batch too long for one Jira comment (a results table of 200 ens): the results comment stays one
 * comment under Jira's limit, and the complete table is attached once as a CSV — also when the process
 * dies right after posting the comments and the platform runs the job again.
 */
import { issuesOf } from '../../../src/cli/simulate-report';
import { ajuntament, ajuntaments, template } from './fixtures';
import { DEMO, startHarness, type Harness } from './harness';

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

  it('posts one results comment, under the limit, that points to the attached table', () => {
    const internal = issuesOf(h.emulator)
      .find((i) => i.key === key)!
      .comments.filter((c) => !c.public);
    expect(internal).toHaveLength(1);
    const stored = h.emulator.site.commentsOf(h.emulator.site.issue(key)!);
    for (const comment of stored) expect(JSON.stringify(comment.body).length).toBeLessThan(JIRA_COMMENT_LIMIT);
    expect(internal[0]!.text).toContain(csvFiles()[0]?.filename ?? '<no csv>');
  });

  it('attaches the complete table once, with every ens', () => {
    expect(csvFiles().map((a) => a.filename)).toEqual([expect.stringMatching(/^SetDIBA-resultats-OVER-SUP-\d+-[0-9a-f]{8}\.csv$/)]);
    const csv = new TextDecoder().decode(csvFiles()[0]!.content);
    for (let i = 0; i < ROWS; i++) expect(csv).toContain(ajuntament(i).codiEns);
  });

  it('never reads its own results table back as a template when the requester attaches a new file', async () => {
    const integratedBefore = h.backend!.integrations.length;
    h.emulator.site.addAttachment(key, { filename: 'v2.xlsx', content: template([ajuntament(250, { service: 'OVER' })]), author: DEMO.users.setdibaCustomer });
    await h.drain();
    const issue = issuesOf(h.emulator).find((i) => i.key === key)!;
    // The new ens is integrated; nothing from the CSV is reported to the requester or held for review.
    expect(h.backend!.integrations.length).toBe(integratedBefore + 1);
    expect(issue.comments.filter((c) => c.public).map((c) => c.text).join('\n')).not.toContain('SetDIBA-resultats-');
    expect(issue.labels).not.toContain('setdiba-revisar');
    expect(csvFiles()).toHaveLength(1);
  });
});
