#!/usr/bin/env node
/**
 * Offline Forge lint: what `forge lint` checks, without an Atlassian login or the network (which
 * `forge lint` needs, so it cannot run here or in CI). See docs/forge.md "Linting without a login".
 *
 *  1. manifest.yml parses and validates against the manifest JSON schema shipped in @forge/manifest
 *     (the copy @forge/lint itself uses), plus the project's own rules (runtime not blocked, every
 *     handler file exists).
 *  2. The client-side linters of @forge/lint over the files Forge would bundle (everything reachable
 *     from src/index.ts): schema, handler exports, scopes for events, storage and REST calls,
 *     undeclared egress, deprecated APIs. The REST-scope check reads the OpenAPI files in specs/
 *     (USE_LOCAL_SWAGGER) instead of downloading them.
 *  3. The JiraClient builds its paths at run time (encodedPath + assumeTrustedRoute), which the
 *     REST-scope check cannot see. So the routes are read from src/adapters/jira/calls/*.ts, each must
 *     exist in specs/, and they are linted as literal `requestJira(route`…`)` calls.
 *
 * Exits 1 when there is an error (warnings are printed but do not fail). Usage: node scripts/forge-lint.js
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const YAML = require('yaml');
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.yml');
const ENTRY = path.join(ROOT, 'src', 'index.ts');
const CALLS_DIR = path.join(ROOT, 'src', 'adapters', 'jira', 'calls');
const JIRA_SPEC = path.join(ROOT, 'specs', 'jira-platform.v3.json');
const JSM_SPEC = path.join(ROOT, 'specs', 'jira-servicemanagement.json');
/** Forge blocks deploys on these (nodejs20.x since 2026-05); the schema still lists them. */
const BLOCKED_RUNTIMES = ['nodejs20.x'];
/** The probe file's first requestJira call is on this line (see writeRouteProbe). */
const PROBE_FIRST_ROUTE_LINE = 4;
/** Fewer routes than this means the extraction below stopped understanding the call files. */
const MIN_EXPECTED_ROUTES = 15;

/** @type {string[]} */
const problems = [];
const log = (/** @type {string} */ message) => console.log(message);

/**
 * Feature gates and dynamic configs come from Atlassian's servers; offline, none is set. @forge/lint
 * and @forge/cli-shared are loaded only when the linters run, so importing the schema check (a test
 * does) does not start the CLI's machinery.
 */
function offlineStatsig() {
  const { StatsigReader } = require('@forge/cli-shared');
  class OfflineStatsig extends StatsigReader {
    async checkGate() {
      return null;
    }
    async getDynamicConfig() {
      return null;
    }
  }
  return /** @type {import('@forge/cli-shared').StatsigService} */ (/** @type {unknown} */ (new OfflineStatsig()));
}

// ---------------------------------------------------------------------------------------------
// 1. The manifest on its own
// ---------------------------------------------------------------------------------------------

/** @returns {Record<string, any> | null} the parsed manifest (any: it is checked against the schema next) */
function readManifest() {
  const document = YAML.parseDocument(fs.readFileSync(MANIFEST, 'utf8'), { prettyErrors: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) problems.push(`manifest.yml: ${error.message}`);
    return null;
  }
  return document.toJS();
}

/** @type {import('ajv').ValidateFunction | null} */
let compiledSchema = null;

/** The schema is large (seconds to compile): compiled once per process. */
function manifestValidator() {
  if (compiledSchema) return compiledSchema;
  // The schema @forge/lint validates with, not whichever @forge/manifest npm hoisted.
  const schemaPath = require.resolve('@forge/manifest/out/schema/manifest-schema.json', {
    paths: [path.dirname(require.resolve('@forge/lint/package.json'))],
  });
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  // strict: false because Atlassian's schema uses annotation keywords Ajv does not know.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  compiledSchema = ajv.compile(schema);
  return compiledSchema;
}

/**
 * Validates against the JSON schema shipped in @forge/manifest. @forge/lint's FullManifestLinter runs
 * the same schema, but only among its other findings and with a linter crash reported as a warning;
 * this check stands alone and fails the lint by itself.
 * @param {Record<string, any>} manifest (any: unvalidated YAML)
 * @returns {string[]} the problems found (also added to the lint's problems)
 */
