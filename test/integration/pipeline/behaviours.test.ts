/**
 * The pipeline's rules, one by one, end to end against the Jira emulator through the real trigger and
 * consumer: what a person finds on the tickets afterwards.
 */
import { issuesOf } from '../../../src/cli/simulate-report';
import { firstCertificateUpload } from '../../../src/domain/certificate';
import { makeDemoSetdibaCertificate } from '../../fixtures/certificates/generate';
import { ajuntament, ajuntaments, template } from './fixtures';
import { DEMO, startHarness, type Harness, type HarnessOptions } from './harness';

async function withHarness(options: HarnessOptions, body: (h: Harness) => Promise<void>): Promise<void> {
  const h = await startHarness(options);
  try {
    await body(h);
  } finally {
    await h.stop();
  }
}
const issue = (h: Harness, key: string) => issuesOf(h.emulator).find((i) => i.key === key)!;
const appWrites = (h: Harness) => h.emulator.calls.filter((c) => c.caller === h.emulator.site.appAccountId && c.method !== 'GET');

describe('recognition', () => {
  it('leaves a ticket of anyone else alone: no job, no write', () =>
    withHarness({}, async (h) => {
      const key = h.raise({
        files: { 'plantilla.xlsx': template(ajuntaments(1, 'OVER')) },
        reporter: DEMO.users.otherCustomer,
        organizations: [DEMO.organizations.ajuntamentDeProva],
      });
      await h.drain();
      expect(h.queue.pushed).toEqual([]);
      expect(appWrites(h)).toEqual([]);
      expect(issue(h, key).comments).toEqual([]);
    }));

  it('processes a ticket an agent labelled setdiba, answering the requester in their language', () =>
    withHarness({}, async (h) => {
      const key = h.raise({
        files: { 'plantilla.xlsx': template([ajuntament(3, { service: 'OVER', nif: 'P0800000X' })]) },
        reporter: DEMO.users.otherCustomer, // locale es_ES
        organizations: [DEMO.organizations.ajuntamentDeProva],
        labels: ['setdiba'],
      });
      await h.drain();
      const pub = issue(h, key).comments.find((c) => c.public)!;
      expect(pub.text).toContain('Hemos revisado la plantilla y hay que corregir estas filas:');
      // Internal comments stay in the agents' language (the settings' default, Catalan).
      expect(issue(h, key).comments.find((c) => !c.public)!.text).toContain('Integracions SetDIBA · OVER · PRO');
    }));
});

