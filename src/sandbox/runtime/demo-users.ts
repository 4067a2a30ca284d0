import { DEMO } from '../../emulator';
import type { Site } from '../../emulator';
import type { SandboxRole, SandboxUser } from './types';

/** The demo site's people, in the order the user switch lists them. */
const ROLES: readonly { accountId: string; role: SandboxRole }[] = [
  { accountId: DEMO.users.agent, role: 'agent' },
  { accountId: DEMO.users.agentEs, role: 'agent' },
  { accountId: DEMO.users.muxOwner, role: 'mux-owner' },
  { accountId: DEMO.users.admin, role: 'admin' },
  { accountId: DEMO.users.setdibaCustomer, role: 'customer' },
  { accountId: DEMO.users.otherCustomer, role: 'customer' },
];

export function demoUsers(site: Site): SandboxUser[] {
  return ROLES.flatMap(({ accountId, role }) => {
    const user = site.user(accountId);
    if (!user) return [];
    return [{ accountId, displayName: user.displayName, email: user.emailAddress, role, locale: user.locale }];
  });
}

/** The organizations a customer belongs to: a request they raise is shared with them, as the portal does. */
export function organizationsOf(site: Site, accountId: string): string[] {
  return [...site.organizations.values()].filter((o) => o.members.has(accountId)).map((o) => o.id);
}
