/**
 * Who may do what, the way a JSM project's default permission scheme decides it:
 * - project admins: everything; agents: everything but administering the project;
 * - the app (asApp): every project permission (it sits in the atlassian-addons role) but it cannot be
 *   assigned issues;
 * - customers: portal access only: they browse, comment on and attach to the requests they raised,
 *   participate in or that are shared with one of their organizations; they never edit, assign,
 *   transition or see internal comments;
 * - anyone else: nothing (Jira then answers 404, not 403, for issues they cannot see).
 */
import type { Site } from './site';
import type { SiteIssue, SiteProject, SiteUser } from './model';

export const PERMISSIONS = {
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', description: 'Ability to assign issues to other people.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', description: 'Ability to comment on issues.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', description: 'Ability to delete issues.' },
  ASSIGNABLE_USER: { id: '17', name: 'Assignable User', description: 'Users with this permission may be assigned to issues.' },
  CREATE_ATTACHMENTS: { id: '19', name: 'Create Attachments', description: 'Users with this permission may create attachments.' },
  LINK_ISSUES: { id: '21', name: 'Link Issues', description: 'Ability to link issues together and create linked issues.' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', description: 'Ability to administer a project in Jira.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', description: 'Ability to transition issues.' },
} as const;

export type PermissionKey = keyof typeof PERMISSIONS;
export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as PermissionKey[];

const AGENT: PermissionKey[] = PERMISSION_KEYS.filter((k) => k !== 'ADMINISTER_PROJECTS');
const APP: PermissionKey[] = PERMISSION_KEYS.filter((k) => k !== 'ASSIGNABLE_USER');
const CUSTOMER_ON_PROJECT: PermissionKey[] = ['BROWSE_PROJECTS', 'CREATE_ISSUES'];
const CUSTOMER_ON_OWN_REQUEST: PermissionKey[] = ['BROWSE_PROJECTS', 'ADD_COMMENTS', 'CREATE_ATTACHMENTS'];

export function isPortalCustomer(site: Site, user: SiteUser, project: SiteProject): boolean {
  if (user.accountType !== 'customer' || !project.serviceDeskId) return false;
  const desk = site.serviceDesks.get(project.serviceDeskId);
  if (!desk) return false;
  if (desk.customers.has(user.accountId)) return true;
  return [...desk.organizationIds].some((id) => site.organizations.get(id)?.members.has(user.accountId));
}

export function projectPermissions(site: Site, user: SiteUser, project: SiteProject): Set<PermissionKey> {
  if (user.accountType === 'app') return new Set(APP);
  const role = project.roles.get(user.accountId);
  if (role === 'admin') return new Set(PERMISSION_KEYS);
  if (role === 'agent') return new Set(AGENT);
  if (isPortalCustomer(site, user, project)) return new Set(CUSTOMER_ON_PROJECT);
  return new Set();
}

/** A customer is involved in a request they reported, participate in, or share through an organization. */
export function isInvolvedCustomer(site: Site, user: SiteUser, issue: SiteIssue): boolean {
  if (issue.reporterAccountId === user.accountId || issue.participants.includes(user.accountId)) return true;
  return issue.organizationIds.some((id) => site.organizations.get(id)?.members.has(user.accountId));
}

export function issuePermissions(site: Site, user: SiteUser, issue: SiteIssue): Set<PermissionKey> {
  const project = site.projectById(issue.projectId);
  const onProject = projectPermissions(site, user, project);
  if (user.accountType !== 'customer' || project.roles.has(user.accountId)) return onProject;
  if (!onProject.has('BROWSE_PROJECTS') || !isInvolvedCustomer(site, user, issue)) return new Set();
  return new Set(CUSTOMER_ON_OWN_REQUEST);
}

export function canSeeIssue(site: Site, user: SiteUser, issue: SiteIssue): boolean {
  return issuePermissions(site, user, issue).has('BROWSE_PROJECTS');
}

/** Customers see only public comments without a role or group restriction. */
export function seesInternalComments(site: Site, user: SiteUser, issue: SiteIssue): boolean {
  const project = site.projectById(issue.projectId);
  return user.accountType !== 'customer' || project.roles.has(user.accountId);
}
