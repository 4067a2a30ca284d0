/**
 * A ticket whose every row is blocked (5,000 ens, the SetDIBA certificate missing) keeps its open rows
 * although they do not fit in Jira's 32,768-character issue property: the run state spills them to the
 * app's KVS and the property points there. The batch run ends with its comments, and after the
 * certificate is fixed "Executa" sends each blocked ens to the backend once; with nothing left open the
 * state fits in the property again and the KVS entry is gone.
 */
import { dependentBodies, template } from './fixtures';
import { backendPostsPerKey, DEMO, fixCertificate, issueOf, outcomeStatuses, startHarness, storedRunState as storedState, type Harness } from './harness';
import { panelFor } from './panel-client';

const ROWS = 5_000;
const JIRA_PROPERTY_MAX_CHARS = 32_768;

const openRowEntries = async (h: Harness, key: string) => (await h.kvs.list(`setdiba:open-rows:${key}:`)).length;

describe('a ticket with thousands of blocked rows', () => {
  it('saves its run state, and Executa after the certificate fix retries exactly the blocked rows once', async () => {
    const h = await startHarness({ backend: 'http', settings: (s) => void (s.certificate.current = null) });
    try {
      const rows = dependentBodies(ROWS, 'OVER');
      expect(new Set(rows.map((r) => r.codiEns)).size).toBe(ROWS);
      const key = h.raise({ files: { 'alta.xlsx': template(rows) } });
      await h.drain();
      expect(outcomeStatuses(h)).toEqual(['done']);
      expect(h.backend!.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

      // The batch is done and its property fits; its 5,000 open rows are in the KVS, not lost.
      const property = JSON.stringify(storedState(h, key));
      expect(property.length).toBeLessThanOrEqual(JIRA_PROPERTY_MAX_CHARS);
      const blocked = storedState(h, key);
      expect(blocked.batches).toHaveLength(1);
      expect(blocked.batches[0]).toMatchObject({ done: true, openIn: { blocked: ROWS, failed: 0 } });
      expect(await openRowEntries(h, key)).toBe(1);
      const comments = issueOf(h, key).comments;
      expect(comments.filter((c) => !c.public)).toHaveLength(1);
      expect(comments.filter((c) => c.public)).toHaveLength(1);

      // The panel sees every row blocked, as it would on a small ticket.
      const panel = panelFor(h);
      const before = await panel(DEMO.users.agent, key, 'getPanelState');
      expect(before.rows).toHaveLength(ROWS);
      expect(new Set(before.rows.map((r) => r.status))).toEqual(new Set(['blocked']));

      await fixCertificate(h);
      await panel(DEMO.users.agent, key, 'run');
      await h.drain();
      expect(outcomeStatuses(h, 1)).toEqual(['retry']);
      const perKey = backendPostsPerKey(h);
      expect(perKey.size).toBe(ROWS);
      expect([...perKey.values()].every((n) => n === 1)).toBe(true);
      const integrated = h.backend!.integrations.filter((x) => x.result === 'integrated').map((x) => x.codiEns);
      expect(new Set(integrated)).toEqual(new Set(rows.map((r) => r.codiEns)));

      // Nothing is open any more: the lists are back in the property (empty) and the KVS entry is gone.
      const after = storedState(h, key);
      expect(after.batches[0]!.open).toEqual({ blocked: [], failed: {} });
      expect(after.batches[0]!.openIn ?? null).toBeNull();
      expect(after.state).toBe('done');
      expect(await openRowEntries(h, key)).toBe(0);
      expect(issueOf(h, key).comments.filter((c) => !c.public)).toHaveLength(2);
      // The panel sees every row integrated and nothing running.
      const afterPanel = await panel(DEMO.users.agent, key, 'getPanelState');
      expect(afterPanel.rows).toHaveLength(ROWS);
      expect(new Set(afterPanel.rows.map((r) => r.status))).toEqual(new Set(['integrated']));
      expect(afterPanel.run.status).toBe('idle');
    } finally {
      await h.stop();
    }
  }, 300_000);
});
