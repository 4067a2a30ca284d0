import { RadioGroup, Section } from '../fields';
import { fieldId } from '../form-errors';
import { useSettingsText } from '../i18n';
import type { SectionProps } from './types';
import { messagesFor } from './messages';

export function SplitSection({ draft, update, errors, isDefault }: SectionProps) {
  const t = useSettingsText();
  return (
    <Section id="split" title={t('sectionSplit')}>
      <RadioGroup
        name={fieldId('splitMode')}
        legend={t('splitModeLegend')}
        value={draft.splitMode}
        isDefault={isDefault('splitMode')}
        options={[
          { value: 'original-keeps-first', label: t('splitOriginalKeepsFirst') },
          { value: 'umbrella', label: t('splitUmbrella') },
        ]}
        onChange={(value) => update((d) => ({ ...d, splitMode: value }))}
        errors={messagesFor(errors, 'splitMode', t)}
      />
    </Section>
  );
}
