/** A meeting time in the reader's language: weekday, date and time, e.g. "Thu 14 Mar 2030, 09:00". */
export function formatWhen(at: number, locale?: string): string {
  return new Date(at).toLocaleString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A datetime-local input's value (local time) as epoch ms, or null when empty or invalid. */
export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}
