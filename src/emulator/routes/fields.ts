/**
 * GET /rest/api/3/field: the fields of the site. Besides the system fields the emulator renders, a
 * site with Jira Service Management has its two JSM custom fields; apps find them by their custom type
 * (`schema.custom`), because their ids differ from site to site.
 */
import { ORGANIZATIONS_FIELD, REQUEST_TYPE_FIELD } from '../site/site';
import type { RouteHandler } from './context';
import { FIELD_NAMES } from './representations';

const SYSTEM_TYPES: Readonly<Record<string, { type: string; items?: string }>> = {
  summary: { type: 'string' },
  description: { type: 'string' },
  labels: { type: 'array', items: 'string' },
  status: { type: 'status' },
  issuetype: { type: 'issuetype' },
  project: { type: 'project' },
  assignee: { type: 'user' },
  reporter: { type: 'user' },
  creator: { type: 'user' },
  created: { type: 'datetime' },
  updated: { type: 'datetime' },
  attachment: { type: 'array', items: 'attachment' },
  issuelinks: { type: 'array', items: 'issuelinks' },
  comment: { type: 'comments-page' },
};

const JSM_FIELDS = [
  {
    id: ORGANIZATIONS_FIELD,
    schema: { type: 'array', items: 'sd-customerorganization', custom: 'com.atlassian.servicedesk:sd-customer-organizations' },
  },
  { id: REQUEST_TYPE_FIELD, schema: { type: 'sd-customerrequesttype', custom: 'com.atlassian.servicedesk:vp-origin' } },
];

const getFields: RouteHandler = (ctx) => {
  const system = Object.entries(SYSTEM_TYPES).map(([id, schema]) => ({
    id,
    key: id,
    name: FIELD_NAMES[id] ?? id,
    custom: false,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [id],
    schema: { ...schema, system: id },
  }));
  const jsm = ctx.site.serviceDesks.size === 0
    ? []
    : JSM_FIELDS.map(({ id, schema }) => {
        const customId = Number(id.replace('customfield_', ''));
        const name = FIELD_NAMES[id] ?? id;
        return { id, key: id, name, custom: true, orderable: true, navigable: true, searchable: true, clauseNames: [`cf[${customId}]`, name], schema: { ...schema, customId } };
      });
  return { status: 200, json: [...system, ...jsm] };
};

export const fieldRoutes: Record<string, RouteHandler> = {
  'GET /rest/api/3/field': getFields,
};
