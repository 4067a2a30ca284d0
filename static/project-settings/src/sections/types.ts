/**
 * What SettingsForm.tsx hands its sections. Its own module so that sections do not import the form that
 * imports them (an import cycle).
 */
import type { EditableSettings, SettingsFunction, SettingsPage, SettingsPayload, SettingsResponse } from '../../../../src/contracts/settings';
import type { ErrorsByField } from '../form-errors';

/** Calls a resolver; on refusal the whole page turns into the refusal, on failure the message is returned. */
export type Act = <F extends SettingsFunction>(fn: F, payload: SettingsPayload<F>) => Promise<{ data: SettingsResponse<F> } | { error: string }>;

export interface SectionProps {
  draft: EditableSettings;
  update: (change: (draft: EditableSettings) => EditableSettings) => void;
  errors: ErrorsByField;
  /** Paths whose saved value is the default and which the draft has not changed. */
  isDefault: (path: string) => boolean;
  page: SettingsPage;
}
