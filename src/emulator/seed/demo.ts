/**
 * The demo site: AOC's technical-support service desk `SUP` as the app meets it. Shared by the
 * tests, the sandbox (`npm start`) and `setdiba simulate`, so the ids below are stable: refer to
 * them through DEMO rather than spelling them out. The names are invented.
 */
import type { Site } from '../site/site';

export const DEMO = {
  projectKey: 'SUP',
  serviceDeskId: '1',
  requestTypes: { altaIntegracio: '10', consulta: '11', incidencia: '12' },
  organizations: { setdiba: '1', ajuntamentDeProva: '2' },
  users: {
    /** Agent, Catalan locale. */
    agent: 'agent-marta',
    /** Second agent, Spanish locale (for i18n checks). */
    agentEs: 'agent-jordi',
    /** Project administrator (also an agent). */
    admin: 'admin-laia',
    /** The agent who owns MUX tickets. */
    muxOwner: 'agent-pere',
    /** SetDIBA's customer account, with a @diba.cat address, member of the SetDIBA organization. */
    setdibaCustomer: 'customer-setdiba',
    /** A customer of another ens, member of "Ajuntament de Prova". */
    otherCustomer: 'customer-prova',
    /** A user with no access to SUP at all. */
    outsider: 'outsider-oscar',
  },
} as const;

export function demoSeed(site: Site, options: { withSampleIssues?: boolean } = {}): void {
  const u = DEMO.users;
  site.addUser({ accountId: u.agent, displayName: 'Marta Puig', emailAddress: 'marta.puig@aoc.example', locale: 'ca_ES' });
  site.addUser({ accountId: u.agentEs, displayName: 'Jordi Vila', emailAddress: 'jordi.vila@aoc.example', locale: 'es_ES' });
  site.addUser({ accountId: u.admin, displayName: 'Laia Ferrer', emailAddress: 'laia.ferrer@aoc.example', locale: 'ca_ES' });
  site.addUser({ accountId: u.muxOwner, displayName: 'Pere Soler', emailAddress: 'pere.soler@aoc.example', locale: 'ca_ES' });
  site.addUser({ accountId: u.setdibaCustomer, displayName: 'Suport SetDIBA', emailAddress: 'setdiba@diba.cat', locale: 'ca_ES', accountType: 'customer' });
  site.addUser({ accountId: u.otherCustomer, displayName: 'Anna Serra', emailAddress: 'anna.serra@ajprova.example', locale: 'es_ES', accountType: 'customer' });
  site.addUser({ accountId: u.outsider, displayName: 'Oscar Roig', emailAddress: 'oscar.roig@elsewhere.example', locale: 'en_US' });

  site.addProject({
    key: DEMO.projectKey,
    name: 'Suport Tècnic',
    admins: [u.admin],
    agents: [u.agent, u.agentEs, u.muxOwner],
    serviceDesk: {
      id: DEMO.serviceDeskId,
      requestTypes: [
        { id: DEMO.requestTypes.altaIntegracio, name: "Alta d'integració", description: "Alta d'un ens en un servei de l'AOC", issueType: 'Service Request' },
        { id: DEMO.requestTypes.consulta, name: 'Consulta', description: 'Dubtes sobre els serveis', issueType: 'Service Request' },
        { id: DEMO.requestTypes.incidencia, name: 'Incidència', description: 'Alguna cosa no funciona', issueType: 'Incident' },
      ],
    },
  });
  site.addOrganization({ id: DEMO.organizations.setdiba, name: 'SetDIBA', members: [u.setdibaCustomer] });
  site.addOrganization({ id: DEMO.organizations.ajuntamentDeProva, name: 'Ajuntament de Prova', members: [u.otherCustomer] });

  if (options.withSampleIssues) {
    site.createIssue(
      {
        projectKey: DEMO.projectKey,
        summary: 'Consulta sobre el tauler electrònic',
        description: 'Bon dia,\nCom publiquem un edicte al tauler?',
        requestType: DEMO.requestTypes.consulta,
        reporter: u.otherCustomer,
        organizations: [DEMO.organizations.ajuntamentDeProva],
        comments: [
          { author: u.agent, body: 'Revisant-ho.', internal: true },
          { author: u.agent, body: 'Bon dia, us enviem la guia.', internal: false },
        ],
      },
      { emitEvent: false },
    );
  }
}
