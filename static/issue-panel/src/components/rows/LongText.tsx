import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { usePanelText } from '../../i18n';

/** Longer values are cut here until asked for: one 3,000-character cell must not bury the rest of the row. */
export const LONG_TEXT_LIMIT = 160;

const linkButton = {
  background: 'none',
  border: 'none',
  padding: 0,
  marginLeft: token('space.050', '4px'),
  color: token('color.link', '#0C66E4'),
  cursor: 'pointer',
  font: 'inherit',
  textDecoration: 'underline',
} as const;

/** A value shown whole when short, else its beginning and a button that reveals (and hides) the rest. */
export function LongText({ text, limit = LONG_TEXT_LIMIT }: { text: string; limit?: number }) {
  const t = usePanelText();
  const [open, setOpen] = useState(false);
  if (text.length <= limit) return <>{text}</>;
  return (
    <span style={{ overflowWrap: 'anywhere' }}>
      {open ? text : `${text.slice(0, limit).trimEnd()}…`}
      <button type="button" style={linkButton} aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('showLess') : t('showAll', { count: text.length })}
      </button>
    </span>
  );
}
