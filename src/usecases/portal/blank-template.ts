import type { PortalResponse } from '../../contracts/portal';
import { SERVICE_SLUG, type Service } from '../../domain/services';
import type { PortalCaller, PortalDeps } from './deps';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The blank template of a service in the caller's language: the same file `setdiba template` writes. */
export async function downloadBlankTemplate(
  deps: Pick<PortalDeps, 'blankTemplate'>,
  caller: PortalCaller,
  service: Service,
): Promise<PortalResponse<'downloadBlankTemplate'>> {
  const bytes = await deps.blankTemplate(service, caller.lang);
  return {
    fileName: `plantilla-setdiba-${SERVICE_SLUG[service]}.xlsx`,
    mimeType: XLSX_MIME,
    contentBase64: Buffer.from(bytes).toString('base64'),
  };
}
