import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { Service } from '../../../src/domain/services';
import { Inline, LiveMessage, Muted, Stack } from '../../shared/layout';
import type { PortalApi } from './api';
import type { PortalTranslate } from './i18n';

/** One download button per service; the resolver writes the template in the requester's language. */
export function BlankTemplates({ api, services, t }: { api: PortalApi; services: readonly Service[]; t: PortalTranslate }) {
  const [busy, setBusy] = useState<Service | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const download = async (service: Service) => {
    setBusy(service);
    const answer = await api.call('downloadBlankTemplate', { service });
    setBusy(null);
    if (!answer.ok) return setMessage(answer.error.message || t('errorUnavailable'));
    api.saveFile(answer.data.fileName, answer.data.mimeType, answer.data.contentBase64);
    setMessage(t('templateDownloaded', { service }));
  };
  return (
    <Stack gap="050">
      <h3 id="portal-templates" style={{ margin: 0, font: 'var(--ds-font-heading-xsmall, 600 14px/16px sans-serif)' }}>
        {t('templatesTitle')}
      </h3>
      <Muted>{t('templatesIntro')}</Muted>
      <Inline>
        {services.map((service) => (
          <Button key={service} onClick={() => void download(service)} isDisabled={busy !== null} testId={`template-${service}`}>
            {t('templateDownload', { service })}
          </Button>
        ))}
      </Inline>
      <LiveMessage message={message} />
    </Stack>
  );
}
