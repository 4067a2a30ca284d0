/**
 * `npm install` must work with Node and npm only. keytar (pulled in by @forge/lint through
 * @forge/cli-shared) compiles a native module against libsecret; package.json's `overrides` replace
 * it with the no-op tools/keytar-stub. If an upgrade or a lockfile edit brings the real one back, a
 * fresh machine cannot install the project: this fails first.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');

describe('keytar stays the local no-op package', () => {
  it('resolves from @forge/cli-shared to tools/keytar-stub, with nothing to compile', () => {
    const cliShared = path.dirname(require.resolve('@forge/cli-shared/package.json'));
    const resolved = require.resolve('keytar', { paths: [cliShared] });
    expect(path.relative(ROOT, resolved)).toMatch(/^(node_modules\/keytar|tools\/keytar-stub)\/index\.js$/);
    const manifest = JSON.parse(readFileSync(path.join(path.dirname(resolved), 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.version).toMatch(/-setdiba\./);
    expect(existsSync(path.join(path.dirname(resolved), 'binding.gyp'))).toBe(false);
  });

  it('is locked as the local folder for every package that asks for it', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string; link?: boolean }>;
    };
    const keytars = Object.entries(lock.packages).filter(([location]) => /(^|\/)node_modules\/keytar$/.test(location));
    expect(keytars.length).toBeGreaterThan(0);
    for (const [location, entry] of keytars) {
      expect({ location, resolved: entry.resolved, link: entry.link }).toEqual({ location, resolved: 'tools/keytar-stub', link: true });
    }
  });
});