function validateManifestSchema(manifest) {
  const before = problems.length;
  const validate = manifestValidator();
  if (validate(manifest)) return [];
  // A `oneOf` failure lists every branch; the errors at the deepest path say what is really wrong.
  const errors = validate.errors ?? [];
  const deepest = Math.max(...errors.map((error) => error.instancePath.split('/').length));
  for (const error of errors.filter((e) => e.instancePath.split('/').length === deepest)) {
    problems.push(`manifest.yml ${error.instancePath || '/'}: ${error.message} ${JSON.stringify(error.params)}`);
  }
  return problems.slice(before);
}

/** @param {Record<string, any>} manifest (any: unvalidated YAML) */
function checkProjectRules(manifest) {
  const runtime = manifest.app?.runtime?.name;
  if (BLOCKED_RUNTIMES.includes(runtime)) problems.push(`manifest.yml /app/runtime/name: ${runtime} is blocked at deploy; use nodejs22.x`);
  for (const fn of manifest.modules?.function ?? []) {
    const [file] = String(fn.handler ?? '').split('.');
    const candidates = ['.ts', '.tsx', '.js', '.jsx'].map((ext) => path.join(ROOT, 'src', `${file}${ext}`));
    if (!candidates.some((candidate) => fs.existsSync(candidate))) {
      problems.push(`manifest.yml function ${fn.key}: handler file src/${file}.(ts|js) does not exist`);
    }
  }
}

/**
 * Forge (and its linter) needs each Custom UI resource folder to exist. They are build output
 * (static/<app>/build, git-ignored), so a fresh clone builds the missing ones with static/build.mjs.
 * @param {Record<string, any>} manifest (any: unvalidated YAML)
 */
function buildMissingResources(manifest) {
  const builder = path.join(ROOT, 'static', 'build.mjs');
  for (const resource of manifest.resources ?? []) {
    const folder = path.join(ROOT, String(resource.path));
    // index.html, not the folder: a failed build can leave an empty folder behind.
    if (fs.existsSync(path.join(folder, 'index.html'))) continue;
    const app = /^static\/([^/]+)\/build\/?$/.exec(String(resource.path))?.[1];
    if (!app || !fs.existsSync(builder) || !fs.existsSync(path.join(ROOT, 'static', app, 'src'))) continue;
    log(`Building Custom UI resource ${resource.key} (${resource.path} is missing)…`);
    const result = spawnSync(process.execPath, [builder, app], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) problems.push(`building ${resource.path} with static/build.mjs failed`);
  }
}

// ---------------------------------------------------------------------------------------------
// 2. The files Forge would bundle
// ---------------------------------------------------------------------------------------------

/** @param {string} fromFile @param {string} specifier @returns {string | null} */
function resolveLocal(fromFile, specifier) {
  if (!specifier.startsWith('.')) return null; // packages are Forge's and npm's business
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = ['', '.ts', '.tsx', '.js', '.jsx', '/index.ts', '/index.tsx', '/index.js'].map((ext) => base + ext);
  return candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile()) ?? null;
}

/** Every source file reachable from the entry point through relative imports. */
function bundledFiles() {
  const seen = new Set([ENTRY]);
  const queue = [ENTRY];
  for (let file = queue.shift(); file; file = queue.shift()) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const resolved = resolveLocal(file, fileName);
      if (resolved && !seen.has(resolved)) {
        seen.add(resolved);
        queue.push(resolved);
      }
    }
  }
  return [...seen].map((file) => path.relative(ROOT, file)).sort();
}

/**
 * `resource:<key>;<path>` references (icons) must name a declared resource and a file that exists
 * in it after the build; Forge would otherwise deploy a broken icon without complaint.
 * @param {Record<string, any>} manifest (any: unvalidated YAML)
 */
function checkResourceReferences(manifest) {
  const resources = new Map((manifest.resources ?? []).map((/** @type {any} */ r) => [r.key, String(r.path)]));
  const visit = (/** @type {unknown} */ value, /** @type {string} */ where) => {
    if (typeof value === 'string' && value.startsWith('resource:')) {
      const [key, relative] = value.slice('resource:'.length).split(';');
      const folder = resources.get(key);
      if (!folder) problems.push(`manifest.yml ${where}: ${value} names no declared resource`);
      else if (!relative || !fs.existsSync(path.join(ROOT, folder, relative))) problems.push(`manifest.yml ${where}: ${value} does not exist in ${folder}`);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, `${where}/${k}`);
    }
  };
  visit(manifest.modules, '/modules');
}

