/**
 * Each defect of issue 10 as a scenario (test/scenarios/*.json) run the way a person runs it:
 * `setdiba simulate --script <file> --json`, through the real trigger, consumer, resolvers, reference
 * backend and Jira emulator. The assertions are what the customer, the agents and the backend would
 * notice. Scenarios whose fix has not landed yet are listed in AWAITING_FIX (the one place to look).
 */
import { readdirSync } from 'node:fs';
import { runCli } from '../../src/cli/main';
import type { PanelState } from '../../src/contracts/panel';
import type { ScenarioReport } from '../../src/cli/scenario/run-scenario';

/**
 * Scenario → the defect whose fix it waits for. Remove an entry when its fix lands; to see whether it
 * has, run them all: `SETDIBA_SCENARIOS_ALL=1 npx jest test/scenarios/scenarios.test.ts`.
 */
const AWAITING_FIX: ReadonlyMap<string, string> = new Map<string, string>([]);

const DIR = __dirname;
const SCENARIOS = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

async function play(name: string): Promise<ScenarioReport> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['simulate', '--script', `${name}.json`, '--json'], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: DIR,
  });
  if (code !== 0) throw new Error(`simulate --script ${name} exited ${code}: ${stderr}`);
  return JSON.parse(stdout) as ScenarioReport;
}

const state = (report: ScenarioReport, step: number) => report.steps[step - 1]!.result as PanelState;
const issue = (report: ScenarioReport, key: string) => report.issues.find((i) => i.key === key)!;
const integrated = (report: ScenarioReport) => report.integrations.filter((x) => x.result === 'integrated').map((x) => x.codiEns);
const customerTexts = (report: ScenarioReport) => report.issues.flatMap((i) => i.customerView?.comments.map((c) => c.text) ?? []);
const allComments = (report: ScenarioReport) => report.issues.flatMap((i) => i.comments.map((c) => c.text));

