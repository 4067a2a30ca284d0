/** `setdiba simulate` as a new user runs it: the documented JSON document, and plain text by default. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { ajuntament, ajuntaments, template } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'setdiba-simulate-'));
  writeFileSync(
    join(dir, 'plantilla.xlsx'),
    template([...ajuntaments(2, 'OVER', 200), ajuntament(210, { service: 'MUX' }), ajuntament(211, { service: 'e-NOTUM' })]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

describe('setdiba simulate', () => {
  it('prints one JSON document with the split tickets, MUX routing, integrations and Jira calls', async () => {
    const { code, stdout } = await cli(['simulate', 'plantilla.xlsx', '--backend', 'http', '--deliveries', '3', '--concurrent', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      issues: { key: string; summary: string; status: string; reporter: string; assignee: string | null; labels: string[]; links: unknown[]; attachments: string[]; comments: { author: string; public: boolean; text: string }[]; properties: Record<string, unknown> }[];
      integrations: { issue: string; service: string; environment: string; codiEns: string; certificateFingerprint: string; result: string }[];
      calls: { total: number; byRoute: Record<string, number> };
      elapsedMs: number;
    };
    expect(Object.keys(report)).toEqual(['issues', 'integrations', 'calls', 'elapsedMs']);
    expect(report.issues.map((i) => [i.key, i.labels])).toEqual([
      ['SUP-1', ['setdiba', 'setdiba-mux', 'setdiba-pendent-data-pro']],
      ['SUP-2', ['setdiba', 'setdiba-e-notum']],
      ['SUP-3', ['setdiba', 'setdiba-over']],
    ]);
    expect(report.issues[0]!.assignee).toBe('agent-pere');
    expect(Object.keys(report.issues[0]!)).toEqual(['key', 'summary', 'status', 'reporter', 'assignee', 'labels', 'links', 'attachments', 'comments', 'properties']);
    expect(report.integrations).toHaveLength(3);
    expect(report.integrations.every((x) => x.environment === 'PRO' && x.result === 'integrated' && /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(x.certificateFingerprint))).toBe(true);
    expect(report.calls.total).toBe(Object.values(report.calls.byRoute).reduce((a, b) => a + b, 0));
    // Clones are raised with the platform API (tagged in the same request, both in one bulk create), never with JSM's.
    expect(report.calls.byRoute['POST /rest/api/3/issue/bulk']).toBe(1);
    expect(report.calls.byRoute['POST /rest/api/3/issue']).toBeUndefined();
    expect(report.calls.byRoute['POST /rest/servicedeskapi/request']).toBeUndefined();
  });

  it('creates an unknown reporter and organization on the fly and prints readable text by default', async () => {
    const { code, stdout } = await cli(['simulate', 'plantilla.xlsx', '--reporter', 'nou@diba.cat', '--org', 'Consell Comarcal']);
    expect(code).toBe(0);
    expect(stdout).toContain('SUP-1  Alta integracions SetDIBA');
    expect(stdout).toContain('Etiquetes: setdiba, setdiba-mux, setdiba-pendent-data-pro');
    expect(stdout).toMatch(/Crides a l'API de Jira de l'app: \d+/);
  });

  it('refuses a bad fault specification as a usage error', async () => {
    const { code, stderr } = await cli(['simulate', 'plantilla.xlsx', '--faults', '418:2']);
    expect(code).toBe(2);
    expect(stderr).toContain('Especificació de fallades incorrecta');
  });
});
