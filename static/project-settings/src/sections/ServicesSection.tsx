import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { SERVICES, type Service } from '../../../../src/domain/services';
import type { EditableSettings } from '../../../../src/contracts/settings';
import { Stack } from '../../../shared/layout';
import { Checkbox, Field, ListField, RadioGroup, SelectField, TextField } from '../fields';
import { fieldId } from '../form-errors';
import { useSettingsText } from '../i18n';
import type { Act, SectionProps } from './types';
import { messagesFor } from './messages';
import { OwnerPicker } from './OwnerPicker';

type ServiceSettings = EditableSettings['services'][Service];

export function ServicesSection(props: SectionProps & { act: Act; busy: string | null }) {
  const t = useSettingsText();
  return (
    <section aria-labelledby="services-title" data-section="services" style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px') }}>
      <h2 id="services-title" style={{ margin: 0, font: token('font.heading.small', '600 16px/20px sans-serif'), color: token('color.text', '#172B4D') }}>
        {t('sectionServices')}
      </h2>
      {SERVICES.map((service) => (
        <ServiceCard key={service} service={service} {...props} />
      ))}
    </section>
  );
}

function ServiceCard({ service, draft, update, errors, isDefault, page, act, busy }: SectionProps & { service: Service; act: Act; busy: string | null }) {
  const t = useSettingsText();
  const settings = draft.services[service];
  const base = `services.${service}`;
  const set = <K extends keyof ServiceSettings>(key: K, value: ServiceSettings[K]) =>
    update((d) => ({ ...d, services: { ...d.services, [service]: { ...d.services[service], [key]: value } } }));
  const requestTypes = page.choices.requestTypes;
  const headingId = `service-${service}-title`;

  return (
    <section
      aria-labelledby={headingId}
      data-service={service}
      style={{
        padding: token('space.200', '16px'),
        border: `1px solid ${token('color.border', '#091E4224')}`,
        borderRadius: token('radius.small', '4px'),
        background: token('elevation.surface', '#FFFFFF'),
      }}
    >
      <Stack gap="150">
        <Heading size="xsmall" as="h3" id={headingId}>
          {t('serviceCard', { service })}
        </Heading>
        <Checkbox id={fieldId(`${base}.enabled`)} label={t('serviceEnabled')} checked={settings.enabled} onChange={(value) => set('enabled', value)} />
        <OwnerPicker
          id={fieldId(`${base}.ownerAccountId`)}
          ownerAccountId={settings.ownerAccountId}
          knownOwner={page.choices.owners[service] ?? null}
          onChange={(accountId) => set('ownerAccountId', accountId)}
          act={act}
          busy={busy}
          hint={service === 'MUX' ? t('ownerHelpMux') : undefined}
          errors={messagesFor(errors, `${base}.ownerAccountId`, t)}
          isDefault={isDefault(`${base}.ownerAccountId`)}
        />
        <RadioGroup
          name={fieldId(`${base}.environment`)}
          legend={t('environment')}
          value={settings.environment}
          isDefault={isDefault(`${base}.environment`)}
          options={[
            { value: 'PRO', label: t('environmentPRO'), hint: t('environmentHelp') },
            { value: 'PRE', label: t('environmentPRE') },
          ]}
          onChange={(value) => set('environment', value)}
          errors={messagesFor(errors, `${base}.environment`, t)}
        />
        <Field
          id={fieldId(`${base}.requestTypeId`)}
          label={t('splitRequestType')}
          isDefault={isDefault(`${base}.requestTypeId`)}
          errors={messagesFor(errors, `${base}.requestTypeId`, t)}
        >
          {(a11y) =>
            requestTypes === null ? (
              <TextField a11y={a11y} value={settings.requestTypeId ?? ''} onChange={(value) => set('requestTypeId', value.trim() === '' ? null : value.trim())} />
            ) : (
              <SelectField
                a11y={a11y}
                value={settings.requestTypeId ?? ''}
                options={[{ value: '', label: t('sameAsOriginal') }, ...requestTypes.map((r) => ({ value: r.id, label: r.name }))]}
                onChange={(value) => set('requestTypeId', value === '' ? null : value)}
              />
            )
          }
        </Field>
        <Field
          id={fieldId(`${base}.aliases`)}
          label={t('aliases')}
          hint={t('aliasesHelp')}
          isDefault={isDefault(`${base}.aliases`)}
          errors={messagesFor(errors, `${base}.aliases`, t, settings.aliases)}
        >
          {(a11y) => <ListField a11y={a11y} value={settings.aliases} onChange={(value) => set('aliases', value)} rows={2} />}
        </Field>
        <Field
          id={fieldId(`${base}.requiredColumns`)}
          label={t('requiredColumns')}
          hint={t('requiredColumnsHelp')}
          isDefault={isDefault(`${base}.requiredColumns`)}
          errors={messagesFor(errors, `${base}.requiredColumns`, t, settings.requiredColumns)}
        >
          {(a11y) => <ListField a11y={a11y} value={settings.requiredColumns} onChange={(value) => set('requiredColumns', value)} rows={2} />}
        </Field>
      </Stack>
    </section>
  );
}
