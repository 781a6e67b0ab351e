import type { MediaIce } from '../../../shared/protocol/events';
import { randomId } from '../auth/crypto';
import type { LiveKitGateway } from './gateway';

/**
 * Practice rooms (PRE-9): before the day, a person tries the real media server alone. LiveKit
 * never sends a participant its own tracks, so the person's page joins twice: once sending
 * (camera and microphone) and once only receiving, and shows what comes back.
 *
 * Nobody else is or can be in it: the server creates the room under an unguessable name that
 * starts with `cgp_` (so the media sweep and the webhook, which only know `cg_` rooms, leave it
 * alone), caps it at the two connections, and mints tokens for it only to the link that opened
 * it; the API takes no room name from the browser.
 */

/** Every practice room's name starts with this (never `cg_`: no meeting's room). */
export const PRACTICE_PREFIX = 'cgp_';
/** The sending and the receiving connection of the one person. */
export const PRACTICE_MAX_PARTICIPANTS = 2;
/** Practice rooms open at once across the server (each is two connections to the SFU). */
export const PRACTICE_MAX_OPEN = 50;
/** A practice room is forgotten (and closed) this long after it was opened. */
export const PRACTICE_MAX_AGE_MS = 30 * 60_000;
/** How soon one link may open a practice room again (a loop of requests is cut here). */
export const PRACTICE_REOPEN_MS = 2_000;
export const PRACTICE_IDENTITY = { send: 'practice-send', receive: 'practice-return' } as const;

export interface PracticeGrant {
  url: string;
  /** Joins the room publishing camera and microphone. */
  sendToken: string;
  /** Joins the room without publishing, to receive what the sending connection sends. */
  receiveToken: string;
  ice: MediaIce;
}

export interface PracticeRooms {
  /**
   * A fresh room for one link (the link's previous practice room is closed first); 'full' when
   * too many are open; 'again' while this link's previous request is still being answered, or
   * was less than PRACTICE_REOPEN_MS ago.
   */
  open(linkId: string, name: string): Promise<PracticeGrant | 'full' | 'again'>;
  /** Closes the link's practice room, if it has one. */
  close(linkId: string): Promise<void>;
  /** The room a link has open now (tests). */
  roomOf(linkId: string): string | undefined;
}

export function createPracticeRooms(lk: LiveKitGateway, now: () => number): PracticeRooms {
  // Which practice room each link has: one at a time, so a reload does not pile rooms up. Lost on
  // restart, which is fine: LiveKit closes an empty room by itself (emptyTimeout).
  const byLink = new Map<string, { room: string; openedAt: number }>();
  // Opening and closing run one at a time: each awaits LiveKit between reading byLink and
  // writing it, so requests at once (one link's, or many links') would each create a room and
  // only the last be remembered, the others left at the SFU beyond PRACTICE_MAX_OPEN.
  // One link holds at most one place in that queue: a flood from one link waits for nothing.
  const opening = new Set<string>();
  /** When each link last asked for a room (only the last PRACTICE_REOPEN_MS are kept). */
  const askedAt = new Map<string, number>();
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const close = async (linkId: string) => {
    const open = byLink.get(linkId);
    if (!open) return;
    byLink.delete(linkId);
    await lk.deleteRoom(open.room);
  };
  // Old entries would otherwise count against PRACTICE_MAX_OPEN for ever.
  const prune = async () => {
    for (const [linkId, open] of byLink) {
      if (open.openedAt + PRACTICE_MAX_AGE_MS <= now()) await close(linkId);
    }
  };

  return {
    async open(linkId, name) {
      const t = now();
      for (const [id, at] of askedAt) if (t - at >= PRACTICE_REOPEN_MS) askedAt.delete(id);
      if (opening.has(linkId) || askedAt.has(linkId)) return 'again';
      askedAt.set(linkId, t);
      opening.add(linkId);
      const room = await serial(async () => {
        await close(linkId);
        await prune();
        if (byLink.size >= PRACTICE_MAX_OPEN) return null;
        const created = `${PRACTICE_PREFIX}${randomId(24)}`;
        await lk.createRoom(created, { maxParticipants: PRACTICE_MAX_PARTICIPANTS });
        byLink.set(linkId, { room: created, openedAt: now() });
        // A connected call outlives its tokens (LiveKit refreshes them): the room is closed at
        // its age even if nobody opens another (after its meeting ended, or its link expired).
        setTimeout(() => {
          void serial(async () => {
            if (byLink.get(linkId)?.room === created) await close(linkId);
          }).catch(() => undefined);
        }, PRACTICE_MAX_AGE_MS).unref();
        return created;
      }).finally(() => opening.delete(linkId));
      if (!room) return 'full';
      const [sendToken, receiveToken] = await Promise.all([
        lk.mintToken({
          room,
          identity: PRACTICE_IDENTITY.send,
          name,
          publish: { audio: true, video: true },
        }),
        lk.mintToken({
          room,
          identity: PRACTICE_IDENTITY.receive,
          name,
          publish: { audio: false, video: false },
        }),
      ]);
      return { url: lk.url ?? '', sendToken, receiveToken, ice: lk.ice };
    },
    close: (linkId) => serial(() => close(linkId)),
    roomOf: (linkId) => byLink.get(linkId)?.room,
  };
}
