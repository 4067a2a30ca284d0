import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { RegistryEntry, RegistryPage } from '../../../../src/contracts/registry';
import { formatDate, useLang } from '../../../shared/i18n';
import { Cell, Code, Muted, Table } from '../../../shared/layout';
import { useRegistryText } from '../i18n';
import { pageCount } from './Pager';
import { STATE_LOOK } from './states';

/** "AB:CD:EF:…:12:34": enough to tell two certificates apart by eye; the whole value is in the title. */
function shortFingerprint(fingerprint: string): string {
  const parts = fingerprint.split(':');
  return parts.length > 8 ? `${parts.slice(0, 4).join(':')}:…:${parts.slice(-2).join(':')}` : fingerprint;
}

/** Codes and service names read as one word: the table scrolls rather than break them. */
function NoWrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
}

function Row({ entry, onOpen }: { entry: RegistryEntry; onOpen: (issueKey: string) => void }) {
  const t = useRegistryText();
  const lang = useLang();
  return (
    <tr data-registry-entry={`${entry.environment}:${entry.service}:${entry.codiEns}`}>
      <Cell header>{entry.name ?? <Muted>{t('noName')}</Muted>}</Cell>
      <Cell>
        <NoWrap>
          <Code>{entry.codiEns}</Code>
        </NoWrap>
      </Cell>
      <Cell>
        <NoWrap>
          <Code>{entry.ine ?? ''}</Code>
        </NoWrap>
      </Cell>
      <Cell>
        <NoWrap>{entry.service}</NoWrap>
      </Cell>
      <Cell>{entry.environment}</Cell>
      <Cell>
        <Lozenge appearance={STATE_LOOK[entry.state]}>{t(`state_${entry.state}`)}</Lozenge>
      </Cell>
      <Cell>
        <time dateTime={entry.date} style={{ whiteSpace: 'nowrap' }}>
          {formatDate(entry.date, lang, true)}
        </time>
      </Cell>
      <Cell>
        {/* A real link (copyable, keyboard reachable); Jira opens it outside the app's frame. */}
        <a
          href={`/browse/${encodeURIComponent(entry.ticket)}`}
          aria-label={t('openTicket', { key: entry.ticket })}
          style={{ color: token('color.link', '#0C66E4'), whiteSpace: 'nowrap' }}
          onClick={(event) => {
            event.preventDefault();
            onOpen(entry.ticket);
          }}
        >
          {entry.ticket}
        </a>
      </Cell>
      <Cell>
        {entry.certificateFingerprint ? (
          <span title={entry.certificateFingerprint} style={{ whiteSpace: 'nowrap' }}>
            <Code>{shortFingerprint(entry.certificateFingerprint)}</Code>
          </span>
        ) : null}
      </Cell>
    </tr>
  );
}

export function RegistryTable({
  result,
  busy,
  filtered,
  onOpen,
}: {
  result: RegistryPage;
  busy: boolean;
  filtered: Record<string, unknown>;
  onOpen: (issueKey: string) => void;
}) {
  const t = useRegistryText();
  if (result.total === 0) return <Muted>{Object.keys(filtered).length > 0 ? t('empty') : t('emptyRegistry')}</Muted>;
  const caption = t('caption', { total: result.total, page: result.page + 1, pages: pageCount(result) });
  return (
    // Nine columns do not fit a narrow frame: the table keeps its width and scrolls inside this box,
    // which takes the keyboard focus so it can be scrolled without a mouse.
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      aria-busy={busy}
      data-registry-scroll
      style={{ overflowX: 'auto', opacity: busy ? 0.6 : 1 }}
    >
      <div style={{ minWidth: '960px' }}>
        <Table
          caption={caption}
          head={[t('colName'), t('colCodiEns'), t('colIne'), t('colService'), t('colEnvironment'), t('colState'), t('colDate'), t('colTicket'), t('colFingerprint')]}
        >
          {result.entries.map((entry) => (
            // Two tickets may both still be working on the same ens.
            <Row key={`${entry.environment}:${entry.service}:${entry.codiEns}:${entry.ticket}`} entry={entry} onOpen={onOpen} />
          ))}
        </Table>
      </div>
    </div>
  );
}
