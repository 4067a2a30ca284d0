/**
 * Short public notices: the split notice on the original ticket, the MUX notice on the MUX ticket,
 * and the notices about attachments that are missing or cannot be read.
 */
import { SERVICES, type Service } from '../services';
import type { SourcedEntity, UnreadableFile } from '../plan/types';
import { bulletList, doc, paragraph, type AdfDoc } from './adf';
import { NONE } from './row-label';
import type { ReportContext, Translate } from './types';

export interface SplitTicket {
  service: Service;
  key: string;
}

/** Lists the new tickets; says which service this one keeps (or that it is an umbrella). */
export function splitNotice(
  created: readonly SplitTicket[],
  keptService: Service | null,
  t: Translate,
): AdfDoc | null {
  if (created.length === 0) return null;
  const ordered = [...created].sort((a, b) => SERVICES.indexOf(a.service) - SERVICES.indexOf(b.service));
  return doc(
    paragraph(t('split.intro')),
    bulletList(ordered.map((c) => [t('split.item', { service: c.service, key: c.key })])),
    paragraph(keptService ? t('split.keeps', { service: keptService }) : t('split.umbrella')),
  );
}

/** The production dates the MUX template gives, and the ens SetDIBA still has to give one for. */
export function muxNotice(rows: readonly SourcedEntity[], t: Translate): AdfDoc | null {
  if (rows.length === 0) return null;
  const dated = rows.filter((r) => r.productionDate);
  const undated = rows.filter((r) => !r.productionDate);
  const item = (key: string, r: SourcedEntity) => [
    t(key, { name: r.name ?? NONE, codiEns: r.codiEns ?? r.ine ?? NONE, date: r.productionDate }),
  ];
  return doc(
    paragraph(t('mux.intro')),
    dated.length > 0 ? paragraph(t('mux.dates')) : null,
    bulletList(dated.map((r) => item('mux.dateItem', r))),
    undated.length > 0 ? paragraph(t('mux.missing')) : null,
    bulletList(undated.map((r) => item('mux.missingItem', r))),
  );
}

const KNOWN_FILE_CODES = new Set([
  'file.unreadable',
  'file.encrypted',
  'file.too_large',
  'sheet.no_header',
  'file.parse_died',
  'file.no_rows',
]);

/** One paragraph per unreadable file, naming it and saying why. */
export function unreadableNotice(files: readonly UnreadableFile[], { t }: Pick<ReportContext, 't'>): AdfDoc | null {
  if (files.length === 0) return null;
  return doc(
    ...files.map((f) =>
      paragraph(
        t('unreadable.intro', {
          file: f.fileName,
          reason: KNOWN_FILE_CODES.has(f.code)
            ? t(`unreadable.${f.code}`)
            : t('unreadable.other', { message: f.message }),
        }),
      ),
    ),
    // The closing sentence points back to the files: "Adjunteu-lo" for one, "Adjunteu-los" for several.
    paragraph(t('unreadable.outro', { count: files.length })),
  );
}

export function noTemplateNotice(t: Translate): AdfDoc {
  return doc(paragraph(t('noTemplate')));
}

export function noRowsNotice(t: Translate): AdfDoc {
  return doc(paragraph(t('noRows')));
}

/** After the last retry of a system error, or on a user error the pipeline could not report itself. */
export function failureNotice(kind: 'final' | 'user', error: string, t: Translate): AdfDoc {
  return doc(paragraph(t(kind === 'final' ? 'failure.final' : 'failure.user', { error })));
}

/** Internal note listing why a person is needed (review reasons), or null when none is. */
export function reviewNotice(reasons: readonly string[], t: Translate): AdfDoc | null {
  if (reasons.length === 0) return null;
  return doc(paragraph(`${t('review.title')} ${reasons.map((r) => t(`review.${r}`)).join('; ')}.`));
}
