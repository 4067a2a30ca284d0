/**
 * Exactly once, whatever happens: duplicate and concurrent deliveries, a Jira failure at every call in
 * turn, and the process dying after every step — each followed by the platform's retry — must end in
 * the same tickets, labels, comments and integrations as an undisturbed run.
 */
import { issuesOf, type IssueSnapshot } from '../../../src/cli/simulate-report';
import type { RunRecord } from '../../../src/domain/run-state';
import type { FaultRule } from '../../../src/emulator';
import type { PipelineStep } from '../../../src/usecases/process-ticket/deps';
import { ajuntament, ajuntaments, template } from './fixtures';
import { startHarness, type Harness, type HarnessOptions } from './harness';

const FILES = () => ({
  'alta.xlsx': template([
    ...ajuntaments(2, 'OVER', 50),
    ajuntament(60, { service: 'e-NOTUM', nif: 'P0800000X' }), // rejected: bad NIF
    ajuntament(61, { service: 'MUX', productionDate: '2026-10-01' }),
  ]),
});

interface Final {
  issues: IssueSnapshot[];
  integrations: string[];
}

/**
 * Everything a person would notice, without timestamps. Clone keys depend on which concurrent create
 * Jira answered first, so each clone's key is replaced by its service before comparing.
 */
function finalState(h: Harness): Final {
  const snapshot = issuesOf(h.emulator).map((i) => {
    const run = i.properties['setdiba.run'] as Record<string, unknown> | undefined;
    // A workbook's bytes carry the time it was written, so its hash differs between runs; the history
    // keeps times and comment ids, compared here by what they say (which comments, not their ids).
    const runs = ((run?.['runs'] ?? []) as RunRecord[]).map((r) => ({
      ...r,
      startedAt: null,
      finishedAt: null,
      comments: r.comments.map((c) => `${c.issueKey} ${c.public ? 'public' : 'internal'}`),
    }));
    return { ...i, properties: run ? { 'setdiba.run': { ...run, updatedAt: null, produced: [], runs } } : {} };
  });
  let json = JSON.stringify(snapshot);
  for (const issue of snapshot) {
    const service = /^\[([^\]]+)\]/.exec(issue.summary)?.[1];
    if (service) json = json.replace(new RegExp(`\\b${issue.key}\\b`, 'g'), `<${service}>`);
  }
  const sortedRuns = (properties: Record<string, unknown>) => {
    const run = properties['setdiba.run'] as { runs: { comments: string[] }[] } | undefined;
    if (run) for (const r of run.runs) r.comments.sort();
    return properties;
  };
  const issues = (JSON.parse(json) as IssueSnapshot[])
    .map((i) => ({ ...i, properties: sortedRuns(i.properties), links: [...i.links].sort((a, b) => a.key.localeCompare(b.key)) }))
    .sort((a, b) => a.summary.localeCompare(b.summary));
  const integrations = (h.backend?.integrations ?? [])
    .map((x) => `${x.service} ${x.environment} ${x.codiEns} ${x.result}`)
    .sort();
  return { issues, integrations };
}

interface Run {
  state: Final;
  calls: { route: string; fault?: string }[];
}

async function runOnce(options: HarnessOptions, deliveries = 1, concurrency = 1): Promise<Run> {
  const h = await startHarness({ backend: 'http', ...options });
  try {
    h.raise({ files: FILES() });
    await h.emulator.idle();
    // Extra deliveries of the same queued event, as an at-least-once platform may make.
    for (let i = 1; i < deliveries; i++) h.queue.duplicate((d) => d.retryContext === undefined && d === h.queue.pending[0]);
    await h.drain(concurrency);
    return { state: finalState(h), calls: h.emulator.calls.filter((c) => c.caller === h.emulator.site.appAccountId) };
  } finally {
    await h.stop();
  }
}

let clean: Run;
beforeAll(async () => {
  clean = await runOnce({});
});

