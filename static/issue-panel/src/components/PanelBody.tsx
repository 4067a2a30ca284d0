import Button from '@atlaskit/button/new';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { useState, type ReactNode } from 'react';
import type { PanelFunction, PanelState } from '../../../../src/contracts/panel';
import { Inline, Stack, Text } from '../../../shared/layout';
import type { PanelApi } from '../api';
import type { Perform } from '../perform';
import { usePanelText, type PanelTranslate } from '../i18n';
import { ActionErrorMessage } from './ActionErrorMessage';
import { ChecklistTab } from './ChecklistTab';
import { HistoryTab } from './HistoryTab';
import { MuxTab } from './MuxTab';
import { NotSetdiba } from './NotSetdiba';
import { PlanTab } from './PlanTab';
import { RowsTab } from './RowsTab';
import { RunBar } from './RunBar';
import { SiblingsTab } from './SiblingsTab';
import './panel-tabs.css';

export interface PanelBodyProps {
  state: PanelState;
  api: PanelApi;
  busy: PanelFunction | null;
  perform: Perform;
  actionError: string | null;
  onDismissError: () => void;
  notice: ReactNode;
}

function ruleText(rule: PanelState['recognition']['rule'], t: PanelTranslate): string {
  switch (rule) {
    case 'organization':
      return t('ruleOrganization');
    case 'reporter-domain':
      return t('ruleReporterDomain');
    case 'request-type':
      return t('ruleRequestType');
    default:
      return t('ruleLabel');
  }
}

export function PanelBody({ state, api, busy, perform, actionError, onDismissError, notice }: PanelBodyProps) {
  const t = usePanelText();
  const [tab, setTab] = useState(0);

  const errorMessage = actionError ? <ActionErrorMessage message={actionError} onDismiss={onDismissError} /> : null;

  if (!state.recognition.recognised) {
    return (
      <Stack gap="150">
        {errorMessage}
        <NotSetdiba state={state} busy={busy} perform={perform} />
        {notice}
      </Stack>
    );
  }

  const tabs: { label: string; panel: ReactNode }[] = [
    { label: t('tabRows', { count: state.rows.length }), panel: <RowsTab state={state} api={api} busy={busy} perform={perform} /> },
    { label: t('tabPlan'), panel: <PlanTab state={state} api={api} busy={busy} perform={perform} /> },
    { label: t('tabHistory'), panel: <HistoryTab state={state} api={api} /> },
    { label: t('tabTickets'), panel: <SiblingsTab state={state} api={api} /> },
  ];
  if (state.mux.applicable) tabs.push({ label: t('tabMux'), panel: <MuxTab state={state} busy={busy} perform={perform} /> });
  if (state.checklist) tabs.push({ label: t('tabChecklist'), panel: <ChecklistTab state={state} busy={busy} perform={perform} /> });
  const selected = Math.min(tab, tabs.length - 1);

  return (
    <Stack gap="150">
      <Inline>
        <Text>
          {t('recognisedBy', { rule: ruleText(state.recognition.rule, t) })}
          {state.cloneOf ? ` ${t('cloneOf', { key: state.cloneOf })}` : ''}
        </Text>
        {state.cloneOf ? (
          <Button appearance="subtle" spacing="compact" onClick={() => api.openIssue(state.cloneOf ?? '')}>
            {t('openIssue', { key: state.cloneOf })}
          </Button>
        ) : null}
      </Inline>
      {errorMessage}
      <RunBar state={state} busy={busy} perform={perform} />
      {notice}
      {/* Atlaskit's tab list starts 8px to the left of its box (to line the label up with the text);
          the padding keeps the first tab inside the frame. */}
      <div className="setdiba-tabs" style={{ paddingInline: token('space.100', '8px'), minWidth: 0 }}>
        <Tabs id="setdiba-panel-tabs" selected={selected} onChange={(index) => setTab(index)}>
          <TabList>
            {tabs.map((entry) => (
              <Tab key={entry.label}>{entry.label}</Tab>
            ))}
          </TabList>
          {tabs.map((entry, index) => (
            <TabPanel key={entry.label}>
              <div style={{ width: '100%', paddingTop: 8 }}>{index === selected ? entry.panel : null}</div>
            </TabPanel>
          ))}
        </Tabs>
      </div>
    </Stack>
  );
}

