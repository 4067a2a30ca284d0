import { LANGS } from '../../../../src/i18n';
import { Checkbox, Field, Section, SelectField } from '../fields';
import { fieldId } from '../form-errors';
import { useSettingsText } from '../i18n';
import type { SectionProps } from './types';
import { messagesFor } from './messages';

export function CommentsSection({ draft, update, errors, isDefault }: SectionProps) {
  const t = useSettingsText();
  const comments = draft.comments;
  return (
    <Section id="comments" title={t('sectionComments')}>
      <Checkbox
        id={fieldId('comments.publicToRequester')}
        label={t('publicToRequester')}
        checked={comments.publicToRequester}
        onChange={(value) => update((d) => ({ ...d, comments: { ...d.comments, publicToRequester: value } }))}
      />
      <Field
        id={fieldId('comments.defaultLanguage')}
        label={t('defaultLanguage')}
        isDefault={isDefault('comments.defaultLanguage')}
        errors={messagesFor(errors, 'comments.defaultLanguage', t)}
      >
        {(a11y) => (
          <SelectField
            a11y={a11y}
            value={comments.defaultLanguage}
            options={LANGS.map((lang) => ({ value: lang, label: t(`lang_${lang}`) }))}
            onChange={(value) => update((d) => ({ ...d, comments: { ...d.comments, defaultLanguage: value as typeof comments.defaultLanguage } }))}
          />
        )}
      </Field>
    </Section>
  );
}
