import { useSyncExternalStore } from 'react';

/**
 * The window width under which the room is laid out for a phone: one column, the stage on top
 * (the same query as the `@media (max-width: 50rem)` blocks of styles.css; in a media query a rem
 * is the browser's 16 px, whatever the page's text size).
 */
export const NARROW_ROOM = '(max-width: 50rem)';

const query = () => window.matchMedia?.(NARROW_ROOM);

function subscribe(onChange: () => void): () => void {
  const list = query();
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

/**
 * True while the room has a phone's layout. Only for what CSS cannot move: a control that
 * changes place (Audio only into "More", the language into "Display") is drawn once, where it
 * belongs at this width, never twice with one copy hidden.
 */
export function useNarrowRoom(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => query()?.matches ?? false,
    () => false,
  );
}
