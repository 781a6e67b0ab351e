import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldBits {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
}

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown) {
  const ids = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** What a field's control needs to be tied to its label, hint and error. */
interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

/** The shell every field shares: a visible label, an optional hint, the control, an optional error. */
function Field({
  label,
  hint,
  error,
  className,
  control,
}: FieldBits & { className?: string; control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  return (
    <div className={['field', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {control({
        id,
        'aria-describedby': describedBy(`${id}-hint`, `${id}-error`, hint, error),
        'aria-invalid': error ? true : undefined,
      })}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A text input with a visible label, an optional hint and an optional error. */
export function TextField({
  label,
  hint,
  error,
  className,
  ...input
}: FieldBits & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={(a) => <input {...a} {...input} />}
    />
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  className,
  ...input
}: FieldBits & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={(a) => <textarea {...a} {...input} />}
    />
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  hint,
  error,
  options,
  className,
  ...select
}: FieldBits & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[] }) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={(a) => (
        <select {...a} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function CheckboxField({
  label,
  hint,
  className,
  ...input
}: FieldBits & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const id = useId();
  return (
    <div className={['field field--check', className ?? ''].filter(Boolean).join(' ')}>
      <input
        id={id}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
