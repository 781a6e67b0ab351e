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

/** What the shell takes (label, hint, error, class); everything else goes to the control. */
type Shell = FieldBits & { className?: string };

function splitShell<P extends Shell>({ label, hint, error, className, ...control }: P) {
  return [{ label, hint, error, className }, control] as const;
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
}: Shell & { control: (props: ControlProps) => ReactNode }) {
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
export function TextField(props: Shell & InputHTMLAttributes<HTMLInputElement>) {
  const [shell, input] = splitShell(props);
  return <Field {...shell} control={(a) => <input {...a} {...input} />} />;
}

export function TextAreaField(props: Shell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const [shell, input] = splitShell(props);
  return <Field {...shell} control={(a) => <textarea {...a} {...input} />} />;
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  props: Shell & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[] },
) {
  const [shell, { options, ...select }] = splitShell(props);
  return (
    <Field
      {...shell}
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
