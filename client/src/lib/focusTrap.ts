import { createFocusTrap } from 'focus-trap';
import { useEffect, type RefObject } from 'react';

/**
 * Marks a part of the page that stays in reach while a screen holds the focus (the pause screen):
 * the ways out (Leave), the person's own settings (language, display), the call's notices and the
 * live region. Everything else is made inert until the screen goes.
 */
export const IN_REACH = { 'data-in-reach': '' } as const;

// The control focused last, so the focus can go back to it (or to its new self) after a screen
// that replaced it: a pause removes "I need a pause" in the same render that shows the pause
// screen, so by the time the screen mounts the focus is already on <body>.
let lastFocused: Element | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof Element) lastFocused = e.target;
  });
}

const nameOf = (el: Element) =>
  (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();

function usable(el: Element): el is HTMLElement {
  return (
    el instanceof HTMLElement &&
    el.isConnected &&
    !el.closest('[inert]') &&
    !(el as HTMLButtonElement).disabled &&
    el.getClientRects().length > 0
  );
}

/**
 * Where focus goes back to: the control itself if it is still there and usable, else the control
 * of the same kind and words that took its place (a button the view drew again), else null.
 */
export function returnTarget(previous: Element | null): HTMLElement | null {
  if (!previous || previous === document.body) return null;
  if (usable(previous)) return previous;
  const name = nameOf(previous);
  if (!name) return null;
  for (const el of document.querySelectorAll(previous.tagName)) {
    if (el !== previous && usable(el) && nameOf(el) === name) return el;
  }
  return null;
}

/** The document order of some elements (focus-trap tabs through its containers in array order). */
function inDocumentOrder(els: HTMLElement[]): HTMLElement[] {
  return [...els].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
}

/**
 * While mounted, keeps Tab and Shift+Tab inside `ref` and the parts marked IN_REACH (a modal
 * screen that still leaves the ways out open), makes the rest of the page inert (for the mouse and
 * for screen readers too), and on unmount returns the focus to where it was before, or to the
 * control that replaced it, or to `fallback()`. Escape does not close it: the screen goes when
 * what it shows is over (a pause, by the facilitator's resume). Built on focus-trap.
 */
export function useFocusTrap(
  ref: RefObject<HTMLElement | null>,
  {
    active = true,
    initialFocus,
    fallback,
  }: {
    /** Off while the screen is not shown (the trap starts when it turns on). */
    active?: boolean;
    initialFocus: () => HTMLElement | null;
    fallback: () => HTMLElement | null;
  },
): void {
  useEffect(() => {
    const screen = ref.current;
    if (!active || !screen) return;
    const focused = document.activeElement;
    const before = focused && focused !== document.body ? focused : lastFocused;
    const inReach = [...document.querySelectorAll<HTMLElement>('[data-in-reach]')].filter(
      (el) => !el.contains(screen) && !screen.contains(el),
    );
    const trap = createFocusTrap(inDocumentOrder([screen, ...inReach]), {
      initialFocus: () => initialFocus() ?? screen,
      fallbackFocus: screen,
      escapeDeactivates: false,
      isolateSubtrees: 'inert',
      setReturnFocus: () => returnTarget(before) ?? fallback() ?? false,
    });
    trap.activate();
    return () => {
      trap.deactivate();
    };
    // The trap lives as long as the screen; the callbacks are read once, when it opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref, active]);
}
