import { useEffect, type RefObject } from 'react';

/**
 * A <details> used as a small popover over the page (the bars' "More", "Add a reason", "Add a
 * message", "Display", the floor's "Why?"): not modal, so it closes when the person moves on.
 * Escape closes it and puts the focus back on its summary; Tab to anything outside it, or a press
 * anywhere else on the page, closes it too, so an open panel never covers the controls beneath
 * it. A press on its own words (not a control) keeps it open.
 */
export function useDismissablePopover(ref: RefObject<HTMLDetailsElement | null>): void {
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = () => {
      details.open = false;
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !details.open) return;
      // Only this popover closes, not a confirmation or a screen around it.
      e.preventDefault();
      e.stopPropagation();
      close();
      details.querySelector<HTMLElement>(':scope > summary')?.focus();
    };
    // A focus that goes nowhere (a press on plain text inside, or the window losing focus) has no
    // relatedTarget: that is not leaving; a press elsewhere is caught by pointerdown.
    const onFocusOut = (e: FocusEvent) => {
      const to = e.relatedTarget;
      if (details.open && to instanceof Node && !details.contains(to)) close();
    };
    const onPointerDown = (e: PointerEvent) => {
      if (details.open && e.target instanceof Node && !details.contains(e.target)) close();
    };
    details.addEventListener('keydown', onKeyDown);
    details.addEventListener('focusout', onFocusOut);
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      details.removeEventListener('keydown', onKeyDown);
      details.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [ref]);
}
