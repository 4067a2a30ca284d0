import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { RowView } from '../../../../../src/contracts/panel';
import { formatDate, useLang } from '../../../../shared/i18n';
import { Code, Inline, Muted, Stack } from '../../../../shared/layout';
import { usePanelText } from '../../i18n';
import { RowStatusLozenge } from '../StatusLozenge';
import { LongText } from './LongText';
import { rowLabel, serviceText } from './row-text';

/** How long "Copiat" stays on the button before it reads "Copia" again. */
const COPIED_FEEDBACK_MS = 2000;

const oneLine: CSSProperties = { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };

const disclosure: CSSProperties = {
  display: 'flex',
  alignItems: 'baseline',
  gap: token('space.100', '8px'),
  flex: '1 1 auto',
  minWidth: 0,
  background: 'none',
  border: 'none',
  padding: `${token('space.050', '4px')} 0`,
  margin: 0,
  cursor: 'pointer',
  textAlign: 'left',
  color: token('color.text', '#172B4D'),
  font: token('font.body', '14px/20px sans-serif'),
};

export interface RowItemProps {
  row: RowView;
  selected: boolean;
  /** Held for a warning and not integrated: it can be confirmed or rejected (again). */
  decidable: boolean;
  disabled: boolean;
  onToggle: () => void;
  onDecide: (decision: 'confirm' | 'reject') => void;
  /** Resolves true when the identifiers reached the clipboard. */
  onCopy: () => Promise<boolean>;
}

/**
 * One template row: a compact line (ens, status, first problem) that fits a 400 px panel, and on demand
 * the details and the row's actions.
 */
