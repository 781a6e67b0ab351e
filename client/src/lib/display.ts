import { useEffect, useSyncExternalStore } from 'react';

/**
 * Each person's text size and contrast (issue 17 item 6), kept in this browser per person with the
 * language's key scheme (`person:<id>`, `facilitator`, else the device's last choice): a shared
 * family computer may serve a patient with low vision and their support person. Applied as
 * attributes on <html> so styles.css does the rest (root font-size, stronger colours).
 */
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const CONTRASTS = ['standard', 'high'] as const;
export type Contrast = (typeof CONTRASTS)[number];

export interface Display {
  textSize: TextSize;
  contrast: Contrast;
}

/** What the functions below need from the browser: injectable so the unit test runs in node. */
export interface DisplayEnv {
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  root: { setAttribute(name: string, value: string): void };
  /** The system asks for more contrast (`prefers-contrast: more`). */
  prefersMore: () => boolean;
}

const PREFIX = 'cg.display.';
export const DEVICE = 'device';

function isTextSize(v: unknown): v is TextSize {
  return (TEXT_SIZES as readonly unknown[]).includes(v);
}
function isContrast(v: unknown): v is Contrast {
  return (CONTRASTS as readonly unknown[]).includes(v);
}

/** A stored choice, or null when absent or not ours (a hand-edited or older value changes nothing). */
export function readDisplay(env: DisplayEnv, key: string): Partial<Display> | null {
  let raw: string | null;
  try {
    raw = env.storage?.getItem(PREFIX + key) ?? null;
  } catch {
    return null; // storage can be blocked (private mode, policies): the choice lasts the page
  }
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { textSize, contrast } = parsed as Record<string, unknown>;
    const out: Partial<Display> = {};
    if (isTextSize(textSize)) out.textSize = textSize;
    if (isContrast(contrast)) out.contrast = contrast;
    return out;
  } catch {
    return null;
  }
}

/**
 * This person's choice, else normal text and the system's contrast. Another person's choice on the
 * same device is not theirs (as with the language); `device` is the last choice, for pages that do
 * not yet know who is looking.
 */
export function resolveDisplay(env: DisplayEnv, key: string): Display {
  const own = readDisplay(env, key) ?? {};
  return {
    textSize: own.textSize ?? 'normal',
    contrast: own.contrast ?? (env.prefersMore() ? 'high' : 'standard'),
  };
}

export function saveDisplay(env: DisplayEnv, key: string, display: Display): void {
  const raw = JSON.stringify(display);
  try {
    env.storage?.setItem(PREFIX + key, raw);
    env.storage?.setItem(PREFIX + DEVICE, raw);
  } catch {
    // see readDisplay()
  }
}

export function applyDisplay(env: DisplayEnv, display: Display): void {
  env.root.setAttribute('data-text-size', display.textSize);
  env.root.setAttribute('data-contrast', display.contrast);
}

// ------------------------------------------------------------------ the browser's single instance

function browserEnv(): DisplayEnv {
  let storage: DisplayEnv['storage'] = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return {
    storage,
    root: document.documentElement,
    prefersMore: () => window.matchMedia?.('(prefers-contrast: more)').matches ?? false,
  };
}

let current = DEVICE;
let shown: Display | null = null;
const listeners = new Set<() => void>();

function show(display: Display): void {
  shown = display;
  applyDisplay(browserEnv(), display);
  listeners.forEach((l) => l());
}

/** Before the first render, so a large-text page never starts small for a moment. */
export function applyDeviceDisplay(): void {
  show(resolveDisplay(browserEnv(), DEVICE));
}

/** The Display control: this person's choice, remembered in this browser. */
export function chooseDisplay(change: Partial<Display>): void {
  const next = { ...currentDisplay(), ...change };
  saveDisplay(browserEnv(), current, next);
  show(next);
}

export function currentDisplay(): Display {
  return shown ?? resolveDisplay(browserEnv(), current);
}

export function useDisplay(): Display {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, currentDisplay);
}

/** Who is looking now: their choices are shown and saved under their key. Returns the undo. */
export function enterPerson(personKey: string): () => void {
  current = personKey;
  show(resolveDisplay(browserEnv(), personKey));
  return () => {
    if (current === personKey) current = DEVICE;
  };
}

/** Declares who is looking (the same key as their language) and shows their text size and contrast. */
export function usePersonDisplay(personKey: string | null): void {
  useEffect(() => (personKey === null ? undefined : enterPerson(personKey)), [personKey]);
}
