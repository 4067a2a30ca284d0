import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  EditableSettings,
  FieldErrorView,
  SaveResult,
  SettingsFunction,
  SettingsPage,
} from '../../../src/contracts/settings';
import { Inline, LiveMessage, Muted, Stack, Text, useFocusOnMount } from '../../shared/layout';
import type { SettingsApi } from './api';
import { envelopeMessage } from './envelope-message';
import { fieldId, groupErrors } from './form-errors';
import { useSettingsText } from './i18n';
import { AuditSection } from './sections/AuditSection';
import { SelfCheckSection } from './sections/SelfCheckSection';
import { BackendSection } from './sections/BackendSection';
import { CertificateSection } from './sections/CertificateSection';
import { CommentsSection } from './sections/CommentsSection';
import { WatchSection } from './sections/WatchSection';
import { ExportSection } from './sections/ExportSection';
import { RecognitionSection } from './sections/RecognitionSection';
import { ServicesSection } from './sections/ServicesSection';
import { SplitSection } from './sections/SplitSection';
import { TemplatesSection } from './sections/TemplatesSection';
import type { Act, SectionProps } from './sections/types';

function valueAt(settings: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), settings);
}

export function SettingsForm({
  api,
  page,
  onPage,
  onRefused,
  onReload,
}: {
  api: SettingsApi;
  page: SettingsPage;
  onPage: (page: SettingsPage) => void;
  onRefused: (message: string) => void;
  onReload: () => void;
}) {
  const t = useSettingsText();
  const [draft, setDraft] = useState<EditableSettings>(page.settings);
  const [errors, setErrors] = useState<FieldErrorView[]>([]);
  const [busy, setBusy] = useState<SettingsFunction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ kind: 'invalid' | 'conflict' | 'error'; message: string } | null>(null);

  // A new document from the server (a save, an import) replaces the draft; a new page with the same
  // settings (a certificate upload, a token change) keeps the admin's unsaved edits.
  const savedJson = JSON.stringify(page.settings);
  useEffect(() => {
    setDraft(JSON.parse(savedJson) as EditableSettings);
  }, [savedJson]);

  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(page.settings), [draft, page.settings]);
  const grouped = useMemo(() => groupErrors(errors), [errors]);
  const defaults = useMemo(() => new Set(page.defaults), [page.defaults]);
  const isDefault = useCallback(
    (path: string) => defaults.has(path) && JSON.stringify(valueAt(draft, path)) === JSON.stringify(valueAt(page.settings, path)),
    [defaults, draft, page.settings],
  );

  const act: Act = useCallback(
    async (fn, payload) => {
      setBusy(fn);
      setNotice(null);
      try {
        const result = await api.call(fn, payload);
        if (result.ok) return { data: result.data };
        if (result.error.code === 'forbidden') onRefused(envelopeMessage(result.error, t));
        return { error: envelopeMessage(result.error, t) };
      } finally {
        setBusy(null);
      }
    },
    [api, onRefused, t],
  );

  const update = useCallback((change: (draft: EditableSettings) => EditableSettings) => setDraft((current) => change(current)), []);

  const applySaveResult = (result: SaveResult) => {
    if (result.outcome === 'saved') {
      setErrors([]);
      setProblem(null);
      onPage(result.page);
      setNotice(result.message || (result.changed ? t('saved') : t('nothingChanged')));
    } else if (result.outcome === 'invalid') {
      setErrors(result.errors);
      setProblem({ kind: 'invalid', message: result.message || t('fieldErrorsTitle') });
    } else {
      setProblem({ kind: 'conflict', message: result.message });
    }
  };

  const save = async () => {
    const answer = await act('saveSettings', { settings: draft as unknown as Record<string, unknown>, revision: page.revision });
    if ('error' in answer) setProblem({ kind: 'error', message: answer.error });
    else applySaveResult(answer.data);
  };

  const discard = () => {
    setDraft(page.settings);
    setErrors([]);
    setProblem(null);
  };

  const sectionProps: SectionProps = { draft, update, errors: grouped, isDefault, page };

  return (
    <Stack gap="200">
      <Muted>
        {page.updatedAt && page.updatedBy
          ? t('lastSaved', { who: page.updatedBy.displayName, when: page.updatedAt })
          : t('neverSaved')}{' '}
        {t('defaultsIntro')}
      </Muted>
      {page.storedErrors.length > 0 ? (
        <SectionMessage appearance="warning">
          <Text>{t('storedInvalid', { count: page.storedErrors.length })}</Text>
        </SectionMessage>
      ) : null}
      {problem ? <Problem problem={problem} errors={errors} onReload={onReload} /> : null}

      <RecognitionSection {...sectionProps} act={act} busy={busy} />
      <ServicesSection {...sectionProps} act={act} busy={busy} />
      <SplitSection {...sectionProps} />
      <BackendSection {...sectionProps} act={act} busy={busy} onTokenSet={(tokenSet) => onPage({ ...page, backend: { ...page.backend, tokenSet } })} />
      <CommentsSection {...sectionProps} />
      <WatchSection {...sectionProps} />

      <div
        style={{
          position: 'sticky',
          bottom: 0,
          padding: `${token('space.150', '12px')} 0`,
          background: token('elevation.surface', '#FFFFFF'),
          borderTop: `1px solid ${token('color.border', '#091E4224')}`,
        }}
      >
        <Inline>
          <Button appearance="primary" onClick={() => void save()} isDisabled={busy !== null} isLoading={busy === 'saveSettings'}>
            {busy === 'saveSettings' ? t('saving') : t('save')}
          </Button>
          <Button onClick={discard} isDisabled={!dirty || busy !== null}>
            {t('discard')}
          </Button>
          {dirty ? <Muted>{t('unsavedChanges')}</Muted> : null}
          <LiveMessage message={notice} />
        </Inline>
      </div>

      <CertificateSection page={page} act={act} busy={busy} api={api} onPage={onPage} />
      <TemplatesSection page={page} act={act} busy={busy} api={api} />
      <ExportSection page={page} act={act} busy={busy} api={api} onResult={applySaveResult} />
      <AuditSection page={page} />
      <SelfCheckSection act={act} busy={busy} />
    </Stack>
  );
}

function Problem({
  problem,
  errors,
  onReload,
}: {
  problem: { kind: 'invalid' | 'conflict' | 'error'; message: string };
  errors: readonly FieldErrorView[];
  onReload: () => void;
}) {
  const t = useSettingsText();
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div ref={ref} tabIndex={-1} data-save-problem={problem.kind}>
      <SectionMessage appearance={problem.kind === 'invalid' ? 'error' : 'warning'} title={problem.kind === 'conflict' ? t('conflictTitle') : undefined}>
        <Stack>
          <Text>{problem.message}</Text>
          {problem.kind === 'invalid' && errors.length > 0 ? (
            <nav aria-label={t('errorsSummary')}>
              <ul style={{ margin: 0 }}>
                {errors.map((error, index) => (
                  <li key={index}>
                    <a href={`#${fieldId(error.path)}`}>
                      {error.label && error.code !== 'unknown_field' ? t('errorWithField', { field: error.label, message: error.message }) : error.message}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {problem.kind === 'conflict' ? (
            <Inline>
              <Button onClick={onReload}>{t('reload')}</Button>
            </Inline>
          ) : null}
        </Stack>
      </SectionMessage>
    </div>
  );
}
