/**
 * Small layout and table primitives styled with Atlassian design tokens, so the apps follow the host's
 * light or dark theme. Kept here instead of pulling more Atlaskit packages: each one adds weight to a
 * bundle that must stay under 250 KB gzipped.
 */
import { token } from '@atlaskit/tokens';
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';

type Space = '0' | '050' | '100' | '150' | '200' | '300';
const space = (value: Space): string =>
  ({
    '0': '0',
    '050': token('space.050', '4px'),
    '100': token('space.100', '8px'),
    '150': token('space.150', '12px'),
    '200': token('space.200', '16px'),
    '300': token('space.300', '24px'),
  })[value];

export function Stack({ gap = '100', children, as: Tag = 'div' }: { gap?: Space; children: ReactNode; as?: 'div' | 'section' }) {
  return <Tag style={{ display: 'flex', flexDirection: 'column', gap: space(gap) }}>{children}</Tag>;
}

export function Inline({
  gap = '100',
  align = 'center',
  wrap = true,
  children,
}: {
  gap?: Space;
  align?: CSSProperties['alignItems'];
  wrap?: boolean;
  children: ReactNode;
}) {
  return (
    <div style={{ display: 'flex', flexDirection: 'row', gap: space(gap), alignItems: align, flexWrap: wrap ? 'wrap' : 'nowrap' }}>
      {children}
    </div>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <span style={{ color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') }}>{children}</span>;
}

export function Text({ children }: { children: ReactNode }) {
  return <p style={{ margin: 0, color: token('color.text', '#172B4D'), font: token('font.body', '14px/20px sans-serif') }}>{children}</p>;
}

export function Card({ children, labelledBy }: { children: ReactNode; labelledBy?: string }) {
  return (
    <section
      aria-labelledby={labelledBy}
      style={{
        border: `1px solid ${token('color.border', '#091E4224')}`,
        borderRadius: token('radius.small', '4px'),
        padding: space('150'),
        background: token('elevation.surface', '#FFFFFF'),
      }}
    >
      {children}
    </section>
  );
}

/** A polite live region: screen readers announce what the last action did. */
export function LiveMessage({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite" style={{ minHeight: message ? undefined : 0 }}>
      {message ? <Muted>{message}</Muted> : null}
    </div>
  );
}

/** Moves focus to the element when it appears (confirmations, error messages). */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

const cellStyle: CSSProperties = {
  padding: `${token('space.050', '4px')} ${token('space.100', '8px')}`,
  borderBottom: `1px solid ${token('color.border', '#091E4224')}`,
  textAlign: 'left',
  verticalAlign: 'top',
  color: token('color.text', '#172B4D'),
  font: token('font.body.small', '12px/16px sans-serif'),
  // A long value wraps inside its cell instead of widening the table past the panel.
  overflowWrap: 'anywhere',
};

export function Table({ caption, head, children }: { caption: string; head: ReactNode[]; children: ReactNode }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <caption style={{ textAlign: 'left', padding: `${token('space.050', '4px')} 0`, color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') }}>
          {caption}
        </caption>
        <thead>
          <tr>
            {head.map((cell, index) => (
              <th key={index} scope="col" style={{ ...cellStyle, color: token('color.text.subtle', '#44546F'), fontWeight: token('font.weight.semibold', '600') as CSSProperties['fontWeight'] }}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, header = false }: { children: ReactNode; header?: boolean }) {
  return header ? (
    <th scope="row" style={{ ...cellStyle, fontWeight: 'normal' }}>
      {children}
    </th>
  ) : (
    <td style={cellStyle}>{children}</td>
  );
}

/** Monospaced identifiers (codes, NIF, DIR3) are easier to compare by eye. */
export function Code({ children }: { children: ReactNode }) {
  return <span style={{ fontFamily: token('font.family.code', 'monospace') }}>{children}</span>;
}

/**
 * A full page (project page, settings page). Jira does not style an app's frame: the page sets its own
 * type and colours from the design tokens. No heading of its own: Jira heads the page with the module's title.
 */
export function PageMain({ children }: { children: ReactNode }) {
  return <main style={{ padding: '0 0 24px', font: token('font.body', '14px/20px sans-serif'), color: token('color.text', '#172B4D') }}>{children}</main>;
}
