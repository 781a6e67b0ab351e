import {
  CAPTION_SEND_SCHEMA,
  hearsMainRoom,
  type CaptionLine,
} from '../../../shared/protocol/captions';
import type { Ack } from '../../../shared/protocol/errors';
import type { Role } from '../../../shared/room/roles';
import type { RoomView } from '../../../shared/room/views';

/**
 * The caption relay (issue 17 item 2). A captioner's line goes to the sockets of the people in the
 * main room and nowhere else: no command, no store, no log line, no metric. The text is held only
 * for the time it takes to pass it on.
 *
 * Who receives is a Socket.IO room per meeting, the caption audience (`captionChannel`): its
 * members are kept in step with each person's view (`followCaptions`, after every view the meeting
 * publishes; and on connection, from the view the new socket starts with). Socket.IO rooms are the
 * adapter's business, so with several app nodes the Redis adapter carries the membership changes
 * (ids only) to whichever node holds a person's sockets; the lines themselves never go through
 * its stream (CaptionFanout).
 */

/** The meeting's caption audience: the sockets of everyone who hears its main room now. */
export const captionChannel = (meetingId: string) => `c:${meetingId}`;

/** What the relay needs of the Socket.IO server (structural: realtime/io.ts wires it). */
interface AudienceIo {
  in(room: string): { socketsJoin(room: string): void; socketsLeave(room: string): void };
}

/** What the relay needs of the sending socket. */
export interface CaptionSocket {
  readonly id: string;
  readonly rooms: Set<string>;
}

/**
 * Hands a line to the meeting's caption audience except the sending socket, on every node. Never
 * through the Socket.IO adapter's broadcast: with several nodes that is the Redis Streams adapter,
 * which appends every broadcast to a stream kept by count, not time, so the text would stay in
 * Redis after the meeting. Another node is reached by a server-side emit (Redis PUB/SUB: passed
 * on, never kept), and each node writes to its own sockets (realtime/io.ts).
 */
export type CaptionFanout = (meetingId: string, line: CaptionLine, exceptSocketId: string) => void;

/**
 * People whose sockets were last put in their meeting's audience, per server: a view that leaves
 * them there joins nothing again (one view per command per person would otherwise mean one
 * adapter message more each, across nodes). A leave is always sent: taking someone out must never
 * rest on a memory that could be stale (their new socket joined, on another node, from a view
 * older than the one that moved them).
 */
const joined = new WeakMap<object, Set<string>>();
const MAX_REMEMBERED = 10_000;

/**
 * Puts a person's sockets in or out of their meeting's caption audience, from the view they were
 * just sent. Called for every view the meeting publishes (realtime/io.ts publishViews).
 */
export function followCaptions(
  io: AudienceIo,
  meetingId: string,
  memberId: string,
  memberChannel: string,
  view: RoomView | null,
): void {
  let seen = joined.get(io);
  if (!seen) joined.set(io, (seen = new Set()));
  const key = `${meetingId}:${memberId}`;
  if (hearsMainRoom(view)) {
    if (seen.has(key)) return;
    // Forgetting only costs a join sent again: the set stays small without any sweep.
    if (seen.size >= MAX_REMEMBERED) seen.clear();
    seen.add(key);
    io.in(memberChannel).socketsJoin(captionChannel(meetingId));
  } else {
    seen.delete(key);
    io.in(memberChannel).socketsLeave(captionChannel(meetingId));
  }
}

/** A token bucket per person (realtime/io.ts MemberBudgets, with CAPTION_LIMITS). */
export interface CaptionBudget {
  take(key: string): boolean;
}

/**
 * One `caption:send` from a socket: validated, refused with a typed error unless it comes from a
 * captioner in the main room within their rate, then passed to everyone else in the audience. The
 * answer says only whether it went; the text is in no answer, error or log. `strike` counts a
 * malformed or forbidden message against the socket, as for room commands.
 */
export function relayCaption(
  o: {
    socket: CaptionSocket;
    fanout: CaptionFanout;
    meetingId: string;
    memberId: string;
    role: Role | undefined;
    budget: CaptionBudget;
    strike: () => void;
  },
  payload: unknown,
  ack: (res: Ack<null>) => void,
): void {
  const parsed = CAPTION_SEND_SCHEMA.safeParse(payload);
  if (!parsed.success) {
    o.strike();
    // Where it was wrong (zod's messages never repeat the value), never what it said.
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => ({ path: i.path.join('.'), message: i.message }));
    return ack({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'That request was not valid.', issues },
    });
  }
  if (o.role !== 'captioner') {
    o.strike();
    return ack({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only the captioner sends captions.' },
    });
  }
  const channel = captionChannel(o.meetingId);
  if (!o.socket.rooms.has(channel)) {
    return ack({
      ok: false,
      error: { code: 'INVALID_STATE', message: 'Captions reach the main room only.' },
    });
  }
  if (!o.budget.take(`${o.meetingId}:${o.memberId}`)) {
    return ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'Please slow down.' } });
  }
  o.fanout(o.meetingId, { ...parsed.data, by: o.memberId }, o.socket.id);
  ack({ ok: true, data: null });
}
