import { send, type CallContext } from '../send';
import { encodedPath } from '../transport';

/** Jira refuses property values over 32,768 characters; failing here names the property. */
const MAX_PROPERTY_CHARS = 32_768;

/** PUT /rest/api/3/issue/{key}/properties/{propertyKey} (200 when replaced, 201 when created). */
export async function setIssueProperty(ctx: CallContext, key: string, propertyKey: string, value: unknown): Promise<void> {
  const size = JSON.stringify(value).length;
  if (size > MAX_PROPERTY_CHARS) {
    throw new Error(`Issue property ${propertyKey} on ${key} would be ${size} characters; Jira's limit is ${MAX_PROPERTY_CHARS}`);
  }
  await send(ctx, {
    method: 'PUT',
    path: encodedPath`/rest/api/3/issue/${key}/properties/${propertyKey}`,
    body: { json: value },
  });
}
