/**
 * Who a step acts as. The names are the demo site's roles; `customer-es` is a SetDIBA customer whose
 * Jira language is Spanish, added to the site the first time a scenario names it (the demo site has
 * only a Catalan one in the SetDIBA organization).
 */
import { DEMO, type Site } from '../../emulator';
import { StepFailure } from './step-failure';

export const SPANISH_CUSTOMER = 'customer-setdiba-es';

const ROLES: Readonly<Record<string, string>> = {
  customer: DEMO.users.setdibaCustomer,
  'customer-es': SPANISH_CUSTOMER,
  agent: DEMO.users.agent,
  'agent-es': DEMO.users.agentEs,
  admin: DEMO.users.admin,
  'mux-owner': DEMO.users.muxOwner,
  outsider: DEMO.users.outsider,
};

function ensureSpanishCustomer(site: Site): void {
  if (site.user(SPANISH_CUSTOMER)) return;
  site.addUser({
    accountId: SPANISH_CUSTOMER,
    displayName: 'Soporte SetDIBA',
    emailAddress: 'soporte.setdiba@diba.cat',
    locale: 'es_ES',
    accountType: 'customer',
  });
  site.organization('SetDIBA')?.members.add(SPANISH_CUSTOMER);
}

/** The account id a step's `as` (or `reporter`) names: a role above or a demo account id. */
export function accountOf(site: Site, who: string): string {
  if (who === 'customer-es') ensureSpanishCustomer(site);
  const accountId = ROLES[who] ?? who;
  if (!site.user(accountId)) throw new StepFailure('unknown_user', 'error.unknownUser', { user: who });
  return accountId;
}

/** The organizations a customer belongs to: the portal shares a request they raise with them. */
export function organizationsOf(site: Site, accountId: string): string[] {
  return [...site.organizations.values()].filter((o) => o.members.has(accountId)).map((o) => o.id);
}
