import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { RegistryState } from '../../../../src/contracts/registry';
import { SERVICES, type Service } from '../../../../src/domain/services';
import { useRegistryText } from '../i18n';
import { STATES } from './states';

export interface RegistryFilters {
  search: string;
  service: Service | null;
  state: RegistryState | null;
}

export const NO_FILTERS: RegistryFilters = { search: '', service: null, state: null };

const labelStyle: CSSProperties = {
  font: token('font.body.small', '12px/16px sans-serif'),
  fontWeight: token('font.weight.semibold', '600') as CSSProperties['fontWeight'],
  color: token('color.text.subtle', '#44546F'),
};

// Native selects: Atlaskit's select would add its weight to the bundle for two short lists.
const selectStyle: CSSProperties = {
  font: token('font.body', '14px/20px sans-serif'),
  color: token('color.text', '#172B4D'),
  background: token('color.background.input', '#FFFFFF'),
  border: `1px solid ${token('color.border.input', '#8590A2')}`,
  borderRadius: token('radius.small', '3px'),
  padding: `${token('space.050', '4px')} ${token('space.100', '8px')}`,
  minHeight: '32px',
};

function Labelled({ id, label, hint, children, grow = false }: { id: string; label: string; hint?: string; children: ReactNode; grow?: boolean }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.050', '4px'), flex: grow ? '1 1 260px' : '0 1 auto', minWidth: 0 }}>
      <label htmlFor={id} style={labelStyle}>
        {label}
      </label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} style={{ font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtle', '#44546F') }}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/**
 * The search applies when it is sent (Enter or the button), so typing does not ask the resolver for
 * every letter; the two lists apply at once.
 */
export function Filters({ value, onChange }: { value: RegistryFilters; onChange: (next: RegistryFilters) => void }) {
  const t = useRegistryText();
  const [search, setSearch] = useState(value.search);
  useEffect(() => setSearch(value.search), [value.search]);
  const filtered = value.search !== '' || value.service !== null || value.state !== null;
  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...value, search });
      }}
      style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150', '12px'), alignItems: 'flex-end' }}
    >
      <Labelled id="registry-search" label={t('searchLabel')} hint={t('searchHint')} grow>
        <Textfield
          id="registry-search"
          name="search"
          value={search}
          maxLength={120}
          autoComplete="off"
          aria-describedby="registry-search-hint"
          onChange={(event) => setSearch((event.target as HTMLInputElement).value)}
        />
      </Labelled>
      <Labelled id="registry-service" label={t('serviceLabel')}>
        <select
          id="registry-service"
          value={value.service ?? ''}
          style={selectStyle}
          onChange={(event) => onChange({ ...value, search, service: (event.target.value || null) as Service | null })}
        >
          <option value="">{t('allServices')}</option>
          {SERVICES.map((service) => (
            <option key={service} value={service}>
              {service}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id="registry-state" label={t('stateLabel')}>
        <select
          id="registry-state"
          value={value.state ?? ''}
          style={selectStyle}
          onChange={(event) => onChange({ ...value, search, state: (event.target.value || null) as RegistryState | null })}
        >
          <option value="">{t('allStates')}</option>
          {STATES.map((state) => (
            <option key={state} value={state}>
              {t(`state_${state}`)}
            </option>
          ))}
        </select>
      </Labelled>
      {/* Aligned with the controls, above the hint line of the search field. */}
      <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
        <Button type="submit" appearance="primary">
          {t('search')}
        </Button>
        <Button
          isDisabled={!filtered && search === ''}
          onClick={() => {
            setSearch('');
            onChange(NO_FILTERS);
          }}
        >
          {t('clear')}
        </Button>
      </div>
    </form>
  );
}