const CHECKS: Record<string, (report: ScenarioReport) => void> = {
  'rerun-after-certificate-fix': (r) => {
    expect(state(r, 3).rows.map((row) => row.status)).toEqual(['blocked', 'blocked', 'blocked']);
    // The confirmation lists what the run will do; after the work is done it says there is nothing to do.
    expect(state(r, 5).plan?.writes.length).toBeGreaterThan(0);
    // The requester's status comment the run posts is in the confirmation too.
    expect(state(r, 5).plan?.writes).toContain('Afegir a SUP-1 un comentari públic per al sol·licitant amb l\'estat dels seus ens (en producció, pendents)');
    expect(state(r, 8).plan?.writes).toEqual([]);
    // Exactly the blocked rows, exactly once.
    expect(integrated(r).sort()).toEqual(['0800180001', '0800230008', '0800390004']);
    expect(r.integrations).toHaveLength(3);
    // Every run appears in the history, the one that changed nothing too.
    expect(state(r, 8).history.filter((h) => h.trigger === 'panel')).toHaveLength(2);
    const portal = issue(r, 'SUP-1').customerView!.comments.map((c) => c.text);
    expect(portal.at(-1)).toContain('Abrera');
    // Nothing is left for a person once the blocked rows are in production.
    expect(issue(r, 'SUP-1').labels).not.toContain('setdiba-revisar');
  },
  'mux-dates-per-ens': (r) => {
    expect(r.steps[1]).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(r.steps[2]!.ok).toBe(true);
    // Integrate now takes only the ens whose date has come: Abrera (1 Feb) on 10 Feb.
    const after = (step: number) => state(r, step).rows.filter((row) => row.status === 'integrated').map((row) => row.codiEns);
    expect(after(4)).toEqual(['0800180001']);
    expect(after(6)).toEqual(['0800180001', '0800230008']);
    expect(after(8)).toEqual(['0800180001', '0800230008', '0800390004']);
    expect(integrated(r)).toEqual(['0800180001', '0800230008', '0800390004']);
    // Rows with a date never say the date is missing.
    for (const row of state(r, 3).rows.filter((x) => x.productionDate !== null)) {
      expect(row.problems.map((p) => p.message).join(' ')).not.toMatch(/falta la data/i);
    }
    // Each "integrate now" reports the ens it integrated, not every ens so far, and dates read as dates.
    const released = issue(r, 'SUP-1').comments.filter((c) => !c.public && /ha demanat integrar/.test(c.text)).map((c) => c.text);
    expect(released).toHaveLength(3);
    expect(released.at(-1)).toContain("data de pas a producció: 1 d'abril de 2027.");
    expect(released.at(-1)).not.toMatch(/Abrera|Aguilar/);
    expect(released.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(issue(r, 'SUP-1').customerView!.comments.at(-2)!.text).toContain("Pendents de la data de pas a producció: Alella (1 d'abril de 2027).");
    // Once every ens is in production the label goes, and the panel has nothing left to do.
    expect(issue(r, 'SUP-1').labels).not.toContain('setdiba-pendent-data-pro');
    expect(state(r, 8).plan?.writes).toEqual([]);
  },
  'mux-label-while-waiting': (r) => {
    expect(integrated(r)).toEqual(['0800180001']);
    expect(issue(r, 'SUP-1').labels).toContain('setdiba-pendent-data-pro');
  },
  'mux-force-one-ens': (r) => {
    // A date chosen for one ens changes that ens only; the template's date of the other stays.
    const dates = Object.fromEntries((state(r, 2).mux.ens ?? []).map((e) => [e.codiEns, e.date]));
    expect(dates).toEqual({ '0800180001': '2027-03-15', '0800230008': '2027-04-01' });
    // Forcing integrates exactly the ens named, and the history keeps why.
    expect(integrated(r)).toEqual(['0800180001']);
    expect(state(r, 3).history.map((h) => h.summary).join('\n')).toContain("L'ajuntament ho necessita abans del ple");
    expect(issue(r, 'SUP-1').labels).toContain('setdiba-pendent-data-pro');
  },
  'split-ticket-panel': (r) => {
    const panel = state(r, 2);
    expect(panel.issueKey).not.toBe('SUP-1');
    expect(panel.attachments.length).toBeGreaterThan(0);
    expect(panel.rows.map((row) => row.codiEns).sort()).toEqual(['0800180001', '0800230008']);
    expect(panel.checklist?.map((s) => s.codiEns).sort()).toEqual(['0800180001', '0800230008']);
    expect(r.steps[2]!.ok).toBe(true);
    expect(state(r, 3).checklist?.find((s) => s.codiEns === '0800180001')?.done).toBe(true);
  },
  'split-ticket-rerun': (r) => {
    // The service ticket's own panel offers its rows, and its run retries exactly those, on the original's run.
    expect(state(r, 3).rows.map((row) => row.status)).toEqual(['blocked', 'blocked']);
    expect(state(r, 5).plan?.writes.join('\n')).toContain("Integrar 2 ens d'OVER");
    expect(integrated(r).sort()).toEqual(['0800180001', '0800230008']);
    expect(state(r, 6).rows.map((row) => row.status)).toEqual(['integrated', 'integrated']);
    expect(state(r, 7).plan?.writes).toEqual([]);
    // The run is in the service ticket's history, with who asked for it.
    expect(state(r, 6).history.filter((h) => h.trigger === 'panel').map((h) => h.by?.displayName)).toEqual(['Marta Puig']);
    expect(issue(r, 'SUP-2').labels).not.toContain('setdiba-revisar');
    // The original's e-NOTUM row was not in that confirmation: it waits for a run of its own ticket.
    expect(issue(r, 'SUP-1').labels).toContain('setdiba-revisar');
    expect(issue(r, 'SUP-2').customerView!.comments.at(-1)!.text).toMatch(/producció: Abrera, Aguilar de Segarra/);
  },
  'corrected-file-split-notice-once': (r) => {
    const notices = issue(r, 'SUP-1').customerView!.comments.filter((c) => /diversos serveis/.test(c.text));
    expect(notices).toHaveLength(1);
    expect(integrated(r).sort()).toEqual(['0800180001', '0800230008', '0800390004']);
    expect(issue(r, 'SUP-1').customerView!.comments.at(-1)!.text).toMatch(/producció: .*Aguilar de Segarra/);
  },
  'corrected-file-mux-notice-once': (r) => {
    // Each ens without a production date is asked about once on the ticket, though the corrected file lists it again.
    const asked = issue(r, 'SUP-1').customerView!.comments
      .filter((c) => c.text.includes("Cal que SetDIBA indiqui la data de pas a producció d'aquests ens:"))
      .map((c) => c.text.split('\n').filter((line) => /^- .*\(08\d+\)$/.test(line)));
    expect(asked).toEqual([['- Abrera (0800180001)'], ['- Aguilar de Segarra (0800230008)', '- Alella (0800390004)']]);
  },
  'whole-life': (r) => {
    // Every ens integrated exactly once, though the corrected file lists them all again.
    expect(integrated(r).sort()).toEqual(['0800180001', '0800230008', '0800390004', '0800440003', '0800570005']);
    expect(r.integrations.filter((x) => x.result === 'integrated')).toHaveLength(5);
    // The confirmation after the certificate fix counts ens, not rows of both files; nothing is left at the end.
    expect(state(r, 6).plan?.writes).toEqual(expect.arrayContaining([expect.stringContaining("Integrar 2 ens d'e-NOTUM"), expect.stringContaining("Integrar 1 ens d'OVER")]));
    expect(state(r, 15).plan?.writes).toEqual([]);
    expect(r.steps[8]!.ok).toBe(true);
    // Nobody reads a name twice in one comment, and no run that changed nothing speaks again.
    for (const text of allComments(r)) {
      for (const line of text.split('\n').filter((l) => /^(Ja en producció|En tràmit|- .*\(08\d+\))/.test(l))) {
        const items = line.replace(/^[^:]*: /, '').split(', ');
        expect(new Set(items).size).toBe(items.length);
      }
    }
    expect(allComments(r).filter((t) => /^Nova execució demanada per —/.test(t))).toEqual([]);
    // The requester's last word on every ticket: in production, nothing to correct; nothing internal.
    for (const key of ['SUP-1', 'SUP-2', 'SUP-3']) {
      const last = issue(r, key).customerView!.comments.at(-1)!.text;
      expect(last).toMatch(/^Estat del tiquet/);
      expect(last).not.toMatch(/Cal corregir|Pendents|En tràmit/);
    }
    expect(issue(r, 'SUP-1').customerView!.comments.filter((c) => /diversos serveis/.test(c.text))).toHaveLength(1);
    // The corrected file changed nothing for the OVER ticket (its ens still blocked): no second status.
    expect(issue(r, 'SUP-3').customerView!.comments.map((c) => c.text.split('\n').slice(1).join(' '))).toEqual([
      "En tràmit a l'AOC: L'Ametlla del Vallès.",
      "Ja en producció: L'Ametlla del Vallès.",
    ]);
    expect(customerTexts(r).join('\n')).not.toMatch(/REF-\d+|certificat [0-9A-F]{8,}/);
    for (const i of r.issues) expect(i.labels).not.toContain('setdiba-revisar');
    expect(issue(r, 'SUP-1').labels).not.toContain('setdiba-pendent-data-pro');
  },
  'retry-on-customer-comment': (r) => {
    expect(integrated(r).sort()).toEqual(['0800180001', '0800230008']);
    const internal = issue(r, 'SUP-1').comments.filter((c) => !c.public).map((c) => c.text);
    expect(internal.at(-1)).toMatch(/^Nova execució en arribar un comentari o un fitxer al tiquet/);
    expect(internal.join('\n')).not.toMatch(/demanada per —/);
    expect(issue(r, 'SUP-1').customerView!.comments.at(-1)!.text).toMatch(/producció: Abrera, Aguilar de Segarra/);
    expect(issue(r, 'SUP-1').labels).not.toContain('setdiba-revisar');
  },
  'corrected-file-on-service-ticket': (r) => {
    // After the original's run the service ticket still has its corrected rows blocked: still in review.
    expect(state(r, 5).siblings.find((t) => t.key === 'SUP-2')?.labels).toContain('setdiba-revisar');
    // Its own run integrates them, once each, and only then does it leave review.
    expect(integrated(r).sort()).toEqual(['0800180001', '0800390004', '0800440003']);
    expect(issue(r, 'SUP-2').labels).not.toContain('setdiba-revisar');
    expect(issue(r, 'SUP-2').customerView!.comments.at(-1)!.text).toMatch(/producció: .*Alpens/);
  },
  'results-csv-not-visible': (r) => {
    for (const i of r.issues) expect(i.customerView?.attachments.filter((f) => f.toLowerCase().endsWith('.csv')) ?? []).toEqual([]);
    expect(r.steps[1]).toMatchObject({ ok: true, result: { fileName: expect.stringMatching(/\.csv$/) } });
  },
  'requester-told-of-success': (r) => {
    const visible = r.issues.filter((i) => i.customerView !== null);
    expect(visible.length).toBe(r.issues.length);
    for (const i of visible) {
      const fromApp = i.customerView!.comments.map((c) => c.text).filter((t) => t !== 'Us adjuntem la plantilla corregida.');
      expect(fromApp.length).toBeGreaterThan(0);
      // Once corrected, "correct these rows" is never the last word.
      expect(fromApp.at(-1)).not.toMatch(/cal corregir/i);
    }
    const portal = customerTexts(r).join('\n');
    for (const name of ['Abrera', 'Aguilar de Segarra', 'Alella']) expect(portal).toContain(name);
    expect(portal).not.toMatch(/REF-\d+/);
  },
  'umbrella-single-service': (r) => {
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.links).toEqual([]);
    expect(customerTexts(r).join('\n')).not.toMatch(/diversos serveis/);
  },
  'localised-backend-error': (r) => {
    const rows = state(r, 3).rows;
    expect(rows.every((row) => row.status !== 'pending' && row.problems.length > 0)).toBe(true);
    expect(allComments(r).join('\n')).not.toMatch(/integration backend|bearer token|refused the token/i);
    expect(r.integrations.map((x) => x.result)).toEqual(['unauthorized', 'unauthorized', 'integrated', 'integrated']);
  },
  // Issue 15, the daily watch (run by every clock step for each day it crosses).
  'watch-mux-date-arrives': (r) => {
    const told = issue(r, 'SUP-1').comments.filter((c) => !c.public && /ja ha arribat/.test(c.text));
    // Abrera's date (15 Feb) comes and waits three mornings: the owner is told once.
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('Abrera');
    expect(told[0]!.text).not.toContain('Aguilar');
    expect(r.integrations).toHaveLength(0);
  },
  'watch-mux-dates-arrive-days-apart': (r) => {
    const told = issue(r, 'SUP-1').comments.filter((c) => !c.public && /ja ha arribat/.test(c.text)).map((c) => c.text);
    // Abrera on 15 Feb, Aguilar de Segarra on 18 Feb: two notes, each naming its own ens only.
    expect(told).toHaveLength(2);
    expect(told.filter((t) => t.includes('Abrera'))).toHaveLength(1);
    expect(told.filter((t) => t.includes('Aguilar de Segarra'))).toHaveLength(1);
  },
  'watch-mux-auto-integrate': (r) => {
    expect(integrated(r)).toEqual(['0800180001']);
    expect(r.integrations).toHaveLength(1);
    // The requester hears of it as after the owner's click: the last word names the ens now in production.
    expect(issue(r, 'SUP-1').customerView!.comments.at(-1)!.text).toMatch(/producció: Abrera/);
    // The agents read that the watch did it, as the setting asks, not that the owner clicked.
    const internal = issue(r, 'SUP-1').comments.filter((c) => !c.public).map((c) => c.text).join('\n');
    expect(internal).toContain('La vigilància diària ha integrat els ens MUX');
    expect(internal).not.toMatch(/Pere Soler ha demanat integrar/);
  },
  'watch-auto-integrate-history': (r) => {
    // The run the watch started is the watch's in the history, in the reader's language; the owner's own click stays his.
    // The panel shows it as "Vigilància diària", not "Des del panell, per la vigilància diària".
    const by = (step: number) =>
      state(r, step)
        .history.filter((h) => h.trigger === 'panel' || h.trigger === 'watch')
        .map((h) => `${h.trigger}: ${h.by?.displayName ?? ''}`);
    expect(by(3)).toEqual(['watch: la vigilància diària']);
    expect(by(4)).toEqual(['watch: la vigilancia diaria']);
    expect(by(5)).toEqual(['panel: Pere Soler', 'watch: la vigilància diària']);
    expect(integrated(r)).toEqual(['0800180001', '0800230008']);
  },
  'watch-missing-dates': (r) => {
    const asked = issue(r, 'SUP-1').customerView!.comments.filter((c) => /Encara no tenim la data/.test(c.text));
    // Raised 1 Feb; asked on 15 Feb and 1 Mar only, though the watch ran every day up to 5 Mar.
    expect(asked).toHaveLength(2);
  },
  'watch-stuck-run': (r) => {
    // Lost on 10 Feb; stuck for more than 25 h on the 12th: queued again once, it finishes; nothing is integrated twice.
    expect(state(r, 4).history.filter((h) => h.trigger === 'watch')).toHaveLength(1);
    expect(state(r, 4).run.status).toBe('idle');
    expect(r.integrations).toHaveLength(1);
    expect(issue(r, 'SUP-1').comments.filter((c) => /encallada/.test(c.text))).toEqual([]);
  },
  'watch-certificate-countdown': (r) => {
    const ticket = r.issues.find((i) => i.summary === 'Renovar el certificat CDA de SetDIBA')!;
    expect(r.issues.filter((i) => i.summary === ticket.summary)).toHaveLength(1);
    expect(ticket.comments.every((c) => !c.public)).toBe(true);
    expect(ticket.comments.map((c) => c.text.match(/^(Qued(?:a|en) \d+ di(?:es|a)|El certificat CDA de SetDIBA caduca avui|S'ha pujat)/)?.[0])).toEqual([
      'Queden 60 dies', 'Queden 30 dies', 'Queden 7 dies', 'Queda 1 dia', 'El certificat CDA de SetDIBA caduca avui', "S'ha pujat",
    ]);
  },
  'reject-text-and-reason': (r) => {
    const internal = issue(r, 'SUP-1').comments.filter((c) => !c.public).map((c) => c.text).join('\n');
    expect(internal).toContain('El nom no correspon a aquest codi');
    expect(internal).toContain('confirmat per telèfon');
    expect(integrated(r)).toEqual(['0800230008']);
    expect(state(r, 4).rows.find((row) => row.codiEns === '0800180001')?.status).toBe('rejected');
    // Every held row decided and applied: nothing is left for a person.
    expect(issue(r, 'SUP-1').labels).not.toContain('setdiba-revisar');
  },
};

describe('scenarios of a ticket\'s whole life (setdiba simulate --script)', () => {
  it('has assertions for every scenario in the folder', () => {
    expect(SCENARIOS.filter((name) => !CHECKS[name])).toEqual([]);
  });

  for (const name of SCENARIOS) {
    const check = CHECKS[name];
    if (!check) continue;
    const waiting = process.env['SETDIBA_SCENARIOS_ALL'] ? undefined : AWAITING_FIX.get(name);
    (waiting ? it.skip : it)(`${name}${waiting ? ` (awaiting the fix of ${waiting})` : ''}`, async () => {
      check(await play(name));
    }, 120_000);
  }
});
