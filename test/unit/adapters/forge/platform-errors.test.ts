/**
 * The resolvers let Forge see the errors only Forge can handle: a user who has not granted consent gets
 * Forge's "Allow access" prompt (NeedsAuthenticationError reaches the platform), not "internal error".
 */
import { NeedsAuthenticationError, ProductEndpointNotAllowedError } from '@forge/api';
import { mustReachForge } from '../../../../src/adapters/forge/platform-errors';
import { handlePanelCall } from '../../../../src/handlers/panel-resolver';
import { createSettingsHandlers } from '../../../../src/handlers/settings-resolver';

const consent = () => new NeedsAuthenticationError('Authentication required', 'jira', { scopes: ['read:jira-work'] });
const settingsContext = { accountId: 'acc-1', locale: 'ca_ES', extension: { project: { key: 'SUP' } } };

describe('errors Forge must see', () => {
  it('are consent prompts, disallowed routes and an API not ready; nothing else', () => {
    expect(mustReachForge(consent())).toBe(true);
    expect(mustReachForge(new ProductEndpointNotAllowedError('/rest/api/3/x'))).toBe(true);
    expect(mustReachForge(Object.assign(new Error('copy from another bundle'), { name: 'NEEDS_AUTHENTICATION_ERR' }))).toBe(true);
    expect(mustReachForge(new Error('boom'))).toBe(false);
    expect(mustReachForge('NEEDS_AUTHENTICATION_ERR')).toBe(false);
  });

  it('the panel resolver rethrows a NeedsAuthenticationError and still wraps its own failures', async () => {
    const error = consent();
    const call = { functionKey: 'getPanelState', payload: {}, issueKey: 'SUP-1', accountId: 'acc-1', locale: 'ca_ES' };
    await expect(handlePanelCall(() => Promise.reject(error), call)).rejects.toBe(error);
    const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(handlePanelCall(() => Promise.reject(new Error('boom')), call)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    errorLog.mockRestore();
  });

  it('the settings resolver rethrows a NeedsAuthenticationError and still wraps its own failures', async () => {
    const error = consent();
    const throwing = createSettingsHandlers(() => {
      throw error;
    });
    await expect(throwing.getSettingsPage({ context: settingsContext })).rejects.toBe(error);
    const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = createSettingsHandlers(() => {
      throw new Error('boom');
    });
    await expect(failing.getSettingsPage({ context: settingsContext })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    errorLog.mockRestore();
  });
});
