// Issue 17 item 2 in the browser, without one: the caption lines shown (replaced in place while
// typed, the last few only, forgotten on clear), the captioner's line sent at most every
// throttleMs with the last keystroke always going, and each person's choice kept per person.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAPTION_LIMITS, type CaptionSend } from '../../../../../shared/protocol/captions';
import { CaptionFeed } from '../../../../../client/src/features/captions/CaptionFeed';
import {
  CaptionTyping,
  type TypingTimers,
} from '../../../../../client/src/features/captions/CaptionTyping';
import {
  captionsByDefault,
  chooseCaptions,
  current,
  DEFAULT_PREFS,
  readPrefs,
  savePrefs,
} from '../../../../../client/src/features/captions/captionPrefs';

describe('CaptionFeed', () => {
  it('replaces a line in place while it is typed, and keeps only the last few', () => {
    const feed = new CaptionFeed();
    let changes = 0;
    feed.subscribe(() => void changes++);
    feed.receive({ by: 'k', line: 1, text: 'Hel', final: false });
    feed.receive({ by: 'k', line: 1, text: 'Hello all', final: true });
    expect(feed.getSnapshot().map((l) => l.text)).toEqual(['Hello all']);
    for (let n = 2; n <= 5; n++) feed.receive({ by: 'k', line: n, text: `line ${n}`, final: true });
    expect(feed.getSnapshot().map((l) => l.text)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(feed.getSnapshot()).toHaveLength(CAPTION_LIMITS.shownLines);
    expect(changes).toBe(6);
  });

  it('keeps two captioners’ lines apart, ignores an empty new line, forgets all on clear', () => {
    const feed = new CaptionFeed();
    feed.receive({ by: 'a', line: 1, text: 'from a', final: false });
    feed.receive({ by: 'b', line: 1, text: 'from b', final: false });
    feed.receive({ by: 'a', line: 2, text: '', final: false });
    expect(feed.getSnapshot().map((l) => l.text)).toEqual(['from a', 'from b']);
    feed.clear();
    expect(feed.getSnapshot()).toEqual([]);
  });
});

/** A clock the test moves by hand, running due timers in order. */
function fakeTimers() {
  let now = 0;
  let id = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: TypingTimers = {
    now: () => now,
    set: (fn, ms) => (pending.set(++id, { at: now + ms, fn }), id),
    clear: (h) => void pending.delete(h as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...pending.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = end;
  };
  return { timers, advance };
}

describe('CaptionTyping', () => {
  function typing() {
    const sent: (CaptionSend & { at: number })[] = [];
    const t = fakeTimers();
    const c = new CaptionTyping(
      (line) => {
        sent.push({ ...line, at: t.timers.now() });
        return Promise.resolve({ ok: true, data: null });
      },
      t.timers,
      100,
    );
    return { c, sent, advance: t.advance };
  }

  it('sends the first keystroke at once, then at most every throttleMs, the last one always', () => {
    const { c, sent, advance } = typing();
    const word = 'Welcome';
    for (let i = 1; i <= word.length; i++) {
      c.type(word.slice(0, i));
      advance(30);
    }
    advance(CAPTION_LIMITS.throttleMs);
    expect(sent[0]).toEqual({ line: 100, text: 'W', final: false, at: 0 });
    expect(sent.at(-1)).toMatchObject({ line: 100, text: 'Welcome', final: false });
    for (let i = 1; i < sent.length; i++) {
      expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(CAPTION_LIMITS.throttleMs);
    }
    expect(sent.length).toBeLessThan(word.length);
  });

  it('sends a line final on Enter and numbers the next one; an empty Enter sends nothing', () => {
    const { c, sent, advance } = typing();
    c.type('Good morning');
    c.finishLine();
    expect(sent.map((s) => [s.line, s.text, s.final])).toEqual([
      [100, 'Good morning', false],
      [100, 'Good morning', true],
    ]);
    c.finishLine();
    expect(sent).toHaveLength(2);
    advance(1_000);
    c.type('N');
    expect(sent.at(-1)).toMatchObject({ line: 102, text: 'N', final: false });
  });

  it('sends nothing after stop (the page left)', () => {
    const { c, sent, advance } = typing();
    c.type('a');
    c.type('ab');
    c.stop();
    advance(1_000);
    expect(sent.map((s) => s.text)).toEqual(['a']);
  });
});

describe('caption choices per person', () => {
  function storage() {
    const map = new Map<string, string>();
    return {
      map,
      s: {
        getItem: (k: string) => map.get(k) ?? null,
        setItem: (k: string, v: string) => void map.set(k, v),
      },
    };
  }

  it('off and normal by default; each person’s choice is their own', () => {
    const { s } = storage();
    expect(readPrefs(s, 'pat')).toEqual(DEFAULT_PREFS);
    expect(DEFAULT_PREFS).toEqual({ on: false, size: 'normal' });
    savePrefs(s, 'pat', { on: true, size: 'xlarge' });
    expect(readPrefs(s, 'pat')).toEqual({ on: true, size: 'xlarge' });
    expect(readPrefs(s, 'sup')).toEqual(DEFAULT_PREFS);
  });

  it('a foreign or broken value changes nothing; blocked storage falls back quietly', () => {
    const { s, map } = storage();
    map.set('cg.captions.pat', '{"on":"yes","size":"huge"}');
    expect(readPrefs(s, 'pat')).toEqual(DEFAULT_PREFS);
    map.set('cg.captions.pat', 'not json');
    expect(readPrefs(s, 'pat')).toEqual(DEFAULT_PREFS);
    const blocked = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    expect(readPrefs(blocked, 'pat')).toEqual(DEFAULT_PREFS);
    expect(() => savePrefs(blocked, 'pat', { on: true, size: 'large' })).not.toThrow();
    expect(readPrefs(null, 'pat')).toEqual(DEFAULT_PREFS);
  });

  it('keeps only the choice, never a caption', () => {
    const { s, map } = storage();
    savePrefs(s, 'pat', { on: true, size: 'large' });
    expect([...map.values()]).toEqual(['{"on":true,"size":"large"}']);
  });
});

describe('captions on by default when the side asked for them in preparation', () => {
  afterEach(() => vi.unstubAllGlobals());
  const browser = () => {
    const map = new Map<string, string>();
    vi.stubGlobal('window', {
      localStorage: {
        getItem: (k: string) => map.get(k) ?? null,
        setItem: (k: string, v: string) => void map.set(k, v),
      },
    });
    return map;
  };

  it('turns them on for a person who has not chosen, without saving it as their choice', () => {
    const map = browser();
    expect(current('asked-1').on).toBe(false);
    captionsByDefault('asked-1');
    expect(current('asked-1')).toEqual({ on: true, size: 'normal' });
    expect(map.size).toBe(0);
  });

  it('leaves a person’s own choice alone, in this page or saved from an earlier visit', () => {
    const map = browser();
    chooseCaptions('asked-2', { on: false, size: 'large' });
    captionsByDefault('asked-2');
    expect(current('asked-2')).toEqual({ on: false, size: 'large' });
    map.set('cg.captions.asked-3', '{"on":false,"size":"xlarge"}');
    captionsByDefault('asked-3');
    expect(current('asked-3')).toEqual({ on: false, size: 'xlarge' });
  });
});
