import { z } from 'zod';
import type { RoomView } from '../room/views';

/**
 * Live captions typed by a human captioner (CART, issue 17 item 2; research/domain.md A11Y-1).
 *
 * A caption line is relayed, never kept: it is not a room command, so it never reaches the command
 * log, the store, the logger, the metrics or the summary (research/domain.md §5.8: "Transcripts/
 * captions text: never stored"). The server passes each line on to the people in the main room
 * (the captioner's own audio space) and forgets it; the pages show the last few lines and drop them
 * when the meeting ends.
 */

export const CAPTION_LIMITS = {
  /** The longest line: the captioner starts a new one with Enter long before this. */
  chars: 400,
  /** Lines a captioner may send in a burst, then per second (typing sends ~8 a second). */
  burst: 20,
  perSecond: 12,
  /** How often the captioner's page sends the line being typed (the last keystroke always goes). */
  throttleMs: 120,
  /** Lines each page shows under the stage. */
  shownLines: 3,
} as const;

/**
 * Any control character (a line is one line: Enter ends it, and nothing invisible rides along),
 * and the bidirectional embeddings, overrides and isolates, which reorder how the rest of a
 * line is shown (a caption must read as it was typed).
 */
const CONTROL_CLASS =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]';
const CONTROL = new RegExp(CONTROL_CLASS);
const CONTROLS = new RegExp(`${CONTROL_CLASS}+`, 'g');

/**
 * What the captioner's typing surface sends of what is in it: line breaks and other control
 * characters (a paste may bring them) become one space, so a line is never refused for them.
 */
export function captionText(raw: string): string {
  return raw.replace(CONTROLS, ' ');
}

/**
 * What the captioner's page sends (`caption:send`): the line being typed, whole each time (so a
 * lost message is repaired by the next), numbered per page so receivers replace it in place;
 * `final` once Enter ends it.
 *
 * @example
 * socket.emit('caption:send', { line: 3, text: 'We are starting now', final: false }, ack);
 */
export const CAPTION_SEND_SCHEMA = z
  .object({
    line: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    text: z
      .string()
      .max(CAPTION_LIMITS.chars)
      .refine((t) => !CONTROL.test(t), 'A caption line holds no control characters.'),
    final: z.boolean(),
  })
  .strict();
export type CaptionSend = z.infer<typeof CAPTION_SEND_SCHEMA>;

/** What the people in the main room receive (`caption:line`): the line, and whose it is. */
export interface CaptionLine extends CaptionSend {
  /** The captioner's member id (two captioners can take turns; each has their own lines). */
  by: string;
}

/**
 * Whether this view's person hears the main room now, and so receives its captions: admitted,
 * not in a private side room, in a meeting that has not ended. Someone waiting in the lobby or in
 * a side room is not in the main room's audio space, so its captions would tell them what they
 * cannot hear.
 */
export function hearsMainRoom(view: RoomView | null): boolean {
  return (
    !!view && view.status !== 'ended' && view.me.status === 'admitted' && view.me.sideRoom === null
  );
}

/** Whether this view's person may send captions now: a captioner who hears the main room. */
export function maySendCaptions(view: RoomView | null): boolean {
  return hearsMainRoom(view) && view!.me.role === 'captioner';
}

/** Whether a captioner is admitted to the meeting now (the facilitators' indicator). */
export function captionerPresent(view: RoomView): boolean {
  return view.members.some((m) => m.role === 'captioner' && m.connected && !m.away);
}
