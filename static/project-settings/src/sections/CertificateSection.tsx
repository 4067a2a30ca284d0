import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useRef, useState, type ReactNode } from 'react';
import { token } from '@atlaskit/tokens';
import type { CertificateView, SettingsPage, SettingsResponse } from '../../../../src/contracts/settings';
import { formatDate, useLang } from '../../../shared/i18n';
import { Card, Cell, Code, Inline, Muted, Stack, Table, Text, useFocusOnMount } from '../../../shared/layout';
import { bytesToBase64, type SettingsApi } from '../api';
import { Section } from '../fields';
import { useSettingsText } from '../i18n';
import type { Act } from './types';

type Reading = Extract<SettingsResponse<'inspectCertificate'>, { outcome: 'read' }>;
type Message = { kind: 'success' | 'error' | 'info'; text: string; notes: string[] };

/**
 * The SetDIBA CDA certificate: what is in use, a warning before it expires, upload and history.
 * Picking a file only reads it: the page shows what is in it (with warnings such as expired) and the
 * certificate in use changes when the admin confirms. A previous certificate can be put back in use.
 */
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
  const [message, setMessage] = useState<Message | null>(null);
  const [reading, setReading] = useState<{ fileName: string; contentBase64: string; answer: Reading } | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const current = page.certificate.current;

  const read = async (file: File) => {
    setMessage(null);
    setReading(null);
    const contentBase64 = bytesToBase64(await api.readFile(file));
    const answer = await act('inspectCertificate', { fileName: file.name, contentBase64 });
    if (input.current) input.current.value = '';
    if ('error' in answer) return setMessage({ kind: 'error', text: answer.error, notes: [] });
    if (answer.data.outcome === 'refused') return setMessage({ kind: 'error', text: answer.data.message, notes: [] });
    setReading({ fileName: file.name, contentBase64, answer: answer.data });
  };

  const confirm = async () => {
    if (!reading) return;
    const answer = await act('uploadCertificate', { fileName: reading.fileName, contentBase64: reading.contentBase64 });
    setReading(null);
    if ('error' in answer) return setMessage({ kind: 'error', text: answer.error, notes: [] });
    const data = answer.data;
    if (data.outcome === 'refused') return setMessage({ kind: 'error', text: data.message, notes: [] });
    setMessage({ kind: 'success', text: data.message, notes: data.notes });
    onPage(data.page);
  };

  const cancel = () => {
    setReading(null);
    setMessage({ kind: 'info', text: t('certificateCancelled'), notes: [] });
  };

  const restore = async (sha256Fingerprint: string) => {
    const answer = await act('restoreCertificate', { sha256Fingerprint });
    setRestoring(null);
    if ('error' in answer) return setMessage({ kind: 'error', text: answer.error, notes: [] });
    if (answer.data.outcome !== 'restored') return setMessage({ kind: 'error', text: answer.data.message, notes: [] });
    setMessage({ kind: 'success', text: answer.data.message, notes: [] });
    onPage(answer.data.page);
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
        <label htmlFor="f-certificate-file" style={{ font: token('font.body.small', '600 12px/16px sans-serif'), fontWeight: 600 }}>
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
            if (file) void read(file);
          }}
        />
        {current ? (
          <Button appearance="subtle" onClick={() => void remove()} isDisabled={busy !== null} isLoading={busy === 'removeCertificate'}>
            {t('removeCertificate')}
          </Button>
        ) : null}
      </Inline>
      {reading ? (
        <ReadCertificate
          fileName={reading.fileName}
          reading={reading.answer}
          busy={busy}
          onConfirm={() => void confirm()}
          onCancel={cancel}
        />
      ) : null}
      <div role="status" aria-live="polite" data-certificate-message={message?.kind ?? ''}>
        {message ? (
          <SectionMessage appearance={message.kind === 'success' ? 'success' : message.kind === 'info' ? 'information' : 'error'}>
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
        <Table caption={t('previousCertificates')} head={[t('subject'), t('serialNumber'), t('validTo'), t('certificateInUse'), '']}>
          {page.certificate.previous.map((cert) => (
            <tr key={cert.sha256Fingerprint} data-previous-certificate={cert.sha256Fingerprint}>
              <Cell header>{cert.subject}</Cell>
              <Cell>
                <Code>{cert.serialNumber}</Code>
              </Cell>
              <Cell>{formatDate(cert.notAfter, lang)}</Cell>
              <Cell>{t('inUse', { from: cert.inUseFrom, until: cert.inUseUntil ?? '' })}</Cell>
              <Cell>
                {restoring === cert.sha256Fingerprint ? (
                  <Stack gap="050">
                    <Text>{t('certificateRestoreConfirm')}</Text>
                    <Inline>
                      <Button appearance="primary" onClick={() => void restore(cert.sha256Fingerprint)} isLoading={busy === 'restoreCertificate'} isDisabled={busy !== null}>
                        {t('certificateRestoreYes')}
                      </Button>
                      <Button appearance="subtle" onClick={() => setRestoring(null)} isDisabled={busy !== null}>
                        {t('certificateCancel')}
                      </Button>
                    </Inline>
                  </Stack>
                ) : (
                  <Button
                    onClick={() => setRestoring(cert.sha256Fingerprint)}
                    isDisabled={busy !== null}
                    aria-label={t('certificateRestoreLabel', { subject: cert.subject, serial: cert.serialNumber })}
                  >
                    {t('certificateRestore')}
                  </Button>
                )}
              </Cell>
            </tr>
          ))}
        </Table>
      ) : null}
    </Section>
  );
}

