import type { ErrorsByField } from '../form-errors';
import { itemIndex } from '../form-errors';
import type { SettingsText } from '../i18n';

/** The error texts of one field; an error about a list item says which item. */
export function messagesFor(errors: ErrorsByField, path: string, t: SettingsText, items?: readonly string[]): string[] {
  return (errors.get(path) ?? []).map((error) => {
    const index = itemIndex(error.path);
    const value = index !== null && items ? items[index] : undefined;
    return value !== undefined ? t('errorAt', { value, message: error.message }) : error.message;
  });
}
