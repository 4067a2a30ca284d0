/**
 * What a route handler receives and returns, and the error type that becomes a Jira error body
 * (`{ errorMessages, errors }` on the platform API, `{ errorMessage, i18nErrorMessage }` on JSM).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { checkAdf } from '../spec/adf';
import { canSeeIssue, issuePermissions, type PermissionKey } from '../site/permissions';
import type { SiteIssue, SiteUser } from '../site/model';
import type { Site } from '../site/site';

export interface RouteContext {
  site: Site;
  caller: SiteUser;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined (multipart bodies stay in rawBody). */
  body: unknown;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  baseUrl: string;
  limits: { maxAttachmentBytes: number };
  /** Records what the caller got wrong (e.g. invalid ADF) so the test that sent it fails. */
  reportViolation(where: string, message: string): void;
}

export interface RouteResult {
  status: number;
  json?: unknown;
  bytes?: { contentType: string; data: Uint8Array };
  headers?: Record<string, string>;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(`${status} ${[...errorMessages, ...Object.values(fieldErrors)].join('; ')}`);
    this.name = 'HttpError';
  }
}

export function errorBody(api: 'platform' | 'servicedesk', error: HttpError): Record<string, unknown> {
  if (api === 'servicedesk') {
    const message = [...error.errorMessages, ...Object.entries(error.fieldErrors).map(([k, v]) => `${k}: ${v}`)].join(' ');
    return { errorMessage: message, i18nErrorMessage: { i18nKey: `sd.emulator.error.${error.status}`, parameters: [] } };
  }
  return { errorMessages: error.errorMessages, errors: error.fieldErrors };
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** The issue if the caller may see it; Jira answers 404 alike for missing and hidden issues. */
export function visibleIssue(ctx: RouteContext, idOrKey: string): SiteIssue {
  const issue = ctx.site.issue(idOrKey);
  if (!issue || !canSeeIssue(ctx.site, ctx.caller, issue)) throw new HttpError(404, [ISSUE_NOT_FOUND]);
  return issue;
}

export function requireIssuePermission(ctx: RouteContext, issue: SiteIssue, permission: PermissionKey, status: number, message: string): void {
  if (!issuePermissions(ctx.site, ctx.caller, issue).has(permission)) throw new HttpError(status, [message]);
}

/** Query list parameters: repeated keys and comma-separated values both count. */
export function queryList(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks an ADF document the caller sent; invalid ADF is a 400 for the caller and a violation. */
export function requireAdf(ctx: RouteContext, doc: unknown, where: string, field: string): void {
  const problems = checkAdf(doc, where);
  if (problems.length === 0) return;
  for (const p of problems) ctx.reportViolation(p.where, p.message);
  throw new HttpError(400, [], { [field]: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' });
}