/** What was read from the picked file, with its warnings; nothing changes until the admin confirms. */
function ReadCertificate({
  fileName,
  reading,
  busy,
  onConfirm,
  onCancel,
}: {
  fileName: string;
  reading: Reading;
  busy: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useSettingsText();
  const lang = useLang();
  const ref = useFocusOnMount<HTMLDivElement>();
  const cert = reading.certificate;
  const unusable = cert.status === 'expired' || cert.status === 'not_yet_valid';
  const rows: [string, ReactNode][] = [
    [t('subject'), cert.subject],
    [t('issuer'), cert.issuer],
    [t('serialNumber'), <Code key="serial">{cert.serialNumber}</Code>],
    [t('validFrom'), formatDate(cert.notBefore, lang, true)],
    [t('validTo'), formatDate(cert.notAfter, lang, true)],
    [t('fingerprint'), <Code key="fp">{cert.sha256Fingerprint}</Code>],
  ];
  return (
    <div ref={ref} tabIndex={-1} data-certificate-reading={cert.status}>
      <Card labelledBy="certificate-reading-title">
        <Stack gap="100">
          <h3 id="certificate-reading-title" style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: 0 }}>
            {t('certificateReadTitle', { file: fileName })}
          </h3>
          {reading.warnings.length > 0 ? (
            <SectionMessage appearance={unusable ? 'error' : 'warning'}>
              <Stack gap="050">
                {reading.warnings.map((warning, index) => (
                  <Text key={index}>{warning}</Text>
                ))}
              </Stack>
            </SectionMessage>
          ) : null}
          <FactList rows={rows} />
          {reading.notes.map((note, index) => (
            <Muted key={index}>{note}</Muted>
          ))}
          {reading.sameAsCurrent ? (
            <Text>{t('certificateUnchanged')}</Text>
          ) : (
            <Muted>{t('certificateReadHelp')}</Muted>
          )}
          <Inline>
            {reading.sameAsCurrent ? null : (
              <Button appearance={unusable ? 'warning' : 'primary'} onClick={onConfirm} isDisabled={busy !== null} isLoading={busy === 'uploadCertificate'}>
                {unusable ? t('certificateConfirmExpired') : t('certificateUse')}
              </Button>
            )}
            <Button appearance="subtle" onClick={onCancel} isDisabled={busy !== null}>
              {t('certificateCancel')}
            </Button>
          </Inline>
        </Stack>
      </Card>
    </div>
  );
}

function FactList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0, overflowWrap: 'anywhere' }}>
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt style={{ fontWeight: 600 }}>{label}</dt>
          <dd style={{ margin: 0 }}>{value}</dd>
        </div>
      ))}
    </dl>
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
      <div data-current-certificate>
        <FactList rows={rows} />
      </div>
    </Stack>
  );
}