describe('integration', () => {
  it('integrates valid rows in PRO once, waits on warnings and reports ens integrated by an earlier ticket', () =>
    withHarness({ backend: 'http' }, async (h) => {
      const first = h.raise({ files: { 'a.xlsx': template(ajuntaments(2, 'e-TAULER', 100)) } });
      await h.drain();
      const second = h.raise({
        files: {
          'b.xlsx': template([
            ajuntament(100, { service: 'e-TAULER' }), // done by the first ticket
            ajuntament(110, { service: 'e-TAULER' }),
            ajuntament(111, { service: 'e-TAULER', name: 'Ajuntament de Can Inventat' }), // name.mismatch warning
          ]),
        },
      });
      await h.drain();
      expect(h.backend!.integrations.map((x) => `${x.issueKey} ${x.environment} ${x.codiEns}`)).toEqual([
        expect.stringMatching(new RegExp(`^${first} PRO `)),
        expect.stringMatching(new RegExp(`^${first} PRO `)),
        expect.stringMatching(new RegExp(`^${second} PRO `)),
      ]);
      const results = issue(h, second).comments.find((c) => !c.public)!.text;
      expect(results).toContain('3 ens en aquest tiquet: 1 integrat, 1 ja integrat i 1 pendent de confirmació.');
      expect(results).toContain(`Ja integrat a PRO (${first}); no s'ha tornat a fer.`);
      expect(results).toContain('Les files amb avisos no s\'han integrat');
      expect(issue(h, second).labels).toContain('setdiba-revisar');
    }));

  it('blocks integration with a clear comment when there is no certificate', () =>
    withHarness({ backend: 'http', settings: (s) => void (s.certificate.current = null) }, async (h) => {
      const key = h.raise({ files: { 'c.xlsx': template(ajuntaments(2, 'OVER', 120)) } });
      await h.drain();
      expect(h.backend!.integrations).toEqual([]);
      const results = issue(h, key).comments.find((c) => !c.public)!.text;
      expect(results).toContain('2 bloquejats pel certificat');
      expect(results).toContain('no hi ha cap certificat CDA de SetDIBA a la configuració');
      expect(issue(h, key).labels).toContain('setdiba-revisar');
    }));

  it('integrates with a certificate about to expire, and asks for the renewed one in the results comment', async () => {
    const { certificate } = await makeDemoSetdibaCertificate({ validDays: 10 });
    const stored = firstCertificateUpload(Buffer.from(certificate.pem), { accountId: DEMO.users.admin, at: new Date() });
    await withHarness({ backend: 'http', settings: (s) => void (s.certificate = stored) }, async (h) => {
      const key = h.raise({ files: { 'c.xlsx': template(ajuntaments(1, 'OVER', 130)) } });
      await h.drain();
      expect(h.backend!.integrations).toHaveLength(1);
      const results = issue(h, key).comments.find((c) => !c.public)!.text;
      expect(results).toMatch(/El certificat CDA de SetDIBA caduca (el |l')\d{1,2} (de |d')\S+ de \d{4} \(d'aquí a (9|10) dies\)/);
    });
  });

  it('integrates in the environment the settings give a service', () =>
    withHarness({ backend: 'http', settings: (s) => void (s.services.OVER.environment = 'PRE') }, async (h) => {
      h.raise({ files: { 'd.xlsx': template(ajuntaments(1, 'OVER', 130)) } });
      await h.drain();
      expect(h.backend!.integrations.map((x) => x.environment)).toEqual(['PRE']);
    }));
});

describe('splitting', () => {
  it('in umbrella mode raises a ticket for every service and keeps the original as the umbrella', () =>
    withHarness({ settings: (s) => void (s.splitMode = 'umbrella') }, async (h) => {
      const key = h.raise({ files: { 'e.xlsx': template([...ajuntaments(1, 'e-NOTUM', 140), ...ajuntaments(1, 'OVER', 141)]) } });
      await h.drain();
      const all = issuesOf(h.emulator);
      expect(all.map((i) => i.summary)).toEqual(['Alta integracions SetDIBA', '[e-NOTUM] Alta integracions SetDIBA', '[OVER] Alta integracions SetDIBA']);
      expect(issue(h, key).labels).toEqual(['setdiba']);
      expect(issue(h, key).comments.find((c) => c.public)!.text).toContain('Aquest tiquet agrupa els anteriors');
    }));

  it('takes the service from the ticket when the rows do not name one ("EACAT" means OVER)', () =>
    withHarness({}, async (h) => {
      const key = h.raise({ summary: 'Alta EACAT ajuntaments', files: { 'f.xlsx': template(ajuntaments(2, undefined, 150)) } });
      await h.drain();
      expect(issuesOf(h.emulator)).toHaveLength(1);
      expect(issue(h, key).labels).toEqual(['setdiba', 'setdiba-over']);
    }));

  it('asks for review when no service can be found', () =>
    withHarness({}, async (h) => {
      const key = h.raise({ summary: 'Altes', files: { 'g.xlsx': template(ajuntaments(1, undefined, 160)) } });
      await h.drain();
      expect(issue(h, key).labels).toEqual(['setdiba', 'setdiba-revisar']);
      expect(issue(h, key).comments.find((c) => c.public)!.text).toContain('no s\'indica el servei');
    }));
});

describe('broken and corrected files', () => {
  it('reports a hostile or broken file by name, asks for review, and never crashes the job', () =>
    withHarness({}, async (h) => {
      const key = h.raise({
        files: {
          'dades.xlsx': new TextEncoder().encode('%PDF-1.7 this is not a spreadsheet'),
          'truncada.xlsx': template(ajuntaments(3, 'OVER')).slice(0, 200),
        },
      });
      await h.drain();
      expect(h.queue.dead).toEqual([]);
      const pub = issue(h, key).comments.find((c) => c.public)!.text;
      expect(pub).toContain('No hem pogut llegir el fitxer «dades.xlsx»');
      expect(pub).toContain('No hem pogut llegir el fitxer «truncada.xlsx»');
      expect(issue(h, key).labels).toContain('setdiba-revisar');
    }));

  it('processes a corrected file attached later, skipping what is already done', () =>
    withHarness({ backend: 'http' }, async (h) => {
      const rows = ajuntaments(2, 'OVER', 170);
      const key = h.raise({ files: { 'v1.xlsx': template([rows[0]!, { ...rows[1]!, nif: 'P0800000X' }]) } });
      await h.drain();
      expect(h.backend!.integrations).toHaveLength(1);
      h.emulator.site.addAttachment(key, { filename: 'v2.xlsx', content: template(rows), author: DEMO.users.setdibaCustomer });
      await h.drain();
      expect(h.backend!.integrations).toHaveLength(2);
      const results = issue(h, key).comments.filter((c) => !c.public).map((c) => c.text);
      expect(results).toHaveLength(2);
      expect(results[1]).toContain('2 ens en aquest tiquet: 1 integrat i 1 ja integrat.');
      expect(results[1]).toContain('Ja integrat a PRO en aquest tiquet.');
    }));
});

describe('cost', () => {
  it('makes the same number of Jira calls for 100 rows as for 300', () =>
    withHarness({}, async (h) => {
      const callsFor = async (rows: number, from: number) => {
        const before = h.emulator.calls.length;
        h.raise({ files: { 'x.xlsx': template(ajuntaments(rows, 'OVER', from)) } });
        await h.drain();
        return h.emulator.calls.slice(before).filter((c) => c.caller === h.emulator.site.appAccountId).length;
      };
      const small = await callsFor(100, 0);
      const large = await callsFor(300, 0);
      expect(large).toBe(small);
    }));
});
