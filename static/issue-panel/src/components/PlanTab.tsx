import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import type { PanelFunction, PanelState, PlanView, RowView, ServicePlanView } from '../../../../src/contracts/panel';
import { needsCorrection } from '../../../../src/contracts/row-correction';
import { formatDate, useLang } from '../../../shared/i18n';
import { Card, Code, Inline, Muted, Stack, Text } from '../../../shared/layout';
import type { PanelApi } from '../api';
import type { Perform } from '../perform';
import { usePanelText, type PanelTranslate } from '../i18n';
import { ResultsDownload } from './ResultsDownload';

const headingStyle = { margin: 0, font: token('font.heading.xsmall', '600 14px/16px sans-serif'), color: token('color.text', '#172B4D') };

/** The plan as the last preview computed it: nothing here has been written. */
export function PlanTab({ state, api, busy, perform }: { state: PanelState; api: PanelApi; busy: PanelFunction | null; perform: Perform }) {
  const t = usePanelText();
  const plan = state.plan;
  // Only a ticket no rule recognises has no plan, and that one shows "not SetDIBA" instead of the tabs.
  if (!plan) return null;
  const download = (service: ServicePlanView['service']) =>
    perform(
      'downloadServiceWorkbook',
      { service },
      { onData: (file) => api.saveFile(file.fileName, file.mimeType, file.contentBase64), success: (file) => t('downloaded', { fileName: file.fileName }) },
    );
  return (
    <Stack gap="150">
      <Certificate plan={plan} t={t} />
      <ResultsDownload api={api} busy={busy} perform={perform} />
      {plan.services.map((service) => (
        <ServiceCard
          key={service.service}
          service={service}
          rows={state.rows.filter((row) => row.service === service.service)}
          checklist={state.checklist}
          busy={busy}
          onDownload={() => void download(service.service)}
        />
      ))}
      {plan.unassignedRowIds.length > 0 ? (
        <SectionMessage appearance="warning">
          <Text>{t('unassignedRows', { count: plan.unassignedRowIds.length })}</Text>
        </SectionMessage>
      ) : null}
      <section aria-labelledby="setdiba-writes">
        <h3 id="setdiba-writes" style={headingStyle}>
          {t('writesHeading')}
        </h3>
        {plan.writes.length === 0 ? (
          <Text>{t('writesNoneNow')}</Text>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 16, color: token('color.text', '#172B4D') }}>
            {plan.writes.map((write) => (
              <li key={write}>{write}</li>
            ))}
          </ul>
        )}
      </section>
    </Stack>
  );
}

function Certificate({ plan, t }: { plan: PlanView; t: PanelTranslate }) {
  const lang = useLang();
  const { certificate } = plan;
  if (certificate.status === 'valid') {
    return (
      <Stack gap="050">
        <Text>{t('certValid', { serial: certificate.serialNumber ?? '', date: formatDate(certificate.notAfter, lang) })}</Text>
        {certificate.expiresInDays != null ? (
          <SectionMessage appearance="warning">
            <Text>{t('certExpiring', { date: formatDate(certificate.notAfter, lang), days: certificate.expiresInDays })}</Text>
          </SectionMessage>
        ) : null}
        {certificate.sha256Fingerprint ? (
          <Muted>
            <Code>{t('fingerprint', { fingerprint: certificate.sha256Fingerprint })}</Code>
          </Muted>
        ) : null}
      </Stack>
    );
  }
  const message = {
    missing: t('certMissing'),
    expired: t('certExpired'),
    'not-yet-valid': t('certNotYetValid'),
    unreadable: t('certUnreadable'),
  }[certificate.status];
  return (
    <SectionMessage appearance="error">
      <Text>{message}</Text>
    </SectionMessage>
  );
}

