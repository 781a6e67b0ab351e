// Issue 17 item 6: text size and contrast persist per person in this browser (the language's key
// scheme), are applied as attributes on <html>, and follow prefers-contrast: more until chosen.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyDisplay,
  readDisplay,
  resolveDisplay,
  saveDisplay,
  type DisplayEnv,
} from '../../../../client/src/lib/display';

function fakeEnv(prefersMore = false) {
  const store = new Map<string, string>();
  const attrs = new Map<string, string>();
  const env: DisplayEnv = {
    storage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
    },
    root: { setAttribute: (n, v) => void attrs.set(n, v) },
    prefersMore: () => prefersMore,
  };
  return { env, store, attrs };
}

describe('display choices', () => {
  it('default: normal text, standard contrast, or high when the system asks for more', () => {
    expect(resolveDisplay(fakeEnv().env, 'person:a')).toEqual({
      textSize: 'normal',
      contrast: 'standard',
    });
    expect(resolveDisplay(fakeEnv(true).env, 'person:a')).toEqual({
      textSize: 'normal',
      contrast: 'high',
    });
  });

  it('a saved choice is this person’s, and the device’s last; another person keeps the defaults', () => {
    const { env } = fakeEnv();
    saveDisplay(env, 'person:a', { textSize: 'larger', contrast: 'high' });
    expect(resolveDisplay(env, 'person:a')).toEqual({ textSize: 'larger', contrast: 'high' });
    expect(resolveDisplay(env, 'device')).toEqual({ textSize: 'larger', contrast: 'high' });
    expect(resolveDisplay(env, 'person:b')).toEqual({ textSize: 'normal', contrast: 'standard' });
  });

  it('an explicit standard contrast wins over the system preference', () => {
    const { env } = fakeEnv(true);
    saveDisplay(env, 'facilitator', { textSize: 'large', contrast: 'standard' });
    expect(resolveDisplay(env, 'facilitator')).toEqual({ textSize: 'large', contrast: 'standard' });
  });

  it('ignores stored values that are not ours, and works when storage is blocked', () => {
    const { env, store } = fakeEnv();
    store.set('cg.display.person:a', '{"textSize":"huge","contrast":"high"}');
    expect(readDisplay(env, 'person:a')).toEqual({ contrast: 'high' });
    store.set('cg.display.person:a', 'not json');
    expect(resolveDisplay(env, 'person:a').textSize).toBe('normal');
    const blocked: DisplayEnv = {
      ...env,
      storage: {
        getItem: () => {
          throw new Error('blocked');
        },
        setItem: () => {
          throw new Error('blocked');
        },
      },
    };
    expect(() =>
      saveDisplay(blocked, 'person:a', { textSize: 'large', contrast: 'high' }),
    ).not.toThrow();
    expect(resolveDisplay(blocked, 'person:a')).toEqual({
      textSize: 'normal',
      contrast: 'standard',
    });
  });

  it('applies as data-text-size and data-contrast on the root element', () => {
    const { env, attrs } = fakeEnv();
    applyDisplay(env, { textSize: 'large', contrast: 'high' });
    expect(Object.fromEntries(attrs)).toEqual({
      'data-text-size': 'large',
      'data-contrast': 'high',
    });
  });
});

describe('in the browser: the person looking', () => {
  const store = new Map<string, string>();
  const attrs = new Map<string, string>();
  let display: typeof import('../../../../client/src/lib/display');

  beforeEach(async () => {
    store.clear();
    attrs.clear();
    vi.resetModules();
    vi.stubGlobal('window', {
      localStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
      },
      matchMedia: () => ({ matches: false }),
    });
    vi.stubGlobal('document', {
      documentElement: { setAttribute: (n: string, v: string) => void attrs.set(n, v) },
    });
    display = await import('../../../../client/src/lib/display');
  });

  it('a choice is saved for the person looking, applied at once, and restored for them later', () => {
    const leave = display.enterPerson('person:a');
    display.chooseDisplay({ textSize: 'larger' });
    display.chooseDisplay({ contrast: 'high' });
    expect(attrs.get('data-text-size')).toBe('larger');
    expect(attrs.get('data-contrast')).toBe('high');
    expect(JSON.parse(store.get('cg.display.person:a') ?? '{}')).toEqual({
      textSize: 'larger',
      contrast: 'high',
    });
    leave();

    display.enterPerson('person:b');
    expect(attrs.get('data-text-size')).toBe('normal');
    expect(attrs.get('data-contrast')).toBe('standard');

    display.enterPerson('person:a');
    expect(display.currentDisplay()).toEqual({ textSize: 'larger', contrast: 'high' });
    expect(attrs.get('data-text-size')).toBe('larger');
  });

  it('before anyone is known (a link loading): the device’s last choice', () => {
    store.set('cg.display.device', JSON.stringify({ textSize: 'large', contrast: 'high' }));
    display.applyDeviceDisplay();
    expect(attrs.get('data-text-size')).toBe('large');
    expect(attrs.get('data-contrast')).toBe('high');
  });
});
