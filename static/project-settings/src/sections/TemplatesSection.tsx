import Button from '@atlaskit/button/new';
import { useState } from 'react';
import { SERVICES, type Service } from '../../../../src/domain/services';
import type { SettingsPage } from '../../../../src/contracts/settings';
import { Inline, Muted } from '../../../shared/layout';
import type { SettingsApi } from '../api';
import { Section } from '../fields';
import { useSettingsText } from '../i18n';
import type { Act } from './types';

/** The blank template of each service ("plantilles verges"), from the same generator as the CLI. */
export function TemplatesSection({ page, act, busy, api }: { page: SettingsPage; act: Act; busy: string | null; api: SettingsApi }) {
  const t = useSettingsText();
  const [error, setError] = useState<string | null>(null);
  const download = async (service: Service) => {
    setError(null);
    const answer = await act('downloadTemplate', { service });
    if ('error' in answer) return setError(answer.error);
    api.saveFile(answer.data.fileName, answer.data.mimeType, answer.data.contentBase64);
  };
  return (
    <Section id="templates" title={t('sectionTemplates')}>
      {page.templatesAvailable ? (
        <Inline>
          {SERVICES.map((service) => (
            <Button key={service} onClick={() => void download(service)} isDisabled={busy !== null}>
              {t('downloadTemplate', { service })}
            </Button>
          ))}
        </Inline>
      ) : (
        <Muted>{t('resolver_template_unavailable')}</Muted>
      )}
      <div role="status" aria-live="polite">
        {error ? <Muted>{error}</Muted> : null}
      </div>
    </Section>
  );
}
