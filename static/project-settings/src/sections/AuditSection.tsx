import type { AuditEntryView, SettingsPage } from '../../../../src/contracts/settings';
import { formatDate, useLang } from '../../../shared/i18n';
import { Muted, Stack } from '../../../shared/layout';
import { Section } from '../fields';
import { useSettingsText } from '../i18n';

type AuditValue = AuditEntryView['changes'][number]['before'];

/** Who changed what and when, in words (labels, names); secrets arrive already masked from the server. */
export function AuditSection({ page }: { page: SettingsPage }) {
  const t = useSettingsText();
  const lang = useLang();
  const show = (value: AuditValue): string => {
    if (value === null || (Array.isArray(value) && value.length === 0)) return t('auditNone');
    if (Array.isArray(value)) return value.join(', ');
    return String(value);
  };
  return (
    <Section id="audit" title={t('sectionAudit')}>
      {page.audit.length === 0 ? (
        <Muted>{t('auditEmpty')}</Muted>
      ) : (
        <ol style={{ margin: 0, paddingLeft: '16px' }} data-audit>
          {page.audit.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <Stack gap="050">
                <span>{t('auditEntry', { when: formatDate(entry.at, lang, true), who: entry.by.displayName, action: entry.actionText })}</span>
                {entry.changes.length > 0 ? (
                  <ul style={{ margin: 0 }}>
                    {entry.changes.map((change) => (
                      <li key={change.path}>
                        <Muted>
                          {t('auditChange', {
                            field: change.label ?? change.path,
                            before: change.beforeText ?? show(change.before),
                            after: change.afterText ?? show(change.after),
                          })}
                        </Muted>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </Stack>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
