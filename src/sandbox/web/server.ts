import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorMessage } from '../../domain/errors';
import { LANGS } from '../../i18n';
import type { SandboxRuntime, UiResource, UploadedFile } from '../runtime/types';
import type { UiBuild } from '../ui/build-apps';
import { shellAssets } from './assets';
import { BodyTooLargeError, readForm, readJson } from './body';
import { contextQuerySchema, forgeContext, INVOKE_LIMIT_BYTES, invokeResolver } from './bridge-api';
import { html, type Html } from './html';
import { issueBody, type IssueView } from './pages/issue';
import { page, translate, type NavItem } from './pages/layout';
import { loadQueue, queueBody } from './pages/queue';
import { raiseBody, type RaiseView } from './pages/raise';
import { portalCreateBody, portalProperties, portalRequestBody } from './pages/portal';
import { registryBody } from './pages/registry';
import { settingsBody } from './pages/settings';
import { statusBody } from './pages/status';
import { LANG_COOKIE, sessionFor, setCookie, THEME_COOKIE, USER_COOKIE, type Session } from './session';
import { readStaticFile } from './static-files';
import { afterAction, availableTransitions, performTicketAction, type ActionKind } from './ticket-actions';

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0c66e4"/>' +
  '<path d="M4 8.5l2.5 2.5L12 5.5" stroke="#fff" stroke-width="2" fill="none"/></svg>';

/** What the ticket view says after an action, from the redirect's query (`done=comment`, `error=…`). */
function actionFlash(query: URLSearchParams, t: ReturnType<typeof translate>): IssueView['flash'] {
  const done = query.get('done');
  if (done === 'comment' || done === 'attach' || done === 'transition') return { kind: 'success', text: t(`actions.done.${done}`) };
  const error = query.get('error');
  if (error === null) return null;
  return { kind: 'error', text: error ? t('actions.failed', { reason: error.slice(0, 300) }) : t('actions.empty') };
}

/** An uploaded template is refused above this size (the app's reader has its own, lower, limits). */
const UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024;

export interface SandboxWebOptions {
  runtime: SandboxRuntime;
  /** The Custom UI builds, possibly still in progress when the first page is served. */
  ui: Promise<Record<UiResource, UiBuild>>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, match: RegExpMatchArray, session: Session) => Promise<void>;

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json', JSON.stringify(value));
}

function redirect(response: ServerResponse, location: string, cookies: string[] = []): void {
  response.writeHead(303, { location, 'set-cookie': cookies });
  response.end();
}

