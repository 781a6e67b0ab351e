import { useSyncExternalStore } from 'react';
import { IN_REACH } from '../lib/focusTrap';

/** One polite live region for the whole app: floor changes, resumes, sent messages. */
let message = '';
let timer: number | undefined;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

/** Says `text` to screen readers (politely, after what they are reading now). */
export function announce(text: string): void {
  window.clearTimeout(timer);
  // Clearing first makes a repeated message be read again.
  message = '';
  emit();
  timer = window.setTimeout(() => {
    message = text;
    emit();
  }, 100);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function LiveAnnouncer() {
  const text = useSyncExternalStore(
    subscribe,
    () => message,
    () => '',
  );
  return (
    // IN_REACH: never made inert by a screen that holds the focus, so it is still heard.
    <div
      className="visually-hidden"
      role="status"
      aria-live="polite"
      data-testid="announcer"
      {...IN_REACH}
    >
      {text}
    </div>
  );
}
