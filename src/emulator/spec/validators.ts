/**
 * Request and response checks against the OpenAPI operation, compiled lazily per operation and cached
 * for the life of the process: start-up stays fast, and a test file pays only for the operations it uses.
 *
 * Ajv reads OpenAPI 3.0 schemas as JSON Schema with the `nullable` keyword (built into Ajv 8); OpenAPI's
 * own annotations (`readOnly`, `xml`, `example`, `discriminator`) are ignored, which `strict: false` allows.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { REQUEST_BODY_ERRATA } from './errata';
import { loadSpec, type MatchedOperation, type OpenApiParameter, type SpecName } from './specs';

export interface SchemaProblem {
  /** Where in the message: `query.maxResults`, `body/fields/summary`, `status`… */
  where: string;
  message: string;
}

function newAjv(coerceTypes: boolean | 'array'): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, coerceTypes });
  addFormats(ajv);
  return ajv;
}

// Bodies are JSON and must have the right types as sent; query strings are text and are coerced.
let bodyAjv: Ajv | null = null;
let queryAjv: Ajv | null = null;
const specsAdded = new WeakSet<Ajv>();

function ajvFor(kind: 'body' | 'query'): Ajv {
  const ajv = kind === 'body' ? (bodyAjv ??= newAjv(false)) : (queryAjv ??= newAjv('array'));
  if (!specsAdded.has(ajv)) {
    // The whole document is registered under its spec name so `#/components/...` references inside
    // any schema of it resolve; only the schemas actually referenced get compiled.
    for (const name of ['platform', 'servicedesk'] as const) ajv.addSchema(loadSpec(name) as object, name);
    specsAdded.add(ajv);
  }
  return ajv;
}

const cache = new Map<string, ValidateFunction>();

function compileCached(kind: 'body' | 'query', key: string, schema: () => object): ValidateFunction {
  const cacheKey = `${kind} ${key}`;
  let validate = cache.get(cacheKey);
  if (!validate) {
    validate = ajvFor(kind).compile(schema());
    cache.set(cacheKey, validate);
  }
  return validate;
}

/** A JSON pointer to a schema inside a spec document, for a `$ref` that keeps relative refs working. */
function pointer(spec: SpecName, ...parts: string[]): string {
  return `${spec}#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function describe(errors: ErrorObject[] | null | undefined, prefix: string): SchemaProblem[] {
  return (errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})`
        : e.keyword === 'enum'
          ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
          : '';
    return { where: `${prefix}${e.instancePath}`, message: `${e.message ?? e.keyword}${extra}` };
  });
}

/**
 * Checks query and path parameters. Query values arrive as strings (repeated keys as several); the
 * schema decides whether a parameter is a list. Unknown query parameters are reported, since Jira
 * silently ignores them and a misspelt one is otherwise invisible.
 */
export function checkParameters(op: MatchedOperation, query: URLSearchParams): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  for (const name of new Set(query.keys())) {
    if (!queryParams.some((p) => p.name === name)) problems.push({ where: `query.${name}`, message: 'is not a parameter of this operation' });
  }
  const values: Record<string, unknown> = {};
  for (const p of queryParams) {
    const all = query.getAll(p.name);
    if (all.length === 0) continue;
    values[p.name] = isArraySchema(p) ? all : all[all.length - 1];
  }
  for (const [name, value] of Object.entries(op.pathParams)) values[`path:${name}`] = value;
  const validate = compileCached('query', `${op.method} ${op.template}`, () => parametersSchema(op.parameters));
  if (!validate(values)) problems.push(...describe(validate.errors, 'query'));
  return problems;
}

function isArraySchema(p: OpenApiParameter): boolean {
  return (p.schema as { type?: unknown } | undefined)?.type === 'array';
}

function parametersSchema(parameters: OpenApiParameter[]): object {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of parameters) {
    if (p.in !== 'query' && p.in !== 'path') continue;
    const name = p.in === 'path' ? `path:${p.name}` : p.name;
    properties[name] = p.schema ?? {};
    if (p.required || p.in === 'path') required.push(name);
  }
  return { type: 'object', properties, required };
}

/** Checks a JSON request body; `undefined` means the request had none. */
export function checkRequestBody(op: MatchedOperation, contentType: string, body: unknown): SchemaProblem[] {
  const requestBody = op.operation.requestBody;
  if (!requestBody) return body === undefined ? [] : [{ where: 'body', message: 'this operation takes no request body' }];
  if (body === undefined) return requestBody.required ? [{ where: 'body', message: 'is required' }] : [];
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const content = requestBody.content ?? {};
  if (!(mediaType in content)) {
    return [{ where: 'headers.content-type', message: `must be one of ${Object.keys(content).join(', ')} (got ${mediaType || 'none'})` }];
  }
  if (mediaType !== 'application/json') return []; // multipart parts are checked by the route itself
  const operationId = op.operation.operationId ?? '';
  const erratum = REQUEST_BODY_ERRATA[operationId];
  const validate = compileCached('body', `request ${op.method} ${op.template}`, () =>
    erratum ?? { $ref: pointer(op.spec, 'paths', op.template, op.method.toLowerCase(), 'requestBody', 'content', mediaType, 'schema') },
  );
  return validate(body) ? [] : describe(validate.errors, 'body');
}

/**
 * Statuses Jira's edge can answer for any operation whether or not the operation lists them:
 * authentication, rate limiting and server failures (the emulator's fault injection produces them too).
 */
const UNIVERSAL_STATUSES = new Set([401, 429, 500, 502, 503, 504]);

/** Checks a response: the status must be documented, and a JSON body must match its schema. */
export function checkResponse(op: MatchedOperation, status: number, contentType: string | null, body: unknown): SchemaProblem[] {
  const responses = op.operation.responses ?? {};
  const documented = responses[String(status)] ?? responses.default;
  if (!documented) {
    return UNIVERSAL_STATUSES.has(status) ? [] : [{ where: 'status', message: `${status} is not a documented response (${Object.keys(responses).join(', ')})` }];
  }
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const schema = documented.content?.[mediaType]?.schema;
  if (mediaType !== 'application/json' || !schema || Object.keys(schema).length === 0) return [];
  const key = responses[String(status)] ? String(status) : 'default';
  const validate = compileCached('body', `response ${key} ${op.method} ${op.template}`, () => ({
    $ref: pointer(op.spec, 'paths', op.template, op.method.toLowerCase(), 'responses', key, 'content', mediaType, 'schema'),
  }));
  return validate(body) ? [] : describe(validate.errors, 'body');
}
