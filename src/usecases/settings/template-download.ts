import type { Service } from '../../domain/services';
import type { Caller, SettingsDeps } from './deps';

export class TemplateUnavailableError extends Error {
  constructor() {
    super('No blank template generator is wired in');
    this.name = 'TemplateUnavailableError';
  }
}

/** A blank template of one service, from the same generator as `setdiba template`. */
export async function downloadTemplate(
  deps: SettingsDeps,
  caller: Caller,
  service: Service,
): Promise<{ fileName: string; mimeType: string; contentBase64: string }> {
  if (!deps.blankTemplate) throw new TemplateUnavailableError();
  const template = await deps.blankTemplate(service, caller.lang);
  return { fileName: template.fileName, mimeType: template.mimeType, contentBase64: Buffer.from(template.content).toString('base64') };
}
