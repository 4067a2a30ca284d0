import { formatDate, useLang } from '../../../shared/i18n';
import { Text } from '../../../shared/layout';
import { Checkbox, Field, Section, TextField } from '../fields';
import { fieldId } from '../form-errors';
import { useSettingsText } from '../i18n';
import type { SectionProps } from './types';
import { messagesFor } from './messages';

/** The daily watch's settings (issue 15) and the certificate's countdown it announces. */
export function WatchSection({ draft, update, errors, isDefault, page }: SectionProps) {
  const t = useSettingsText();
  const lang = useLang();
  const watch = draft.watch;
  const current = page.certificate.current;
  return (
    <Section id="watch" title={t('sectionWatch')} description={t('watchDescription')}>
      {current && current.daysUntilExpiry >= 0 ? (
        <Text>
          <span data-certificate-countdown={current.daysUntilExpiry}>
            {t('certificateCountdown', { days: current.daysUntilExpiry, date: formatDate(current.notAfter, lang) })}
          </span>
        </Text>
      ) : null}
      <Checkbox
        id={fieldId('watch.integrateMuxOnProductionDate')}
        label={t('integrateMuxOnProductionDate')}
        checked={watch.integrateMuxOnProductionDate}
        onChange={(value) => update((d) => ({ ...d, watch: { ...d.watch, integrateMuxOnProductionDate: value } }))}
      />
      <Field
        id={fieldId('watch.missingDateDays')}
        label={t('missingDateDays')}
        isDefault={isDefault('watch.missingDateDays')}
        // The schema's words for "not a number" and "out of range" are generic ("Aquest camp és
        // obligatori" for "catorze"): say what the field takes instead.
        errors={messagesFor(errors, 'watch.missingDateDays', t).length > 0 ? [t('missingDateDaysRange')] : []}
      >
        {(a11y) => (
          <TextField
            a11y={a11y}
            value={String(watch.missingDateDays)}
            // A value that is not a whole number is sent as is: the schema's error names the field.
            onChange={(value) => update((d) => ({ ...d, watch: { ...d.watch, missingDateDays: /^\d+$/.test(value.trim()) ? Number(value.trim()) : (value as unknown as number) } }))}
          />
        )}
      </Field>
    </Section>
  );
}