export function RowItem({ row, selected, decidable, disabled, onToggle, onDecide, onCopy }: RowItemProps) {
  const t = usePanelText();
  const [open, setOpen] = useState(false);
  const label = rowLabel(row);
  const detailsId = `setdiba-row-${row.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const first = row.problems[0];
  // A row a later file replaced stays under its file for the record, muted: nothing is wrong with it now.
  const replaced = row.status === 'replaced';
  return (
    <li
      data-row-id={row.id}
      data-row-status={row.status}
      data-row-muted={replaced ? 'true' : undefined}
      style={{ borderBottom: `1px solid ${token('color.border', '#091E4224')}`, padding: `${token('space.050', '4px')} 0`, listStyle: 'none' }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), minWidth: 0 }}>
        {decidable ? (
          <input type="checkbox" checked={selected} onChange={onToggle} aria-label={t('selectRow', { row: label })} />
        ) : null}
        <button
          type="button"
          style={replaced ? { ...disclosure, color: token('color.text.subtlest', '#626F86') } : disclosure}
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true" style={{ flex: 'none', width: '1em', color: token('color.icon', '#44546F') }}>
            {open ? '▾' : '▸'}
          </span>
          <span
            style={{ flex: 'none', color: token(replaced ? 'color.text.subtlest' : 'color.text.subtle', replaced ? '#626F86' : '#44546F'), fontFamily: token('font.family.code', 'monospace') }}
          >
            {label}
          </span>
          <span style={oneLine} title={row.name ?? undefined}>
            {row.name ?? '—'}
          </span>
        </button>
        <span style={{ flex: 'none', maxWidth: '45%', overflow: 'hidden' }}>
          <RowStatusLozenge row={row} t={t} />
        </span>
      </div>
      {replaced && row.replacedBy ? (
        <div data-replaced-by={row.replacedBy.fileName} style={{ ...oneLine, color: token('color.text.subtlest', '#626F86'), font: token('font.body.small', '12px/16px sans-serif') }} title={row.replacedBy.fileName}>
          {t('statusReplacedBy', { file: row.replacedBy.fileName })}
        </div>
      ) : null}
      {first ? (
        <div style={{ display: 'flex', alignItems: 'center', gap: token('space.050', '4px'), minWidth: 0, paddingLeft: decidable ? 28 : 0 }}>
          <span style={{ flex: 'none' }}>
            <Lozenge appearance={first.severity === 'error' ? 'removed' : 'moved'}>
              {first.severity === 'error' ? t('severityError') : t('severityWarning')}
            </Lozenge>
          </span>
          <span style={{ ...oneLine, color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') }} title={first.message}>
            {first.message}
          </span>
          {row.problems.length > 1 ? <Muted>{t('moreProblems', { count: row.problems.length - 1 })}</Muted> : null}
        </div>
      ) : null}
      {open ? (
        <div id={detailsId} style={{ padding: `${token('space.100', '8px')} 0 ${token('space.100', '8px')} ${token('space.200', '16px')}` }}>
          <RowDetails row={row} label={label} decidable={decidable} disabled={disabled} onDecide={onDecide} onCopy={onCopy} />
        </div>
      ) : null}
    </li>
  );
}

function RowDetails({
  row,
  label,
  decidable,
  disabled,
  onDecide,
  onCopy,
}: { row: RowView; label: string } & Pick<RowItemProps, 'decidable' | 'disabled' | 'onDecide' | 'onCopy'>) {
  const t = usePanelText();
  const lang = useLang();
  const fields: [string, ReactNode][] = [
    [t('colEns'), <LongText key="name" text={row.name ?? ''} />],
    [t('colCodiEns'), <Code key="codi">{row.codiEns ?? ''}</Code>],
    [t('colIne'), <Code key="ine">{row.ine ?? ''}</Code>],
    [t('colNif'), <Code key="nif">{row.nif ?? ''}</Code>],
    [t('colDir3'), <Code key="dir3">{row.dir3 ?? ''}</Code>],
    [t('colService'), <LongText key="service" text={serviceText(row, t)} />],
    [t('colProductionDate'), formatDate(row.productionDate, lang)],
    [t('colFile'), <LongText key="file" text={row.fileName} />],
  ];
  return (
    <Stack gap="100">
      <dl style={{ display: 'grid', gridTemplateColumns: 'minmax(5em, max-content) minmax(0, 1fr)', gap: `${token('space.025', '2px')} ${token('space.150', '12px')}`, margin: 0 }}>
        {fields.map(([name, value]) => (
          <div key={name} style={{ display: 'contents' }}>
            <dt style={{ color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') }}>{name}</dt>
            <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere', color: token('color.text', '#172B4D') }}>{value}</dd>
          </div>
        ))}
      </dl>
      {row.problems.length > 0 ? (
        <ul style={{ margin: 0, paddingLeft: token('space.200', '16px'), color: token('color.text', '#172B4D') }} aria-label={t('colProblems')}>
          {row.problems.map((problem, index) => (
            <li key={index} style={{ overflowWrap: 'anywhere' }}>
              <Lozenge appearance={problem.severity === 'error' ? 'removed' : 'moved'}>
                {problem.severity === 'error' ? t('severityError') : t('severityWarning')}
              </Lozenge>{' '}
              {problem.column ? (
                <Code>
                  <LongText text={t('problemAt', { column: problem.column, value: problem.value ?? '' })} />
                </Code>
              ) : null}{' '}
              <LongText text={problem.message} />
            </li>
          ))}
        </ul>
      ) : (
        <Muted>{t('noProblemsRow')}</Muted>
      )}
      <Inline gap="050">
        <CopyButton label={label} onCopy={onCopy} />
        {/* A decided row offers the other decision only: confirming a confirmed row again changes nothing. */}
        {decidable && row.status !== 'confirmed' ? (
          <Button spacing="compact" isDisabled={disabled} onClick={() => onDecide('confirm')} aria-label={t('confirmRowLabel', { row: label })}>
            {t('confirmRow')}
          </Button>
        ) : null}
        {decidable && row.status !== 'rejected' ? (
          <Button spacing="compact" isDisabled={disabled} onClick={() => onDecide('reject')} aria-label={t('rejectRowLabel', { row: label })}>
            {t('rejectRow')}
          </Button>
        ) : null}
      </Inline>
      {decidable && row.status !== 'waiting' ? <Muted>{t('decisionChangeable')}</Muted> : null}
    </Stack>
  );
}

/** "Copia" answers on the button itself ("Copiat ✓") for a moment; the live region says it aloud. */
function CopyButton({ label, onCopy }: { label: string; onCopy: () => Promise<boolean> }) {
  const t = usePanelText();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Button spacing="compact" onClick={() => void onCopy().then(setCopied)} aria-label={t('copyLabel', { row: label })}>
      {copied ? `${t('copiedShort')} ✓` : t('copy')}
    </Button>
  );
}

