/**
 * The checker on the portal's request-create screen: the requester picks the filled template and sees,
 * without it leaving the browser, the problems the app would report; the blank templates are offered
 * beside it. Only a short summary is kept, as the request's property, once the request is sent.
 */
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import { SERVICES } from '../../../src/domain/services';
import type { CheckSummary } from '../../../src/contracts/portal';
import type { Lang } from '../../../src/i18n';
import { LangProvider, useLang } from '../../shared/i18n';
import { Muted, Stack, Text } from '../../shared/layout';
import { Loading, useMounted } from '../../shared/screens';
import { BlankTemplates } from '../../portal-request/src/BlankTemplates';
import type { CheckApi } from './api';
import { usePortalText, type PortalTranslate } from './i18n';
import { Problems } from './Problems';
import type { CheckOutcome } from './run-check';

type State = { kind: 'idle' } | { kind: 'working'; fileName: string } | { kind: 'done'; fileName: string; outcome: CheckOutcome };

const OUTCOME: Readonly<Record<Exclude<CheckOutcome['kind'], 'done'>, CheckSummary['outcome']>> = {
  'too-large': 'too_large',
  timeout: 'timeout',
  failed: 'failed',
};

/** What the request keeps: counts about the last file checked, whatever the answer was (never its rows). */
function summaryOf(fileName: string, outcome: CheckOutcome, now: Date): CheckSummary {
  const base = { version: 1 as const, fileName: fileName.slice(0, 255), checkedAt: now.toISOString() };
  if (outcome.kind !== 'done') {
    return { ...base, outcome: OUTCOME[outcome.kind], readable: false, services: [], rows: 0, rowsWithErrors: 0, warnings: 0 };
  }
  const { view } = outcome;
  return {
    ...base,
    outcome: 'checked',
    readable: view.readable,
    services: view.services,
    rows: view.rows,
    rowsWithErrors: view.rowsWithErrors,
    warnings: view.warnings,
  };
}

function Result({ fileName, outcome, t }: { fileName: string; outcome: CheckOutcome; t: PortalTranslate }) {
  if (outcome.kind === 'too-large') {
    return <SectionMessage appearance="error"><Text>{t('checkTooLarge', { file: fileName, limit: outcome.limitMib })}</Text></SectionMessage>;
  }
  if (outcome.kind === 'timeout') return <SectionMessage appearance="error"><Text>{t('checkTimeout', { file: fileName })}</Text></SectionMessage>;
  if (outcome.kind === 'failed') return <SectionMessage appearance="warning"><Text>{t('checkFailed', { file: fileName })}</Text></SectionMessage>;
  const { view } = outcome;
  if (!view.readable) {
    return (
      <SectionMessage appearance="error" title={t('checkUnreadable', { file: fileName })}>
        <Stack gap="050">
          {view.fileProblems.map((p, i) => (
            <span key={i}>
              {p.message} {p.hint}
            </span>
          ))}
        </Stack>
      </SectionMessage>
    );
  }
  const appearance = view.rowsWithErrors > 0 || view.fileProblems.some((p) => p.severity === 'error') ? 'error' : view.warnings > 0 ? 'warning' : 'success';
  const headline =
    appearance === 'error'
      ? t('checkWithErrors', { file: fileName, errors: view.rowsWithErrors, rows: view.rows })
      : appearance === 'warning'
        ? t('checkWithWarnings', { file: fileName, rows: view.rows, warnings: view.warnings })
        : t('checkAllGood', { file: fileName, rows: view.rows });
  return (
    <Stack gap="150">
      <SectionMessage appearance={appearance}>
        <Stack gap="050">
          <Text>{headline}</Text>
          {view.services.length > 0 ? <Muted>{t('checkServices', { services: view.services })}</Muted> : null}
        </Stack>
      </SectionMessage>
      {view.fileProblems.length > 0 ? (
        <section aria-label={t('checkFileProblems')}>
          <ul style={{ paddingLeft: token('space.200', '16px') }}>
            {view.fileProblems.map((p, i) => (
              <li key={i}>
                {p.message} {p.hint}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.problems.length > 0 ? <Problems problems={view.problems} more={view.moreProblems} t={t} /> : null}
      <Muted>{t('checkStored')}</Muted>
      <Muted>{t('checkAttachReminder')}</Muted>
    </Stack>
  );
}

function Checker({ api }: { api: CheckApi }) {
  const t = usePortalText();
  const lang = useLang();
  const mounted = useMounted();
  const inputId = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setState({ kind: 'working', fileName: file.name });
    const outcome = await api.check(file, lang).catch((): CheckOutcome => ({ kind: 'failed' }));
    if (!mounted.current) return;
    setState({ kind: 'done', fileName: file.name, outcome });
    // Every answer replaces the summary of an earlier file: the request never keeps a stale one.
    await api.submitSummary(summaryOf(file.name, outcome, new Date())).catch(() => undefined);
  };
  return (
    <main aria-labelledby="portal-check-title">
      <Stack gap="150">
        <h2 id="portal-check-title" style={{ margin: 0, font: token('font.heading.small', '600 16px/20px sans-serif'), color: token('color.text', '#172B4D') }}>
          {t('checkTitle')}
        </h2>
        <Text>{t('checkIntro')}</Text>
        <Stack gap="050">
          <label htmlFor={inputId} style={{ fontWeight: 600, color: token('color.text', '#172B4D') }}>
            {t('checkPick')}
          </label>
          <input
            id={inputId}
            type="file"
            accept=".xlsx,.xlsm,.xls,.ods,.csv"
            disabled={state.kind === 'working'}
            onChange={(event) => void pick(event.target.files?.[0])}
            data-testid="check-file"
          />
        </Stack>
        <div role="status" aria-live="polite" data-check-state={state.kind === 'done' ? state.outcome.kind : state.kind}>
          {state.kind === 'working' ? <Loading label={t('checkWorking', { file: state.fileName })} /> : null}
          {state.kind === 'done' ? <Result fileName={state.fileName} outcome={state.outcome} t={t} /> : null}
        </div>
        <BlankTemplates api={api} services={SERVICES} t={t} />
      </Stack>
    </main>
  );
}

export function App({ api, lang }: { api: CheckApi; lang: Lang }) {
  return (
    <LangProvider lang={lang}>
      <Checker api={api} />
    </LangProvider>
  );
}
