import { useSyncExternalStore } from 'react';

/**
 * Each person's captions: on or off, and how large (issue 17 item 2, PAR-7). Kept in this browser
 * per person, like the text size (lib/display.ts): a shared family computer may serve a deaf
 * patient and their support person. Only the choice is kept, never a caption.
 */
export const CAPTION_SIZES = ['normal', 'large', 'xlarge'] as const;
export type CaptionSize = (typeof CAPTION_SIZES)[number];

export interface CaptionPrefs {
  on: boolean;
  size: CaptionSize;
}

export const DEFAULT_PREFS: CaptionPrefs = { on: false, size: 'normal' };

/** What the functions below need of the browser: injectable so the unit test runs in node. */
export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'> | null;

const PREFIX = 'cg.captions.';

function isSize(v: unknown): v is CaptionSize {
  return (CAPTION_SIZES as readonly unknown[]).includes(v);
}

/** This person's choice, or the default; a hand-edited or foreign value changes nothing. */
export function readPrefs(storage: PrefsStorage, personKey: string): CaptionPrefs {
  try {
    const raw = storage?.getItem(PREFIX + personKey) ?? null;
    if (raw === null) return DEFAULT_PREFS;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return DEFAULT_PREFS;
    const { on, size } = parsed as Record<string, unknown>;
    return {
      on: typeof on === 'boolean' ? on : DEFAULT_PREFS.on,
      size: isSize(size) ? size : DEFAULT_PREFS.size,
    };
  } catch {
    // Storage can be blocked (private mode, policies) or hold something else: the default.
    return DEFAULT_PREFS;
  }
}

export function savePrefs(storage: PrefsStorage, personKey: string, prefs: CaptionPrefs): void {
  try {
    storage?.setItem(PREFIX + personKey, JSON.stringify(prefs));
  } catch {
    // see readPrefs(): the choice then lasts as long as the page
  }
}

// ------------------------------------------------------------------ the browser's single instance

function browserStorage(): PrefsStorage {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const shown = new Map<string, CaptionPrefs>();
const listeners = new Set<() => void>();

/** This person's captions as shown now: their choice, else the default. */
export function current(personKey: string): CaptionPrefs {
  let prefs = shown.get(personKey);
  if (!prefs) shown.set(personKey, (prefs = readPrefs(browserStorage(), personKey)));
  return prefs;
}

/**
 * Captions on for this person unless they already chose (their side asked for captions in
 * preparation): a default, not a choice, so it is not saved and their own choice wins.
 */
export function captionsByDefault(personKey: string): void {
  try {
    if (browserStorage()?.getItem(PREFIX + personKey) != null) return;
  } catch {
    // unreadable storage: as if nothing was chosen
  }
  if (current(personKey).on) return;
  shown.set(personKey, { ...current(personKey), on: true });
  listeners.forEach((l) => l());
}

/** Changes this person's captions choice, remembered in this browser. */
export function chooseCaptions(personKey: string, change: Partial<CaptionPrefs>): void {
  const next = { ...current(personKey), ...change };
  shown.set(personKey, next);
  savePrefs(browserStorage(), personKey, next);
  listeners.forEach((l) => l());
}

/** This person's captions choice, re-rendered when it changes (the toggle and the stage agree). */
export function useCaptionPrefs(personKey: string): CaptionPrefs {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current(personKey),
  );
}
