import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import { Inline, Muted, Stack, Text } from '../../../shared/layout';
import { Field, RadioGroup, Section, TextField } from '../fields';
import { fieldId } from '../form-errors';
import { useSettingsText } from '../i18n';
import type { Act, SectionProps } from './types';
import { messagesFor } from './messages';

/**
 * How integrations are done: assisted (a checklist for an agent) or through an HTTPS backend. The token
 * goes to the server and never comes back: the page only knows whether one is set.
 */
export function BackendSection({
  draft,
  update,
  errors,
  isDefault,
  page,
  act,
  busy,
  onTokenSet,
}: SectionProps & { act: Act; busy: string | null; onTokenSet: (tokenSet: boolean) => void }) {
  const t = useSettingsText();
  const backend = draft.backend;
  const [tokenDraft, setTokenDraft] = useState('');
  const [tokenMessage, setTokenMessage] = useState<{ kind: 'success' | 'error'; text: string; canForce: boolean } | null>(null);
  const [connection, setConnection] = useState<{ ok: boolean; message: string } | null>(null);
  const allowed = page.backend.allowedEndpoints;

  /** "Test and save": the backend is asked first; a refusal is said plainly and nothing is saved. */
  const saveToken = async (saveAnyway: boolean) => {
    setTokenMessage(null);
    const answer = await act('setBackendToken', { token: tokenDraft, ...(backend.endpoint ? { endpoint: backend.endpoint } : {}), ...(saveAnyway ? { saveAnyway } : {}) });
    if ('error' in answer) return setTokenMessage({ kind: 'error', text: answer.error, canForce: false });
    if (!answer.data.saved) {
      return setTokenMessage({ kind: 'error', text: answer.data.message, canForce: answer.data.problem !== 'invalid_endpoint' });
    }
    setTokenDraft('');
    onTokenSet(answer.data.tokenSet);
    setTokenMessage({ kind: 'success', text: answer.data.message || t('tokenSaved'), canForce: false });
  };
  const clearToken = async () => {
    const answer = await act('clearBackendToken', {});
    if ('error' in answer) return setTokenMessage({ kind: 'error', text: answer.error, canForce: false });
    onTokenSet(answer.data.tokenSet);
    setTokenMessage({ kind: 'success', text: answer.data.message || t('tokenCleared'), canForce: false });
  };
  const testConnection = async () => {
    setConnection(null);
    const answer = await act('testConnection', { endpoint: backend.endpoint ?? '' });
    if ('error' in answer) setConnection({ ok: false, message: answer.error });
    else setConnection({ ok: answer.data.ok, message: answer.data.message });
  };

  return (
    <Section id="backend" title={t('sectionBackend')}>
      <RadioGroup
        name={fieldId('backend.mode')}
        legend={t('backendModeLegend')}
        value={backend.mode}
        isDefault={isDefault('backend.mode')}
        options={[
          { value: 'assisted', label: t('backendAssisted') },
          { value: 'http', label: t('backendHttp') },
        ]}
        onChange={(mode) => update((d) => ({ ...d, backend: { ...d.backend, mode } }))}
        errors={messagesFor(errors, 'backend.mode', t)}
      />
      <Field
        id={fieldId('backend.endpoint')}
        label={t('endpoint')}
        hint={allowed.length > 0 ? t('endpointHelp', { allowed: allowed.join(', ') }) : t('endpointNoneAllowed')}
        isDefault={isDefault('backend.endpoint')}
        errors={messagesFor(errors, 'backend.endpoint', t)}
      >
        {(a11y) => (
          <TextField
            a11y={a11y}
            type="url"
            value={backend.endpoint ?? ''}
            placeholder="https://"
            onChange={(value) => update((d) => ({ ...d, backend: { ...d.backend, endpoint: value.trim() === '' ? null : value.trim() } }))}
          />
        )}
      </Field>
      <Inline>
        <Button onClick={() => void testConnection()} isDisabled={busy !== null || !backend.endpoint} isLoading={busy === 'testConnection'}>
          {t('testConnection')}
        </Button>
        <div role="status" aria-live="polite" data-connection-result={connection ? (connection.ok ? 'ok' : 'problem') : ''}>
          {connection ? <Lozenge appearance={connection.ok ? 'success' : 'removed'}>{connection.message}</Lozenge> : null}
        </div>
      </Inline>

      <Stack gap="050">
        <Inline>
          <span style={{ fontWeight: 600 }}>{t('token')}</span>
          <Lozenge appearance={page.backend.tokenSet ? 'success' : 'default'} testId="token-state">
            {page.backend.tokenSet ? t('tokenSet') : t('tokenNotSet')}
          </Lozenge>
        </Inline>
        <Muted>{t('tokenHelp')}</Muted>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (tokenDraft.trim() !== '') void saveToken(false);
          }}
        >
          <Inline>
            <div style={{ minWidth: '240px' }}>
              <Field id="f-backend-token" label={t('tokenInput')}>
                {(a11y) => <TextField a11y={a11y} type="password" autoComplete="new-password" value={tokenDraft} onChange={setTokenDraft} />}
              </Field>
            </div>
            <Button type="submit" isDisabled={busy !== null || tokenDraft.trim() === ''} isLoading={busy === 'setBackendToken'}>
              {t('tokenTestAndSave')}
            </Button>
            {page.backend.tokenSet ? (
              <Button appearance="subtle" onClick={() => void clearToken()} isDisabled={busy !== null} isLoading={busy === 'clearBackendToken'}>
                {t('clearToken')}
              </Button>
            ) : null}
          </Inline>
        </form>
        <div role="status" aria-live="polite" data-token-result={tokenMessage?.kind ?? ''}>
          {tokenMessage ? (
            <SectionMessage appearance={tokenMessage.kind === 'success' ? 'success' : 'error'}>
              <Stack gap="100">
                <Text>{tokenMessage.text}</Text>
                {tokenMessage.canForce && tokenDraft.trim() !== '' ? (
                  <Inline>
                    <Button appearance="subtle" onClick={() => void saveToken(true)} isDisabled={busy !== null}>
                      {t('tokenSaveAnyway')}
                    </Button>
                  </Inline>
                ) : null}
              </Stack>
            </SectionMessage>
          ) : null}
        </div>
      </Stack>
    </Section>
  );
}
