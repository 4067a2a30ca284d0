/**
 * The two Atlassian OpenAPI descriptions the emulator answers to, loaded once per process, and a
 * matcher from a concrete request path to the documented operation. A path neither spec documents is
 * a sign the caller uses something Jira Cloud does not offer, so the server treats it as a violation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type SpecName = 'platform' | 'servicedesk';

/** The parts of an OpenAPI 3.0 document the emulator reads; schemas stay opaque JSON. */
export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}
export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

export interface MatchedOperation {
  spec: SpecName;
  /** The documented path template, e.g. `/rest/api/3/issue/{issueIdOrKey}`. */
  template: string;
  method: string;
  operation: OpenApiOperation;
  /** Path-level and operation-level parameters together (operation wins on a name clash). */
  parameters: OpenApiParameter[];
  pathParams: Record<string, string>;
}

const SPEC_FILES: Record<SpecName, string> = {
  platform: 'jira-platform.v3.json',
  servicedesk: 'jira-servicemanagement.json',
};

/** `specs/` at the repository root; this file lives in src/emulator/spec/. */
export const SPECS_DIR = join(__dirname, '..', '..', '..', 'specs');

const documents = new Map<SpecName, OpenApiDocument>();

export function loadSpec(name: SpecName): OpenApiDocument {
  let doc = documents.get(name);
  if (!doc) {
    doc = JSON.parse(readFileSync(join(SPECS_DIR, SPEC_FILES[name]), 'utf8')) as OpenApiDocument;
    documents.set(name, doc);
  }
  return doc;
}

interface CompiledTemplate {
  spec: SpecName;
  template: string;
  segments: string[];
  /** More literal segments win: `/issue/createmeta` before `/issue/{issueIdOrKey}`. */
  literalCount: number;
}

let templatesBySegmentCount: Map<number, CompiledTemplate[]> | null = null;

function specForPath(path: string): SpecName | null {
  if (path.startsWith('/rest/servicedeskapi/')) return 'servicedesk';
  if (path.startsWith('/rest/api/3/')) return 'platform';
  return null;
}

function compileTemplates(): Map<number, CompiledTemplate[]> {
  const byCount = new Map<number, CompiledTemplate[]>();
  for (const spec of Object.keys(SPEC_FILES) as SpecName[]) {
    for (const template of Object.keys(loadSpec(spec).paths)) {
      const segments = template.split('/').slice(1);
      const literalCount = segments.filter((s) => !s.startsWith('{')).length;
      const list = byCount.get(segments.length) ?? [];
      list.push({ spec, template, segments, literalCount });
      byCount.set(segments.length, list);
    }
  }
  for (const list of byCount.values()) list.sort((a, b) => b.literalCount - a.literalCount);
  return byCount;
}

/** Finds the documented operation for a method and a raw (still percent-encoded) path. */
export function matchOperation(method: string, rawPath: string): MatchedOperation | null {
  const spec = specForPath(rawPath);
  if (!spec) return null;
  templatesBySegmentCount ??= compileTemplates();
  const segments = rawPath.split('/').slice(1);
  const candidates = templatesBySegmentCount.get(segments.length) ?? [];
  for (const candidate of candidates) {
    if (candidate.spec !== spec) continue;
    const pathParams: Record<string, string> = {};
    const matches = candidate.segments.every((part, i) => {
      const actual = segments[i] ?? '';
      if (part.startsWith('{') && part.endsWith('}')) {
        if (actual === '') return false;
        pathParams[part.slice(1, -1)] = safeDecode(actual);
        return true;
      }
      return part === actual;
    });
    if (!matches) continue;
    const pathItem = loadSpec(spec).paths[candidate.template] ?? {};
    const operation = pathItem[method.toLowerCase()] as OpenApiOperation | undefined;
    // The path exists but not for this method: a less literal template may still have it.
    if (!operation) continue;
    const shared = (pathItem.parameters as OpenApiParameter[] | undefined) ?? [];
    const own = operation.parameters ?? [];
    const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
    return { spec, template: candidate.template, method: method.toUpperCase(), operation, parameters, pathParams };
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
