/**
 * Form fields of the settings page, styled with design tokens. Native inputs (checkbox, radio, select)
 * are used where Atlaskit's packages would add their weight to the bundle for no gain in function; they
 * get the labels, descriptions and error links that make them accessible.
 */
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { useSettingsText } from './i18n';

export interface FieldA11y {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

const labelStyle: CSSProperties = {
  font: token('font.body.small', '12px/16px sans-serif'),
  fontWeight: token('font.weight.semibold', '600') as CSSProperties['fontWeight'],
  color: token('color.text.subtle', '#44546F'),
};
const hintStyle: CSSProperties = { font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), margin: 0 };
const errorStyle: CSSProperties = { font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.danger', '#AE2E24'), margin: 0 };

function describedBy(id: string, hint: ReactNode, errors: readonly string[]): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors.length > 0 ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function DefaultMark({ isDefault }: { isDefault: boolean }) {
  const t = useSettingsText();
  return isDefault ? <Lozenge appearance="default">{t('defaultValue')}</Lozenge> : null;
}

export function FieldErrors({ id, errors }: { id: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <div id={`${id}-error`} data-field-error={id}>
      {errors.map((message, index) => (
        <p key={index} style={errorStyle}>
          {message}
        </p>
      ))}
    </div>
  );
}

/** A labelled field: label, the control (given its a11y attributes), a hint, the errors. */
export function Field({
  id,
  label,
  hint,
  isDefault = false,
  errors = [],
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  isDefault?: boolean;
  errors?: readonly string[];
  children: (a11y: FieldA11y) => ReactNode;
}) {
  const a11y: FieldA11y = { id, 'aria-describedby': describedBy(id, hint, errors), 'aria-invalid': errors.length > 0 || undefined };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.050', '4px') }} data-field={id}>
      <div style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'center' }}>
        <label htmlFor={id} style={labelStyle}>
          {label}
        </label>
        <DefaultMark isDefault={isDefault} />
      </div>
      {children(a11y)}
      {hint ? (
        <p id={`${id}-hint`} style={hintStyle}>
          {hint}
        </p>
      ) : null}
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

export function TextField({
  value,
  onChange,
  a11y,
  placeholder,
  type = 'text',
  monospace = false,
  autoComplete = 'off',
}: {
  value: string;
  onChange: (value: string) => void;
  a11y: FieldA11y;
  placeholder?: string;
  type?: 'text' | 'url' | 'password';
  monospace?: boolean;
  autoComplete?: string;
}) {
  return (
    <Textfield
      {...a11y}
      type={type}
      value={value}
      placeholder={placeholder}
      isInvalid={a11y['aria-invalid'] === true}
      isMonospaced={monospace}
      autoComplete={autoComplete}
      onChange={(event) => onChange((event.target as HTMLInputElement).value)}
    />
  );
}

export function parseList(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * A list edited as text, one item per line (commas also separate). The text is kept as typed while the
 * field has focus, so an empty line being typed is not swallowed; the list goes up on every change.
 */
export function ListField({ value, onChange, a11y, rows = 3 }: { value: readonly string[]; onChange: (value: string[]) => void; a11y: FieldA11y; rows?: number }) {
  const [text, setText] = useState(value.join('\n'));
  useEffect(() => {
    // Another source (discard, import) changed the list: show it, unless it is what the text says already.
    setText((current) => (parseList(current).join('\n') === value.join('\n') ? current : value.join('\n')));
  }, [value]);
  return (
    <TextArea
      {...a11y}
      value={text}
      minimumRows={rows}
      resize="vertical"
      isInvalid={a11y['aria-invalid'] === true}
      onChange={(event) => {
        const next = (event.target as HTMLTextAreaElement).value;
        setText(next);
        onChange(parseList(next));
      }}
    />
  );
}

const nativeControl: CSSProperties = {
  font: token('font.body', '14px/20px sans-serif'),
  color: token('color.text', '#172B4D'),
  background: token('color.background.input', '#FFFFFF'),
  border: `1px solid ${token('color.border.input', '#8590A2')}`,
  borderRadius: token('radius.small', '3px'),
  padding: `${token('space.050', '4px')} ${token('space.100', '8px')}`,
  minHeight: '32px',
};

export function SelectField({
  value,
  options,
  onChange,
  a11y,
}: {
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  a11y: FieldA11y;
}) {
  return (
    <select {...a11y} value={value} onChange={(event) => onChange(event.target.value)} style={{ ...nativeControl, maxWidth: '480px' }}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
}) {
  return (
    <div style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'flex-start' }} data-field={id}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        style={{ width: '16px', height: '16px', marginTop: '2px', accentColor: token('color.background.selected.bold', '#0C66E4') }}
      />
      <div>
        <label htmlFor={id} style={{ color: token('color.text', '#172B4D'), font: token('font.body', '14px/20px sans-serif') }}>
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} style={hintStyle}>
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Radio buttons in a fieldset whose legend is the question. */
export function RadioGroup<V extends string>({
  name,
  legend,
  value,
  options,
  onChange,
  isDefault = false,
  errors = [],
}: {
  name: string;
  legend: string;
  value: V;
  options: readonly { value: V; label: string; hint?: string }[];
  onChange: (value: V) => void;
  isDefault?: boolean;
  errors?: readonly string[];
}) {
  return (
    <fieldset style={{ border: 'none', margin: 0, padding: 0 }} data-field={name} aria-describedby={errors.length > 0 ? `${name}-error` : undefined}>
      <legend style={{ ...labelStyle, display: 'flex', gap: token('space.100', '8px'), alignItems: 'center', padding: 0 }}>
        {legend} <DefaultMark isDefault={isDefault} />
      </legend>
      <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.050', '4px'), marginTop: token('space.050', '4px') }}>
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <div key={option.value} style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'flex-start' }}>
              <input
                id={id}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={option.hint ? `${id}-hint` : undefined}
                style={{ width: '16px', height: '16px', marginTop: '2px', accentColor: token('color.background.selected.bold', '#0C66E4') }}
              />
              <div>
                <label htmlFor={id} style={{ color: token('color.text', '#172B4D'), font: token('font.body', '14px/20px sans-serif') }}>
                  {option.label}
                </label>
                {option.hint ? (
                  <p id={`${id}-hint`} style={hintStyle}>
                    {option.hint}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      <FieldErrors id={name} errors={errors} />
    </fieldset>
  );
}

/** A titled block of the page: each settings area is one, with a heading for screen-reader navigation. */
export function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-section={id}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.150', '12px'),
        padding: token('space.200', '16px'),
        border: `1px solid ${token('color.border', '#091E4224')}`,
        borderRadius: token('radius.small', '4px'),
        background: token('elevation.surface', '#FFFFFF'),
      }}
    >
      <div>
        <h2 id={`${id}-title`} style={{ margin: 0, font: token('font.heading.small', '600 16px/20px sans-serif'), color: token('color.text', '#172B4D') }}>
          {title}
        </h2>
        {description ? <p style={{ ...hintStyle, marginTop: token('space.050', '4px') }}>{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