/** Only paths of this site: an open redirect through the switch form is not possible. */
function safeBack(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function createSandboxServer({ runtime, ui }: SandboxWebOptions): Server {
  const siteUrl = () => `http://127.0.0.1:${(server.address() as { port: number } | null)?.port ?? 0}`;

  const render = (response: ServerResponse, session: Session, title: string, nav: NavItem, path: string, body: Html, status = 200) =>
    send(response, status, 'text/html; charset=utf-8', page({ session, runtime, title, nav, path, body }).toString());

  const frameSrc = async (resource: UiResource, session: Session, target: { issueKey?: string; projectKey: string }) => {
    const build = (await ui)[resource];
    if ('missing' in build) return build;
    const query = new URLSearchParams({ resource, projectKey: target.projectKey, theme: session.theme, lang: session.lang });
    if (target.issueKey) query.set('issueKey', target.issueKey);
    return { src: `/sandbox/ui/${resource}/index.html?${query.toString()}` };
  };

  const jiraFor = (session: Session) => (session.user ? runtime.jiraAs(session.user.accountId) : null);
  const jiraMissing = () => runtime.parts.find((part) => part.name === 'Jira emulator' && !part.ok)?.detail ?? 'no user';

  /** What the last "next day" (daily watch) did, shown on the status page. */
  let lastWatch: Awaited<ReturnType<NonNullable<SandboxRuntime['nextDay']>>> | null = null;
  const routes: [string, RegExp, Handler][] = [
    [
      'GET',
      /^\/$/,
      async (_req, res, _m, session) => {
        const t = translate(session);
        const jira = jiraFor(session);
        if (!jira) return render(res, session, t('nav.queue'), 'queue', '/', html`<p class="notice error">${t('jira.unavailable', { reason: jiraMissing() })}</p>`);
        const issues = await loadQueue(jira, runtime.projectKey);
        render(res, session, t('nav.queue'), 'queue', '/', queueBody(issues, runtime.projectKey, runtime.activity, t));
      },
    ],
    [
      'GET',
      /^\/browse\/([A-Z][A-Z0-9_]*-\d+)$/,
      async (req, res, match, session) => {
        const key = match[1] ?? '';
        const t = translate(session);
        const jira = jiraFor(session);
        if (!jira) return render(res, session, key, null, `/browse/${key}`, html`<p class="notice error">${t('jira.unavailable', { reason: jiraMissing() })}</p>`);
        const issue = await jira.getIssue(key).catch(() => null);
        if (!issue) return render(res, session, key, null, `/browse/${key}`, html`<p class="notice">${t('issue.notFound', { key })}</p>`, 404);
        const rest = session.user ? runtime.restAs(session.user.accountId) : null;
        const [comments, panel, transitions] = await Promise.all([
          jira.getComments(key).catch(() => []),
          frameSrc('issue-panel', session, { issueKey: key, projectKey: issue.projectKey }),
          availableTransitions(rest, key),
        ]);
        const view: IssueView = {
          issue,
          comments,
          processing: runtime.activity.isRunning(key),
          panel,
          lang: session.lang,
          transitions,
          mayWriteInternal: session.user !== null && session.user.role !== 'customer',
          canAct: session.user !== null,
          flash: actionFlash(new URL(req.url ?? '/', 'http://x').searchParams, t),
        };
        render(res, session, `${key}: ${issue.summary}`, null, `/browse/${key}`, issueBody(view, (id) => runtime.displayName(id), t));
      },
    ],
    [
      'GET',
      /^\/projects\/([A-Z][A-Z0-9_]*)\/settings$/,
      async (_req, res, match, session) => {
        const projectKey = match[1] ?? runtime.projectKey;
        const t = translate(session);
        const frame = await frameSrc('project-settings', session, { projectKey });
        render(res, session, t('nav.settings'), 'settings', `/projects/${projectKey}/settings`, settingsBody(projectKey, frame, t));
      },
    ],
    [
      'GET',
      /^\/projects\/([A-Z][A-Z0-9_]*)\/registry$/,
      async (_req, res, match, session) => {
        const projectKey = match[1] ?? runtime.projectKey;
        const t = translate(session);
        const frame = await frameSrc('project-page', session, { projectKey });
        render(res, session, t('nav.registry'), 'registry', `/projects/${projectKey}/registry`, registryBody(projectKey, frame, t));
      },
    ],
    [
      'POST',
      /^\/browse\/([A-Z][A-Z0-9_]*-\d+)\/(comment|attach|transition)$/,
      async (req, res, match, session) => {
        const key = match[1] ?? '';
        const jira = jiraFor(session);
        if (!jira || !session.user) return redirect(res, `/browse/${key}`);
        const outcome = await performTicketAction(
          match[2] as ActionKind,
          req,
          key,
          jira,
          runtime.restAs(session.user.accountId),
          session.user.role !== 'customer',
        );
        // The app reacts to the comment, file or status change through Jira's events, as in Jira.
        runtime.activity.changed();
        redirect(res, afterAction(key, outcome));
      },
    ],
    [
      'GET',
      /^\/raise$/,
      async (req, res, _m, session) => {
        // After "Crea la sol·licitud" the browser lands here (post-redirect-get): a reload shows the
        // result again and creates nothing.
        const created = new URL(req.url ?? '/', 'http://x').searchParams.get('created');
        if (created && /^[A-Z][A-Z0-9_]*-\d+$/.test(created)) {
          const t = translate(session);
          return renderRaise(res, session, {
            kind: 'success',
            text: html`<a href="/browse/${created}" data-raised-key="${created}">${t('raise.done', { key: created })}</a>`,
          });
        }
        return renderRaise(res, session, null);
      },
    ],
    ['POST', /^\/raise$/, async (req, res, _m, session) => raise(req, res, session)],
    [
      'GET',
      /^\/portal\/create$/,
      async (req, res, _m, session) => {
        const created = new URL(req.url ?? '/', 'http://x').searchParams.get('created');
        const t = translate(session);
        const message =
          created && /^[A-Z][A-Z0-9_]*-\d+$/.test(created)
            ? html`<p class="notice success" role="status" data-raise-result="success"><a href="/portal/${created}" data-raised-key="${created}">${t('portal.done', { key: created })}</a></p>`
            : null;
        await renderPortalCreate(res, session, message);
      },
    ],
    ['POST', /^\/portal\/create$/, async (req, res, _m, session) => raiseFromPortal(req, res, session)],
    [
      'GET',
      /^\/portal\/([A-Z][A-Z0-9_]*-\d+)$/,
      async (_req, res, match, session) => {
        const key = match[1] ?? '';
        const t = translate(session);
        const jira = jiraFor(session);
        const issue = jira ? await jira.getIssue(key).catch(() => null) : null;
        const comments = issue && jira ? await jira.getComments(key).catch(() => []) : [];
        const frame = await frameSrc('portal-request', session, { issueKey: key, projectKey: issue?.projectKey ?? runtime.projectKey });
        const body = portalRequestBody(
          { key, issue, comments, userName: session.user?.displayName ?? '—', lang: session.lang, frame, agent: session.user !== null && session.user.role !== 'customer' },
          t,
        );
        render(res, session, t('portal.requestTitle', { key }), 'portal', `/portal/${key}`, body);
      },
    ],
    [
      'GET',
      /^\/sandbox\/status$/,
      async (_req, res, _m, session) => {
        const t = translate(session);
        const builds = await ui;
        const uiParts = Object.entries(builds).map(([resource, build]) => ({
          name: `Custom UI: ${resource}`,
          ok: !('missing' in build),
          detail: 'missing' in build ? build.missing : build.dir,
        }));
        render(res, session, t('status.title'), 'status', '/sandbox/status', statusBody([...runtime.parts, ...uiParts], runtime.activity.snapshot(), t, lastWatch));
      },
    ],
    [
      'POST',
      /^\/sandbox\/next-day$/,
      async (_req, res) => {
        // Post-redirect-get: a reload of the status page shows the result without moving the clock again.
        if (runtime.nextDay) lastWatch = await runtime.nextDay();
        redirect(res, '/sandbox/status');
      },
    ],
    ['GET', /^\/sandbox\/state$/, async (_req, res) => sendJson(res, 200, runtime.activity.snapshot())],
    [
      'POST',
      /^\/sandbox\/session$/,
      async (req, res) => {
        const form = await readForm(req, 64 * 1024);
        const cookies: string[] = [];
        const user = form.get('user');
        if (typeof user === 'string' && runtime.users.some((u) => u.accountId === user)) cookies.push(setCookie(USER_COOKIE, user));
        const lang = form.get('lang');
        if (typeof lang === 'string' && (LANGS as readonly string[]).includes(lang)) cookies.push(setCookie(LANG_COOKIE, lang));
        const theme = form.get('theme');
        if (theme === 'light' || theme === 'dark') cookies.push(setCookie(THEME_COOKIE, theme));
        redirect(res, safeBack(form.get('back')), cookies);
      },
    ],
    [
      'GET',
      /^\/sandbox\/attachments\/(\d+)\/([^/]+)$/,
      async (_req, res, match, session) => {
        const jira = jiraFor(session);
        if (!jira) return sendJson(res, 503, { message: jiraMissing() });
        const bytes = await jira.getAttachmentContent(match[1] ?? '');
        send(res, 200, 'application/octet-stream', Buffer.from(bytes), {
          'content-disposition': `attachment; filename*=UTF-8''${match[2] ?? 'file'}`,
        });
      },
    ],
    [
      'POST',
      /^\/sandbox\/bridge\/invoke$/,
      async (req, res, _m, session) => {
        const raw = await readJson(req, INVOKE_LIMIT_BYTES);
        const outcome = await invokeResolver(raw, session, runtime, siteUrl());
        sendJson(res, outcome.status, outcome.body);
      },
    ],
    [
      'GET',
      /^\/sandbox\/bridge\/context$/,
      async (req, res, _m, session) => {
        const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
        const parsed = contextQuerySchema.safeParse(query);
        if (!parsed.success) return sendJson(res, 400, { message: 'Invalid context request' });
        sendJson(res, 200, forgeContext(parsed.data, session, runtime, siteUrl()));
      },
    ],
    [
      'GET',
      /^\/sandbox\/ui\/(issue-panel|project-settings|project-page|portal-request|portal-check)\/(.*)$/,
      async (_req, res, match) => {
        const build = (await ui)[match[1] as UiResource];
        const file = build && 'dir' in build ? await readStaticFile(build.dir, match[2] ?? '') : null;
        if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
        send(res, 200, file.type, file.bytes);
      },
    ],
    // Browsers ask for /favicon.ico whatever the page says; one small SVG answers both.
    ['GET', /^\/favicon\.ico$/, async (_req, res) => send(res, 200, 'image/svg+xml', FAVICON_SVG, { 'cache-control': 'max-age=86400' })],
    ['GET', /^\/sandbox\/assets\/sandbox\.css$/, async (_req, res) => send(res, 200, 'text/css; charset=utf-8', (await shellAssets()).css)],
    ['GET', /^\/sandbox\/assets\/shell\.js$/, async (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', (await shellAssets()).js)],
  ];

  async function renderPortalCreate(res: ServerResponse, session: Session, message: Html | null, status = 200): Promise<void> {
    const t = translate(session);
    const frame = await frameSrc('portal-check', session, { projectKey: runtime.projectKey });
    const canRaise = session.user?.role === 'customer';
    const notCustomer = t('raise.notCustomer', { user: session.user?.displayName ?? '—' });
    render(res, session, t('portal.createTitle'), 'portal', '/portal/create', portalCreateBody({ frame, canRaise, notCustomer, message }, t), status);
  }

  /** The portal's create screen: the request with its file and what the checker submitted (setdiba.check). */
  async function raiseFromPortal(req: IncomingMessage, res: ServerResponse, session: Session): Promise<void> {
    const t = translate(session);
    const form = await readForm(req, UPLOAD_LIMIT_BYTES);
    if (!session.user || session.user.role !== 'customer') return renderPortalCreate(res, session, null, 403);
    const files: UploadedFile[] = [];
    const upload = form.get('file');
    if (upload instanceof File && upload.size > 0) files.push({ fileName: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) });
    const properties = portalProperties(form.get('properties'));
    try {
      const { issueKey } = await runtime.raiseRequest(session.user, {
        summary: String(form.get('summary') ?? '').trim() || files[0]?.fileName || 'Sol·licitud',
        description: String(form.get('description') ?? '').trim(),
        files,
        properties,
      });
      redirect(res, `/portal/create?created=${encodeURIComponent(issueKey)}`);
    } catch (error) {
      const text = html`<p class="notice error" role="alert">${t('raise.failed', { reason: errorMessage(error) })}</p>`;
      await renderPortalCreate(res, session, text, 500);
    }
  }

  async function renderRaise(res: ServerResponse, session: Session, message: RaiseView['message'], status = 200): Promise<void> {
    const t = translate(session);
    const emulator = runtime.parts.find((part) => part.name === 'Jira emulator');
    const samplesPart = runtime.parts.find((part) => part.name === 'Sample templates');
    const view: RaiseView = {
      user: session.user,
      samples: runtime.samples,
      samplesMissing: samplesPart && !samplesPart.ok ? samplesPart.detail : null,
      unavailable: emulator && !emulator.ok ? emulator.detail : null,
      message,
    };
    render(res, session, t('raise.title'), 'raise', '/raise', raiseBody(view, t), status);
  }

  async function raise(req: IncomingMessage, res: ServerResponse, session: Session): Promise<void> {
    const t = translate(session);
    const form = await readForm(req, UPLOAD_LIMIT_BYTES);
    if (!session.user || session.user.role !== 'customer') return renderRaise(res, session, null, 403);
    const files: UploadedFile[] = [];
    const sample = runtime.samples.find((s) => s.id === form.get('sample'));
    if (sample) files.push(...(await sample.files()));
    const upload = form.get('file');
    if (upload instanceof File && upload.size > 0) {
      files.push({ fileName: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) });
    }
    const summaryField = String(form.get('summary') ?? '').trim();
    const descriptionField = String(form.get('description') ?? '').trim();
    if (files.length === 0 && !summaryField) {
      return renderRaise(res, session, { kind: 'error', text: html`${t('raise.nothing')}` }, 400);
    }
    try {
      const { issueKey } = await runtime.raiseRequest(session.user, {
        summary: summaryField || sample?.summary || files[0]?.fileName || 'Sol·licitud',
        description: descriptionField || sample?.description || '',
        files,
      });
      redirect(res, `/raise?created=${encodeURIComponent(issueKey)}`);
    } catch (error) {
      await renderRaise(res, session, { kind: 'error', text: html`${t('raise.failed', { reason: errorMessage(error) })}` }, 500);
    }
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes.find(([method, pattern]) => method === request.method && pattern.test(url.pathname));
    if (!route) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    const session = sessionFor(request, runtime);
    const match = url.pathname.match(route[1]) as RegExpMatchArray;
    route[2](request, response, match, session).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof BodyTooLargeError) return sendJson(response, 413, { message: error.message });
      console.error(`[sandbox] ${request.method} ${url.pathname} failed:`, error);
      send(response, 500, 'text/plain; charset=utf-8', `The sandbox could not answer: ${errorMessage(error)}`);
    });
  });
  return server;
}
