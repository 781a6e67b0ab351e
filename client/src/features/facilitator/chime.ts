import { useSyncExternalStore } from 'react';

const KEY = 'common-ground.pause-chime';

/** The stored setting: on only when the facilitator turned it on (off by default). */
export function parseChimeSetting(raw: string | null): boolean {
  return raw === 'on';
}

function readSetting(): boolean {
  try {
    return parseChimeSetting(window.localStorage.getItem(KEY));
  } catch {
    return false;
  }
}

let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  ctx = new Ctor();
  return ctx;
}

/**
 * A soft, short chime (one low-gain sine tone that fades out), for the facilitator only, when
 * someone asks for a pause. Never startling: under a second, gain at most 0.05, no attack click.
 */
export function playChime(): void {
  const a = audio();
  if (!a) return;
  void a.resume().catch(() => undefined);
  const t = a.currentTime;
  const osc = a.createOscillator();
  const gain = a.createGain();
  osc.type = 'sine';
  osc.frequency.setValueAtTime(659.25, t); // E5: warm, not shrill
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.05, t + 0.04);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.8);
  osc.connect(gain).connect(a.destination);
  osc.start(t);
  osc.stop(t + 0.85);
}

const listeners = new Set<() => void>();
let current: boolean | null = null;

function get(): boolean {
  if (current === null) current = readSetting();
  return current;
}

/** Turns the chime on or off, kept in this browser (localStorage) for the next meetings. */
export function setChime(on: boolean): void {
  current = on;
  try {
    window.localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused: the setting holds for this page.
  }
  // Turning it on is a click, which lets the browser play the chime later.
  if (on)
    void audio()
      ?.resume()
      .catch(() => undefined);
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The facilitator's "soft sound for pause requests" setting (off unless they turned it on). */
export function useChime(): boolean {
  return useSyncExternalStore(subscribe, get, () => false);
}
