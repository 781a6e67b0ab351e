import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/protocol/errors';
import { toAppError } from './api';

/**
 * A form's submit, as every form here does it: the page never reloads, the form is busy while the
 * request runs, and a refusal is kept to show (typed, in the person's language) until the next try.
 */
export function useSubmit(action: () => Promise<void>): {
  submit: (e?: FormEvent) => Promise<void>;
  busy: boolean;
  error: AppError | null;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error };
}
