import { token } from '@atlaskit/tokens';
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { UserView } from '../../../../src/contracts/settings';
import { Inline, Muted, Stack } from '../../../shared/layout';
import { FieldErrors, DefaultMark } from '../fields';
import { useSettingsText } from '../i18n';
import type { Act } from './types';

/**
 * Chooses the owner of a service among the people assignable in the project (the resolver asks Jira),
 * so a name that cannot receive tickets is never offered.
 */
export function OwnerPicker({
  id,
  ownerAccountId,
  knownOwner,
  onChange,
  act,
  busy,
  hint,
  errors,
  isDefault,
}: {
  id: string;
  ownerAccountId: string | null;
  knownOwner: UserView | null;
  onChange: (accountId: string | null, user: UserView | null) => void;
  act: Act;
  busy: string | null;
  hint?: string;
  errors: string[];
  isDefault: boolean;
}) {
  const t = useSettingsText();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<UserView[] | null>(null);
  const [chosen, setChosen] = useState<UserView | null>(knownOwner);
  const [searchError, setSearchError] = useState<string | null>(null);
  const current = ownerAccountId === null ? null : chosen?.accountId === ownerAccountId ? chosen : knownOwner;
  const describedBy = [hint ? `${id}-hint` : null, errors.length > 0 ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  const search = async () => {
    setSearchError(null);
    const answer = await act('searchOwners', { query });
    if ('error' in answer) setSearchError(answer.error);
    else setResults(answer.data.users);
  };

  return (
    <div data-field={id} style={{ display: 'flex', flexDirection: 'column', gap: '4px' }}>
      <div style={{ display: 'flex', gap: '8px', alignItems: 'center' }}>
        <span style={{ font: token('font.body.small', '12px/16px sans-serif'), fontWeight: 600 }} id={`${id}-label`}>
          {t('owner')}
        </span>
        <DefaultMark isDefault={isDefault} />
      </div>
      <Inline>
        <strong data-owner={ownerAccountId ?? ''}>{current?.displayName ?? (ownerAccountId ? ownerAccountId : t('ownerNone'))}</strong>
        {ownerAccountId ? (
          <Button appearance="subtle" onClick={() => onChange(null, null)}>
            {t('ownerClear')}
          </Button>
        ) : null}
      </Inline>
      {hint ? (
        <p id={`${id}-hint`} style={{ margin: 0, font: token('font.body.small', '12px/16px sans-serif') }}>
          <Muted>{hint}</Muted>
        </p>
      ) : null}
      <form
        role="search"
        aria-label={t('ownerSearch')}
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <Inline>
          <label htmlFor={id} style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
            {t('ownerSearch')}
          </label>
          <div style={{ minWidth: '240px' }}>
            <Textfield
              id={id}
              value={query}
              placeholder={t('ownerSearch')}
              aria-describedby={describedBy}
              aria-invalid={errors.length > 0 || undefined}
              isInvalid={errors.length > 0}
              onChange={(event) => setQuery((event.target as HTMLInputElement).value)}
            />
          </div>
          <Button type="submit" isLoading={busy === 'searchOwners'} isDisabled={busy !== null}>
            {t('search')}
          </Button>
        </Inline>
      </form>
      <FieldErrors id={id} errors={errors} />
      <div role="status" aria-live="polite">
        {searchError ? <Muted>{searchError}</Muted> : null}
        {results !== null ? (
          results.length === 0 ? (
            <Muted>{t('ownerNoResults')}</Muted>
          ) : (
            <Stack gap="050">
              <Muted>{t('ownerResults')}</Muted>
              <ul style={{ margin: 0, paddingLeft: '16px' }}>
                {results.map((user) => (
                  <li key={user.accountId}>
                    <Button
                      appearance="subtle"
                      onClick={() => {
                        setChosen(user);
                        setResults(null);
                        setQuery('');
                        onChange(user.accountId, user);
                      }}
                      aria-label={t('ownerChoose', { name: user.displayName })}
                    >
                      {user.displayName}
                    </Button>
                  </li>
                ))}
              </ul>
            </Stack>
          )
        ) : null}
      </div>
    </div>
  );
}
