import { CAPTION_LIMITS, type CaptionLine } from '../../../../shared/protocol/captions';

/** One line on the screen: the captioner's line as last received. */
export interface ShownLine {
  key: string;
  text: string;
  final: boolean;
}

/**
 * The last few caption lines, in memory only (never stored: research/domain.md §5.8). Each message
 * carries the whole line being typed, so a line is replaced in place until it is final; the
 * oldest line drops off once more than `CAPTION_LIMITS.shownLines` are shown.
 */
export class CaptionFeed {
  private lines: ShownLine[] = [];
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): readonly ShownLine[] => this.lines;

  receive(line: CaptionLine): void {
    const key = `${line.by}:${line.line}`;
    const i = this.lines.findIndex((l) => l.key === key);
    const shown = { key, text: line.text, final: line.final };
    if (i >= 0) {
      this.lines = this.lines.map((l, j) => (j === i ? shown : l));
    } else {
      // An empty new line (the captioner pressed Enter, nothing typed yet) takes no room.
      if (!line.text) return;
      this.lines = [...this.lines, shown].slice(-CAPTION_LIMITS.shownLines);
    }
    this.emit();
  }

  /** Forgets every line (captions turned off, the meeting ended, the page left the room). */
  clear(): void {
    if (!this.lines.length) return;
    this.lines = [];
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
