/**
 * `npm run lint` validates manifest.yml against the JSON schema shipped in @forge/manifest (the copy
 * @forge/lint uses), so a manifest `forge deploy` would refuse fails here first, offline.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the lint is a CommonJS script
const { validateManifestSchema } = require('../../scripts/forge-lint.js') as {
  validateManifestSchema: (manifest: Record<string, unknown>) => string[];
};

type Manifest = { modules: { function: { key: string; handler?: string }[] } & Record<string, unknown>; app: { runtime: { name: unknown } } };

const manifest = (): Manifest => YAML.parse(readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as Manifest;

describe("manifest.yml against @forge/manifest's schema", () => {
  it('accepts the manifest as committed', () => {
    expect(validateManifestSchema(manifest())).toEqual([]);
  });

  it('refuses a function without a handler, naming where', () => {
    const broken = manifest();
    delete broken.modules.function[0]!.handler;
    expect(validateManifestSchema(broken).join('\n')).toMatch(/\/modules\/function\/0.*handler/);
  });

  it('refuses a runtime that is not a string', () => {
    const broken = manifest();
    broken.app.runtime.name = 22;
    expect(validateManifestSchema(broken).join('\n')).toContain('/app/runtime/name');
  });
});