function ServiceCard({
  service,
  rows,
  checklist,
  busy,
  onDownload,
}: {
  service: ServicePlanView;
  rows: readonly RowView[];
  checklist: PanelState['checklist'];
  busy: PanelFunction | null;
  onDownload: () => void;
}) {
  const t = usePanelText();
  const id = `setdiba-plan-${service.service}`;
  const target =
    service.target === 'self' ? t('targetSelf') : service.target === 'existing' ? t('targetExisting', { key: service.targetKey ?? '' }) : t('targetNew');
  const counts = serviceCounts(service, rows, t, checklist);
  return (
    <Card labelledBy={id}>
      <Stack gap="050">
        <h3 id={id} style={headingStyle}>
          {service.service}
        </h3>
        <Text>{target}</Text>
        <Muted>
          {t('environment', { env: service.environment })} · {service.assignee ? t('assignee', { name: service.assignee.displayName }) : t('nobodyAssigned')}
          {service.labels.length > 0 ? ` · ${t('labels', { labels: service.labels.join(', ') })}` : ''}
        </Muted>
        {counts.length > 0 ? <Text>{counts.join(' · ')}</Text> : null}
        {service.reviewReasons.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 16, color: token('color.text.warning', '#A54800') }}>
            {service.reviewReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : null}
        <Inline>
          <Button spacing="compact" isDisabled={busy !== null} isLoading={busy === 'downloadServiceWorkbook'} onClick={onDownload}>
            {t('download', { service: service.service })}
          </Button>
        </Inline>
      </Stack>
    </Card>
  );
}

/**
 * What each row of the service stands at now. The plan's own counts are the planner's decisions, so rows
 * an earlier run already integrated still count as "to integrate" there, next to "nothing to write"; the
 * rows' statuses say what a run would actually do.
 */
export function serviceCounts(service: ServicePlanView, rows: readonly RowView[], t: PanelTranslate, checklist: PanelState['checklist'] = null): string[] {
  if (rows.length === 0) {
    const planned = service.counts;
    return [
      [planned.integrate, t('countIntegrate', { count: planned.integrate })],
      [planned.wait, t('countWait', { count: planned.wait })],
      // The planner refuses a row only for a wrong value (an agent's rejection is a decision on a held row).
      [planned.reject, t('countToCorrect', { count: planned.reject })],
      [planned.muxPending, t('countMux', { count: planned.muxPending })],
      [planned.blocked, t('countBlocked', { count: planned.blocked })],
      [planned.disabled, t('countDisabled', { count: planned.disabled })],
      [planned.replaced ?? 0, t('countReplaced', { count: planned.replaced ?? 0 })],
    ]
      .filter(([count]) => Number(count) > 0)
      .map(([, text]) => String(text));
  }
  const count = (...statuses: string[]) => rows.filter((row) => statuses.includes(row.status)).length;
  const blocked = count('blocked');
  // Rows of a switched-off service are "blocked" rows too: they are counted once, as switched off.
  const disabled = Math.min(service.counts.disabled, blocked);
  // In assisted mode a run does not integrate these: an agent does, step by step. "2 per integrar" next
  // to "a run would write nothing" read as a contradiction; they are counted as steps to do by hand.
  // (A row whose step an agent marked done already reads "Integrada": the resolver says so.)
  const steps = (checklist ?? []).filter((step) => step.service === service.service);
  const open = rows.filter((row) => row.status === 'pending' || row.status === 'confirmed');
  const stepOf = (row: RowView) => steps.find((step) => step.codiEns === row.codiEns);
  const manual = open.filter((row) => stepOf(row)?.done === false).length;
  const integrate = open.length - manual;
  const integrated = count('integrated', 'already-integrated');
  // A row refused for a wrong value waits for the requester's corrected file: the Files tab calls it
  // "Cal corregir", so the plan does too; only a row an agent turned down is "rebutjada".
  const toCorrect = rows.filter(needsCorrection).length;
  const rejected = count('rejected') - toCorrect;
  const entries: [number, string][] = [
    [integrate, t('countIntegrate', { count: integrate })],
    [manual, t('countByHand', { count: manual })],
    [integrated, t('countAlreadyIntegrated', { count: integrated })],
    [count('waiting'), t('countWait', { count: count('waiting') })],
    [toCorrect, t('countToCorrect', { count: toCorrect })],
    [rejected, t('countReject', { count: rejected })],
    [count('mux-pending'), t('countMux', { count: count('mux-pending') })],
    // An ens with its date waits too, for the day or for the owner: leaving it out left the card with no count.
    [count('mux-scheduled'), t('countMuxScheduled', { count: count('mux-scheduled') })],
    [blocked - disabled, t('countBlocked', { count: blocked - disabled })],
    [disabled, t('countDisabled', { count: disabled })],
    [count('replaced'), t('countReplaced', { count: count('replaced') })],
  ];
  return entries.filter(([n]) => n > 0).map(([, text]) => text);
}