describe('an undisturbed run (reference)', () => {
  it('splits, integrates the two OVER ens once, and rejects the bad row publicly', () => {
    expect(clean.state.issues.map((i) => i.key)).toEqual(['<e-NOTUM>', '<OVER>', 'SUP-1']);
    expect(clean.state.integrations).toEqual([
      expect.stringMatching(/^OVER PRO \d{10} integrated$/),
      expect.stringMatching(/^OVER PRO \d{10} integrated$/),
    ]);
    const notum = clean.state.issues.find((i) => i.summary.startsWith('[e-NOTUM]'))!;
    expect(notum.comments.filter((c) => c.public)[0]?.text).toContain('NIF «P0800000X»');
    expect(notum.labels).toEqual(['setdiba', 'setdiba-e-notum']);
  });
});

describe('duplicate and concurrent deliveries', () => {
  it.each([
    ['twice, one after the other', 2, 1],
    ['three times at once', 3, 3],
  ])('delivered %s changes nothing', async (_label, deliveries, concurrency) => {
    const run = await runOnce({}, deliveries, concurrency);
    expect(run.state).toEqual(clean.state);
  });
});

describe('a Jira failure at every call in turn', () => {
  it('ends exactly like the undisturbed run for 500 and 429 at every call', async () => {
    // The n-th call of each route, in the order the undisturbed run made them.
    const seen = new Map<string, number>();
    const targets = clean.calls.map((c) => {
      const nth = (seen.get(c.route) ?? 0) + 1;
      seen.set(c.route, nth);
      return { route: c.route, nth };
    });
    expect(targets.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const [index, target] of targets.entries()) {
      const fault: FaultRule['fault'] = index % 2 === 0 ? 500 : 429;
      const run = await runOnce({ faults: [{ route: target.route, nth: target.nth, fault }] });
      try {
        // The fault did happen (a call the run no longer makes would test nothing).
        expect(run.calls.some((c) => c.route === target.route && c.fault !== undefined)).toBe(true);
        expect(run.state).toEqual(clean.state);
      } catch (e) {
        failures.push(`${String(fault)} at ${target.route} #${target.nth}`);
        if (process.env['DEBUG_PIPELINE']) console.log(failures.at(-1), String(e).slice(0, 1500));
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('the process dying after every step', () => {
  it('ends exactly like the undisturbed run when the platform re-runs it', async () => {
    let steps = 0;
    await runOnce({ hooks: { afterStep: () => void steps++ } });
    expect(steps).toBeGreaterThan(5);
    const failures: string[] = [];
    const crashedAfter: PipelineStep[] = [];
    for (let crashAt = 1; crashAt <= steps; crashAt++) {
      let seen = 0;
      let where: PipelineStep | null = null;
      const run = await runOnce({
        hooks: {
          afterStep: (step) => {
            seen++;
            if (seen === crashAt) {
              where = step;
              throw new Error(`simulated crash after ${step}`);
            }
          },
        },
      });
      if (where) crashedAfter.push(where);
      try {
        // The crash did happen (a step the run no longer reaches would test nothing).
        expect(where).not.toBeNull();
        if (where === 'attachment-marked') {
          // Dying between the "parsing" mark and the end of parsing is dying while parsing: on the
          // retry the file is reported unreadable, never parsed again (the poison-file rule).
          const original = run.state.issues[0]!;
          expect(run.state.issues).toHaveLength(1);
          expect(original.labels).toContain('setdiba-revisar');
          expect(original.comments.find((c) => c.public)?.text).toContain('No hem pogut llegir el fitxer «alta.xlsx»');
        } else {
          expect(run.state).toEqual(clean.state);
        }
      } catch (e) {
        failures.push(`crash #${crashAt} after ${String(where)}`);
        if (process.env['DEBUG_PIPELINE']) console.log(failures.at(-1), String(e).slice(0, 1500));
      }
    }
    expect(failures).toEqual([]);
    // Including the moment right after Jira raised a clone, before anything else about it was done.
    expect(crashedAfter.filter((step) => step === 'clone-raised')).toHaveLength(2);
  });
});
