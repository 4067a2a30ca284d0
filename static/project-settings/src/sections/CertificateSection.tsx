import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useRef, useState, type ReactNode } from 'react';
import type { CertificateView, SettingsPage } from '../../../../src/contracts/settings';
import { formatDate, useLang } from '../../../shared/i18n';
import { Cell, Code, Inline, Muted, Stack, Table, Text } from '../../../shared/layout';
import { bytesToBase64, type SettingsApi } from '../api';
import { Section } from '../fields';
import { useSettingsText } from '../i18n';
import type { Act } from './types';

/** The SetDIBA CDA certificate: what is in use, a warning before it expires, upload and history. */
export function CertificateSection({
  page,
  act,
  busy,
  api,
  onPage,
}: {
  page: SettingsPage;
  act: Act;
  busy: string | null;
  api: SettingsApi;
  onPage: (page: SettingsPage) => void;
}) {
  const t = useSettingsText();
  const lang = useLang();
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string; notes: string[] } | null>(null);
  const current = page.certificate.current;

  const upload = async (file: File) => {
    setMessage(null);
    const bytes = await api.readFile(file);
    const answer = await act('uploadCertificate', { fileName: file.name, contentBase64: bytesToBase64(bytes) });
    if (input.current) input.current.value = '';
    if ('error' in answer) return setMessage({ kind: 'error', text: answer.error, notes: [] });
    const data = answer.data;
    if (data.outcome === 'refused') return setMessage({ kind: 'error', text: data.message, notes: [] });
    setMessage({ kind: 'success', text: data.message, notes: data.notes });
    onPage(data.page);
  };

  const remove = async () => {
    const answer = await act('removeCertificate', {});
    if ('error' in answer) return setMessage({ kind: 'error', text: answer.error, notes: [] });
    onPage(answer.data.page);
  };

  return (
    <Section id="certificate" title={t('sectionCertificate')} description={t('certificateIntro')}>
      {current ? <CurrentCertificate certificate={current} /> : <Text>{t('noCertificate')}</Text>}
      <Inline>
        <label htmlFor="f-certificate-file" style={{ font: '600 12px/16px sans-serif' }}>
          {t('certificateFile')}
        </label>
        <input
          ref={input}
          id="f-certificate-file"
          type="file"
          accept=".cer,.crt,.pem,.der"
          disabled={busy !== null}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void upload(file);
          }}
        />
        {current ? (
          <Button appearance="subtle" onClick={() => void remove()} isDisabled={busy !== null} isLoading={busy === 'removeCertificate'}>
            {t('removeCertificate')}
          </Button>
        ) : null}
      </Inline>
      <div role="status" aria-live="polite" data-certificate-message={message?.kind ?? ''}>
        {message ? (
          <SectionMessage appearance={message.kind === 'success' ? 'success' : 'error'}>
            <Stack gap="050">
              <Text>{message.text}</Text>
              {message.notes.map((note, index) => (
                <Muted key={index}>{note}</Muted>
              ))}
            </Stack>
          </SectionMessage>
        ) : null}
      </div>
      {page.certificate.previous.length > 0 ? (
        <Table caption={t('previousCertificates')} head={[t('subject'), t('serialNumber'), t('fingerprint'), t('validTo'), '']}>
          {page.certificate.previous.map((cert) => (
            <tr key={cert.sha256Fingerprint}>
              <Cell header>{cert.subject}</Cell>
              <Cell>
                <Code>{cert.serialNumber}</Code>
              </Cell>
              <Cell>
                <Code>{cert.sha256Fingerprint}</Code>
              </Cell>
              <Cell>{formatDate(cert.notAfter, lang)}</Cell>
              <Cell>{t('inUse', { from: formatDate(cert.inUseFrom, lang), until: formatDate(cert.inUseUntil, lang) })}</Cell>
            </tr>
          ))}
        </Table>
      ) : null}
    </Section>
  );
}

function CurrentCertificate({ certificate }: { certificate: CertificateView }) {
  const t = useSettingsText();
  const lang = useLang();
  const rows: [string, ReactNode][] = [
    [t('subject'), certificate.subject],
    [t('issuer'), certificate.issuer],
    [t('serialNumber'), <Code key="serial">{certificate.serialNumber}</Code>],
    [t('validFrom'), formatDate(certificate.notBefore, lang, true)],
    [t('validTo'), formatDate(certificate.notAfter, lang, true)],
    [t('fingerprint'), <Code key="fp">{certificate.sha256Fingerprint}</Code>],
  ];
  return (
    <Stack gap="100">
      {certificate.status === 'valid' ? (
        <Inline>
          <Lozenge appearance="success" testId="certificate-status">
            {t('status_valid')}
          </Lozenge>
        </Inline>
      ) : (
        <SectionMessage appearance={certificate.status === 'expiring' ? 'warning' : 'error'}>
          <Text>{certificate.statusMessage}</Text>
        </SectionMessage>
      )}
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0, wordBreak: 'break-all' }} data-current-certificate>
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt style={{ font: '600 12px/20px sans-serif' }}>{label}</dt>
            <dd style={{ margin: 0 }}>{value}</dd>
          </div>
        ))}
      </dl>
    </Stack>
  );
}
