/** Projects, their issue types and statuses. */
import { HttpError, type RouteHandler } from './context';
import { issueTypeJson, statusJson, userJson } from './representations';
import { visibleProject } from './users';
import type { SiteProject } from '../site/model';

function issueTypesJson(project: SiteProject, baseUrl: string) {
  return project.issueTypes.map((t) => issueTypeJson(project, t.id, { baseUrl }));
}

const getProject: RouteHandler = (ctx) => {
  const project = visibleProject(ctx, ctx.params.projectIdOrKey ?? '');
  const lead = project.leadAccountId ? ctx.site.user(project.leadAccountId) : undefined;
  return {
    status: 200,
    json: {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      self: `${ctx.baseUrl}/rest/api/3/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      description: '',
      ...(lead ? { lead: userJson(lead, { baseUrl: ctx.baseUrl }) } : {}),
      components: [],
      issueTypes: issueTypesJson(project, ctx.baseUrl),
      assigneeType: 'UNASSIGNED',
      versions: [],
      roles: {},
      avatarUrls: {
        '16x16': `${ctx.baseUrl}/_emulator/avatar/project-${project.id}?s=16`,
        '24x24': `${ctx.baseUrl}/_emulator/avatar/project-${project.id}?s=24`,
        '32x32': `${ctx.baseUrl}/_emulator/avatar/project-${project.id}?s=32`,
        '48x48': `${ctx.baseUrl}/_emulator/avatar/project-${project.id}?s=48`,
      },
      projectTypeKey: project.serviceDeskId ? 'service_desk' : 'software',
      simplified: false,
      style: 'classic',
      isPrivate: false,
      properties: {},
    },
  };
};

const getIssueTypesForProject: RouteHandler = (ctx) => {
  const id = ctx.query.get('projectId') ?? '';
  const project = ctx.site.projects.get(id);
  if (!project) throw new HttpError(404, [`No project could be found with id '${id}'.`]);
  return { status: 200, json: issueTypesJson(visibleProject(ctx, project.id), ctx.baseUrl) };
};

const getProjectStatuses: RouteHandler = (ctx) => {
  const project = visibleProject(ctx, ctx.params.projectIdOrKey ?? '');
  return {
    status: 200,
    json: project.issueTypes.map((t) => ({
      self: `${ctx.baseUrl}/rest/api/3/issuetype/${t.id}`,
      id: t.id,
      name: t.name,
      subtask: t.subtask,
      statuses: project.statuses.map((s) => statusJson(s, { baseUrl: ctx.baseUrl })),
    })),
  };
};

export const projectRoutes: Record<string, RouteHandler> = {
  'GET /rest/api/3/project/{projectIdOrKey}': getProject,
  'GET /rest/api/3/issuetype/project': getIssueTypesForProject,
  'GET /rest/api/3/project/{projectIdOrKey}/statuses': getProjectStatuses,
};
