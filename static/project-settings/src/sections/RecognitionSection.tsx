import { token } from '@atlaskit/tokens';
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { SettingsResponse } from '../../../../src/contracts/settings';
import { Inline, Muted, Stack } from '../../../shared/layout';
import { Checkbox, Field, FieldErrors, ListField, Section, TextField, DefaultMark } from '../fields';
import { fieldId } from '../form-errors';
import { useSettingsText } from '../i18n';
import type { Act, SectionProps } from './types';
import { messagesFor } from './messages';

type Preview = SettingsResponse<'previewRecognition'>;

export function RecognitionSection({ draft, update, errors, isDefault, page, act, busy }: SectionProps & { act: Act; busy: string | null }) {
  const t = useSettingsText();
  const recognition = draft.recognition;
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  const set = <K extends keyof typeof recognition>(key: K, value: (typeof recognition)[K]) =>
    update((d) => ({ ...d, recognition: { ...d.recognition, [key]: value } }));

  const known = page.choices.organizations.map((o) => o.name);
  const unknownOrgs = recognition.organizations.filter((name) => !known.includes(name));
  const toggleOrg = (name: string, checked: boolean) =>
    set('organizations', checked ? [...recognition.organizations, name] : recognition.organizations.filter((n) => n !== name));
  const orgId = fieldId('recognition.organizations');

  const runPreview = async () => {
    setPreviewError(null);
    const answer = await act('previewRecognition', { recognition: recognition as unknown as Record<string, unknown> });
    if ('error' in answer) setPreviewError(answer.error);
    else setPreview(answer.data);
  };

  const ruleText = (rule: Preview['rules'][number]) => {
    const name =
      rule.rule === 'organization'
        ? t('ruleOrganization', { value: rule.value })
        : rule.rule === 'reporter-domain'
          ? t('ruleReporterDomain', { value: rule.value })
          : rule.rule === 'request-type'
            ? t('ruleRequestType', { value: page.choices.requestTypes?.find((r) => r.id === rule.value)?.name ?? rule.value })
            : t('ruleLabel', { value: rule.value });
    return t('previewRule', { rule: name, count: rule.count });
  };

  return (
    <Section id="recognition" title={t('sectionRecognition')} description={t('recognitionIntro')}>
      <fieldset style={{ border: 'none', margin: 0, padding: 0 }} aria-describedby={`${orgId}-hint`} data-field={orgId}>
        <legend style={{ font: token('font.body.small', '12px/16px sans-serif'), fontWeight: 600, padding: 0, display: 'flex', gap: '8px', alignItems: 'center' }}>
          {t('organizations')} <DefaultMark isDefault={isDefault('recognition.organizations')} />
        </legend>
        <p id={`${orgId}-hint`} style={{ margin: '4px 0', font: token('font.body.small', '12px/16px sans-serif') }}>
          <Muted>{t('organizationsHelp')}</Muted>
        </p>
        <Stack gap="050">
          {[...known, ...unknownOrgs].map((name, index) => (
            <Checkbox
              key={name}
              id={index === 0 ? orgId : `${orgId}-${index}`}
              label={known.includes(name) ? name : t('organizationUnknown', { name })}
              checked={recognition.organizations.includes(name)}
              onChange={(checked) => toggleOrg(name, checked)}
            />
          ))}
        </Stack>
        <FieldErrors id={orgId} errors={messagesFor(errors, 'recognition.organizations', t, recognition.organizations)} />
      </fieldset>

      <Field
        id={fieldId('recognition.reporterDomains')}
        label={t('reporterDomains')}
        hint={t('reporterDomainsHelp')}
        isDefault={isDefault('recognition.reporterDomains')}
        errors={messagesFor(errors, 'recognition.reporterDomains', t, recognition.reporterDomains)}
      >
        {(a11y) => <ListField a11y={a11y} value={recognition.reporterDomains} onChange={(value) => set('reporterDomains', value)} rows={2} />}
      </Field>

      <RequestTypes {...{ draft, update, errors, isDefault, page }} />

      <Field
        id={fieldId('recognition.label')}
        label={t('label')}
        isDefault={isDefault('recognition.label')}
        errors={messagesFor(errors, 'recognition.label', t)}
      >
        {(a11y) => <TextField a11y={a11y} value={recognition.label} onChange={(value) => set('label', value)} />}
      </Field>

      <Stack gap="050">
        <Inline>
          <Button onClick={() => void runPreview()} isLoading={busy === 'previewRecognition'} isDisabled={busy !== null}>
            {t('previewRefresh')}
          </Button>
          <Muted>{t('previewTitle')}</Muted>
        </Inline>
        <div role="status" aria-live="polite" data-recognition-preview>
          {previewError ? <Muted>{previewError}</Muted> : null}
          {preview ? (
            preview.sampled === 0 ? (
              <Muted>{t('previewNone')}</Muted>
            ) : (
              <Stack gap="050">
                <Muted>{t('previewIntro', { count: preview.sampled })}</Muted>
                <ul style={{ margin: 0 }}>
                  {preview.rules.map((rule, index) => (
                    <li key={index}>{ruleText(rule)}</li>
                  ))}
                </ul>
                <strong>{t('previewAny', { count: preview.any })}</strong>
              </Stack>
            )
          ) : null}
        </div>
      </Stack>
    </Section>
  );
}

function RequestTypes({ draft, update, errors, isDefault, page }: SectionProps) {
  const t = useSettingsText();
  const ids = draft.recognition.requestTypeIds;
  const set = (value: string[]) => update((d) => ({ ...d, recognition: { ...d.recognition, requestTypeIds: value } }));
  const id = fieldId('recognition.requestTypeIds');
  const choices = page.choices.requestTypes;
  if (choices === null) {
    return (
      <Field id={id} label={t('requestTypes')} hint={t('requestTypesByHand')} isDefault={isDefault('recognition.requestTypeIds')} errors={messagesFor(errors, 'recognition.requestTypeIds', t, ids)}>
        {(a11y) => <ListField a11y={a11y} value={ids} onChange={set} rows={2} />}
      </Field>
    );
  }
  const unknown = ids.filter((value) => !choices.some((c) => c.id === value));
  return (
    <fieldset style={{ border: 'none', margin: 0, padding: 0 }} data-field={id}>
      <legend style={{ font: token('font.body.small', '12px/16px sans-serif'), fontWeight: 600, padding: 0, display: 'flex', gap: '8px', alignItems: 'center' }}>
        {t('requestTypes')} <DefaultMark isDefault={isDefault('recognition.requestTypeIds')} />
      </legend>
      <Stack gap="050">
        {[...choices, ...unknown.map((value) => ({ id: value, name: value }))].map((choice, index) => (
          <Checkbox
            key={choice.id}
            id={index === 0 ? id : `${id}-${index}`}
            label={choice.name}
            checked={ids.includes(choice.id)}
            onChange={(checked) => set(checked ? [...ids, choice.id] : ids.filter((value) => value !== choice.id))}
          />
        ))}
      </Stack>
      <FieldErrors id={id} errors={messagesFor(errors, 'recognition.requestTypeIds', t, ids)} />
    </fieldset>
  );
}
