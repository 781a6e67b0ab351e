import { CAPTION_LIMITS, type CaptionSend } from '../../../../shared/protocol/captions';
import type { Ack } from '../../../../shared/protocol/errors';

/** What the typing surface needs of the connection (lib/roomConnection.ts). */
export type SendCaption = (line: CaptionSend) => Promise<Ack<null>>;

/** Timers, injectable so the unit test steps through time itself. */
export interface TypingTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: TypingTimers = {
  now: () => performance.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * The captioner's line on its way out: the whole line being typed is sent at most every
 * `throttleMs` while it changes (the last keystroke always goes, after at most that long), and
 * once more, final, when Enter ends it. Lines are numbered from the page's start time so a reload
 * never reuses a number the others still show. Holds nothing but the current line.
 */
export class CaptionTyping {
  private line: number;
  private text = '';
  private sentText: string | null = null;
  private lastSentAt = -Infinity;
  private timer: unknown = null;
  private onResult: (res: Ack<null>) => void = () => undefined;

  constructor(
    private readonly send: SendCaption,
    private readonly timers: TypingTimers = REAL_TIMERS,
    startLine = Date.now(),
  ) {
    this.line = startLine;
  }

  /** Told of each answer (the desk shows a refusal). */
  onAnswer(fn: (res: Ack<null>) => void): void {
    this.onResult = fn;
  }

  /** The line now reads `text` (after each keystroke). */
  type(text: string): void {
    this.text = text.slice(0, CAPTION_LIMITS.chars);
    if (this.timer !== null) return;
    const wait = this.lastSentAt + CAPTION_LIMITS.throttleMs - this.timers.now();
    if (wait <= 0) this.flush(false);
    else this.timer = this.timers.set(() => this.flush(false), wait);
  }

  /** Enter: the line is done and goes out as final; the next keystroke starts a new one. */
  finishLine(): void {
    if (this.text) this.flush(true);
    this.line += 1;
    this.text = '';
    this.sentText = null;
  }

  /** The page is leaving: nothing more is sent. */
  stop(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private flush(final: boolean): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    if (!final && this.text === this.sentText) return;
    this.sentText = this.text;
    this.lastSentAt = this.timers.now();
    void this.send({ line: this.line, text: this.text, final }).then(this.onResult);
  }
}