/** Names a module exports (`export { a } from`, `export const b`, `export function c`). */
function exportedNames(/** @type {string} */ file) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const names = new Set();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add(element.name.text);
    }
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) names.add(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
      }
    }
  }
  return names;
}

/**
 * What @forge/lint misses or only warns about: a handler the entry point does not export (a warning
 * there, a broken function at run time), and `@forge/kvs` without `storage:app` (it only knows the
 * removed `storage` of @forge/api).
 * @param {Record<string, any>} manifest (any: unvalidated YAML)
 * @param {string[]} files bundled files, relative to the root
 */
function checkBundle(manifest, files) {
  const exports = exportedNames(ENTRY);
  for (const fn of manifest.modules?.function ?? []) {
    const [file, method] = String(fn.handler ?? '').split('.');
    if (file === 'index' && method && !exports.has(method)) {
      problems.push(`manifest.yml function ${fn.key}: src/index.ts does not export ${method}`);
    }
  }
  const scopes = new Set(manifest.permissions?.scopes ?? []);
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
    if (importedFiles.some(({ fileName }) => fileName === '@forge/kvs') && !scopes.has('storage:app')) {
      problems.push(`${file}: uses @forge/kvs, which needs the storage:app scope in manifest.yml`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 3. The JiraClient's routes
// ---------------------------------------------------------------------------------------------

/**
 * Finds `{ method: 'GET', path: '/rest/…' }` and `{ method, path: encodedPath`/rest/…/${x}` }` in the
 * call files. Returns the method, the path with `{}` for each variable part, and where it was found.
 * @returns {{ method: string, path: string, where: string }[]}
 */
function extractJiraRoutes() {
  /** @type {{ method: string, path: string, where: string }[]} */
  const routes = [];
  for (const name of fs.readdirSync(CALLS_DIR).filter((file) => file.endsWith('.ts')).sort()) {
    const file = path.join(CALLS_DIR, name);
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    /** @param {import('typescript').Node} node */
    const visit = (node) => {
      if (ts.isObjectLiteralExpression(node)) {
        /** @type {Record<string, import('typescript').Expression>} */
        const props = {};
        for (const prop of node.properties) {
          if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name)) props[prop.name.text] = prop.initializer;
        }
        const method = props.method && ts.isStringLiteral(props.method) ? props.method.text : null;
        const routePath = props.path ? templateOf(props.path) : null;
        if (method && routePath) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          routes.push({ method, path: routePath, where: `${path.relative(ROOT, file)}:${line + 1}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return routes;
}

/** @param {import('typescript').Expression} expression @returns {string | null} */
function templateOf(expression) {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
  if (ts.isTaggedTemplateExpression(expression) && expression.tag.getText() === 'encodedPath') {
    const template = expression.template;
    if (ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
    return template.head.text + template.templateSpans.map((span) => `{}${span.literal.text}`).join('');
  }
  return null;
}

/** The REST-scope check silently ignores a path it does not know; here that is an error. */
function checkRoutesAgainstSpecs(/** @type {{ method: string, path: string, where: string }[]} */ routes) {
  /** @type {{ regex: RegExp, methods: string[] }[]} */
  const known = [];
  for (const spec of [JIRA_SPEC, JSM_SPEC]) {
    const { paths } = JSON.parse(fs.readFileSync(spec, 'utf8'));
    for (const [template, operations] of Object.entries(paths)) {
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      known.push({ regex: new RegExp(`^${pattern}$`), methods: Object.keys(operations) });
    }
  }
  for (const route of routes) {
    const concrete = route.path.replace(/\{\}/g, 'X');
    const match = known.find(({ regex, methods }) => regex.test(concrete) && methods.includes(route.method.toLowerCase()));
    if (!match) problems.push(`${route.where}: ${route.method} ${route.path} is not an operation of the Jira or JSM specs`);
  }
  if (routes.length < MIN_EXPECTED_ROUTES) {
    problems.push(`found only ${routes.length} Jira routes in ${path.relative(ROOT, CALLS_DIR)}; the extraction in scripts/forge-lint.js needs updating`);
  }
}

/**
 * Writes the routes as literal requestJira calls, one per line, for @forge/lint to check scopes. It
 * is JavaScript because @forge/lint only parses TypeScript files that tsconfig.json includes.
 */
function writeRouteProbe(/** @type {{ method: string, path: string, where: string }[]} */ routes, /** @type {string} */ dir) {
  const lines = [
    "const { default: api, route } = require('@forge/api');",
    "const x = 'x';",
    'exports.probe = async () => {',
    ...routes.map(
      (r) => `  await api.asApp().requestJira(route\`${r.path.replace(/\{\}/g, '${x}')}\`, { method: '${r.method}' }); // ${r.where}`,
    ),
    '};',
  ];
  const file = path.join(dir, 'jira-client-routes.js');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------------

/**
 * Runs @forge/lint's client-side linters. Not through its `lint()`: that one skips every .ts file
 * unless tsconfig.json lists it by name (ours includes folders), which would lint nothing.
 * @param {Record<string, any>} manifest (any: the linters take Forge's own manifest type)
 * @param {string[]} files the bundled files and the route probe
 * @param {string} probe
 * @param {{ where: string }[]} routes
 * @param {string} scratch
 */
async function runForgeLinters(manifest, files, probe, routes, scratch) {
  // Local OpenAPI files for every product, or PermissionLinter downloads them all. We only call
  // Jira and JSM; the others get an empty spec.
  const empty = path.join(scratch, 'empty-spec.json');
  fs.writeFileSync(empty, JSON.stringify({ paths: {} }));
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: JIRA_SPEC,
    LOCAL_JSM_SWAGGER: JSM_SPEC,
    LOCAL_JSW_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  });
  // The linters read manifest.yml and match handler files (src/index.ts) relative to the working directory.
  process.chdir(ROOT);
  const { getClientSideLintersOnly, parseSourceFile, problemCount, reportLintResults, tsParser } = require('@forge/lint');
  const statsig = offlineStatsig();
  // A linter that throws only logs a warning and reports nothing; that must fail the lint here.
  const crashes = /** @type {string[]} */ ([]);
  const logger = {
    info: (/** @type {string} */ message) => (/could not perform some linting actions/i.test(message) ? crashes.push(message.trim()) : log(message)),
  };
  const linters = await getClientSideLintersOnly(/** @type {any} (schema-checked above) */ (manifest), 'development', logger, statsig);
  // Parsed without the tsconfig program: the linters only look at syntax, and the probe is outside it.
  const inputs = await Promise.all(
    files.map((file) => parseSourceFile(file, (code, name) => tsParser(code, name, { project: undefined }))),
  );
  await Promise.all(linters.map((linter) => linter.bootstrap()));
  const results = (await Promise.all(linters.map((linter) => linter.batchExecute(inputs)))).flat();
  for (const crash of crashes) problems.push(`@forge/lint: ${crash}`);
  // Findings in the probe are about the call files: say which one.
  for (const result of results.filter((r) => r.file === probe)) {
    for (const rule of [...result.errors, ...result.warnings, ...result.approvals]) {
      rule.message += ` (${routes[rule.line - PROBE_FIRST_ROUTE_LINE]?.where ?? 'JiraClient'})`;
    }
  }
  reportLintResults({ info: log }, results);
  return problemCount(results);
}

async function main() {
  const manifest = readManifest();
  if (manifest) {
    validateManifestSchema(manifest);
    checkProjectRules(manifest);
    buildMissingResources(manifest);
    checkResourceReferences(manifest);
  }
  const routes = extractJiraRoutes();
  checkRoutesAgainstSpecs(routes);
  if (!manifest) return finish({ errors: 0, warnings: 0, approvals: 0 });

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-'));
  try {
    const probe = writeRouteProbe(routes, scratch);
    const bundled = bundledFiles();
    checkBundle(manifest, bundled);
    const files = [...bundled, probe];
    log(`Forge lint: ${files.length - 1} bundled files from src/index.ts, ${routes.length} JiraClient routes`);
    return finish(await runForgeLinters(manifest, files, probe, routes, scratch));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** @param {{ errors: number, warnings: number, approvals: number }} count */
function finish(count) {
  for (const problem of problems) console.error(`error: ${problem}`);
  const errors = count.errors + count.approvals + problems.length;
  if (errors > 0) {
    console.error(`Forge lint failed: ${errors} error(s).`);
    process.exitCode = 1;
  } else {
    log(`Forge lint passed${count.warnings ? ` with ${count.warnings} warning(s)` : ''}.`);
  }
}

module.exports = { validateManifestSchema };

// Imported by a test for validateManifestSchema alone; run, it lints.
if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
