/**
 * Atlassian Document Format checks with the JSON schema `@atlaskit/adf-schema` ships (draft-04, hence
 * the draft-04 flavour of Ajv). Jira rejects an invalid document with 400 INVALID_INPUT; the emulator
 * does the same and records why, so a malformed comment fails the test that built it.
 */
import Ajv04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import type { SchemaProblem } from './validators';

let validateAdf: ValidateFunction | null = null;

function compile(): ValidateFunction {
  const schemaPath = require.resolve('@atlaskit/adf-schema/dist/json-schema/v1/full.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  const ajv = new Ajv04({ strict: false, allErrors: true, validateSchema: false });
  return ajv.compile(schema);
}

/** Problems with a document, each located by its JSON path below `where`; empty when valid. */
export function checkAdf(doc: unknown, where: string): SchemaProblem[] {
  validateAdf ??= compile();
  if (validateAdf(doc)) return [];
  // Every node is an anyOf over node types, so most errors come from branches that were never meant;
  // the deepest one points closest to the actual mistake.
  const first = [...(validateAdf.errors ?? [])].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0];
  return [{ where: `${where}${first?.instancePath ?? ''}`, message: `is not valid ADF: ${first?.message ?? 'invalid'}` }];
}
