import { mediaAccess, membersOf } from '../../../shared/room/policies';
import type { Member, RoomState } from '../../../shared/room/state';
import {
  isMeetingRoom,
  livekitRoomName,
  permissionFor,
  type LiveKitGateway,
  type MediaParticipant,
  type MediaPermission,
  type Publish,
} from './gateway';

/**
 * The LiveKit picture the room state asks for: LiveKit room name -> identity -> publish rights.
 * Only rooms somebody may be in are listed; every other room of the meeting should not exist.
 */
export type WantedMedia = Map<string, Map<string, Publish>>;

/**
 * Derives the wanted picture from the state alone: a person is in the LiveKit room `mediaAccess`
 * names, with the rights it gives, and only while they have a live socket (`present`, by default
 * `member.connected`): someone whose every socket closed must not stay in the call, listening.
 */
export function wantedMedia(
  state: RoomState,
  present: (m: Member) => boolean = (m) => m.connected,
): WantedMedia {
  const wanted: WantedMedia = new Map();
  for (const m of membersOf(state)) {
    if (!present(m)) continue;
    const access = mediaAccess(state, m.id);
    if (!access) continue;
    const name = livekitRoomName(state.meetingId, access.room);
    let room = wanted.get(name);
    if (!room) wanted.set(name, (room = new Map()));
    room.set(m.id, { audio: access.canPublishAudio, video: access.canPublishVideo });
  }
  return wanted;
}

function samePermission(a: MediaPermission | null, b: MediaPermission): boolean {
  if (!a) return false;
  const sa = new Set(a.canPublishSources);
  return (
    a.canSubscribe === b.canSubscribe &&
    a.canPublish === b.canPublish &&
    a.canPublishData === b.canPublishData &&
    a.canUpdateMetadata === b.canUpdateMetadata &&
    a.hidden === b.hidden &&
    sa.size === b.canPublishSources.length &&
    b.canPublishSources.every((s) => sa.has(s))
  );
}

/** What one pass changed (for logs and tests; identities only, never names). */
export interface SyncReport {
  created: string[];
  deleted: string[];
  removed: { room: string; identity: string }[];
  updated: { room: string; identity: string; publish: Publish }[];
  muted: { room: string; identity: string }[];
}

/**
 * How long someone the state has moved to another of the meeting's rooms (into a private
 * conversation, or back from one) may stay in the LiveKit room they are leaving, and how long a
 * room nobody may be in any more is kept while such people are in it. Removing them (or deleting
 * the room) at once, a few milliseconds after their view went out, usually reaches LiveKit before
 * their page has left by itself: LiveKit then drops the page's connection under its engine, which
 * logs errors ("createOffer with closed peer connection", aborted data channels, a connection state
 * mismatch). A page leaves within a second, and joins its new room only after leaving the old one.
 *
 * Only a connection that was already in the room when the move happened gets the grace (LiveKit's
 * join time against the pass that first saw the move): joining the old room again afterwards, with
 * an old token, is removed at once, as is anyone wanted in no room at all (removed, gone, the
 * meeting ended). The first pass after the grace (the sweep at the latest) removes anyone left.
 */
export const MOVING_GRACE_MS = 5_000;

/** "room\nidentity" -> when a pass first saw the state move that identity out of that room. */
const movedAt = new Map<string, number>();
/** Meeting id -> who the last pass wanted in which room (to see moves between passes). */
const lastWanted = new Map<string, Map<string, Set<string>>>();

const moveKey = (room: string, identity: string) => `${room}\n${identity}`;

/**
 * Records the moves since the meeting's last pass (someone wanted in a room before, now wanted in
 * another), forgets moves undone, and returns whether a participant of `room` is leaving it within
 * the grace: moved out of it, wanted elsewhere, and connected there since before the move.
 */
function movesSince(
  meetingId: string,
  wanted: WantedMedia,
  now: number,
): (room: string, p: MediaParticipant) => boolean {
  const wantedSomewhere = new Set([...wanted.values()].flatMap((r) => [...r.keys()]));
  for (const [room, ids] of lastWanted.get(meetingId) ?? []) {
    for (const id of ids) {
      const key = moveKey(room, id);
      if (!wanted.get(room)?.has(id) && wantedSomewhere.has(id) && !movedAt.has(key)) {
        movedAt.set(key, now);
      }
    }
  }
  for (const [room, ids] of wanted) for (const id of ids.keys()) movedAt.delete(moveKey(room, id));
  for (const [key, at] of movedAt) if (now - at > 12 * MOVING_GRACE_MS) movedAt.delete(key);
  if (wanted.size) {
    lastWanted.set(meetingId, new Map([...wanted].map(([r, ids]) => [r, new Set(ids.keys())])));
  } else {
    lastWanted.delete(meetingId);
  }
  return (room, p) => {
    const at = movedAt.get(moveKey(room, p.identity));
    return (
      at !== undefined &&
      now - at < MOVING_GRACE_MS &&
      wantedSomewhere.has(p.identity) &&
      p.joinedAtMs !== undefined &&
      p.joinedAtMs <= at
    );
  };
}

/**
 * Brings LiveKit to the wanted picture by comparing with what LiveKit lists now (never with what
 * the app sent before): rooms of the meeting nobody may be in are deleted, wanted rooms are created,
 * every identity not wanted where it is (unknown ones too) is removed (people on their way to
 * another room after MOVING_GRACE_MS, and their emptied room then), and anyone whose rights
 * differ gets the full permission set (a live microphone is muted first when audio is taken away,
 * so the person's own client keeps it off).
 *
 * `existing`: the meeting's rooms LiveKit has, when the caller already listed them (the sweep);
 * otherwise listed here among the wanted names and `alsoCheck` (rooms the meeting may have had).
 * `create`: the wanted rooms to create when missing (default: all); a room left out is kept if it
 * exists but not created.
 */
export async function syncMedia(
  lk: LiveKitGateway,
  meetingId: string,
  wanted: WantedMedia,
  opts: {
    existing?: string[];
    alsoCheck?: Iterable<string>;
    create?: ReadonlySet<string>;
    /** The clock for the moving grace (tests); Date.now() by default. */
    now?: number;
  } = {},
): Promise<SyncReport> {
  const report: SyncReport = { created: [], deleted: [], removed: [], updated: [], muted: [] };
  const existing = (
    opts.existing ??
    (await lk.listRooms([...new Set([...wanted.keys(), ...(opts.alsoCheck ?? [])])]))
  ).filter((n) => isMeetingRoom(meetingId, n));
  const have = new Set(existing);

  const leaving = movesSince(meetingId, wanted, opts.now ?? Date.now());

  for (const name of existing) {
    if (wanted.has(name)) continue;
    const people = await lk.listParticipants(name);
    if (people.some((p) => leaving(name, p))) {
      // Kept while its people move out; anyone else in it goes now, as the deletion would do.
      for (const p of people) {
        if (leaving(name, p)) continue;
        await lk.removeParticipant(name, p.identity);
        report.removed.push({ room: name, identity: p.identity });
      }
      continue;
    }
    await lk.deleteRoom(name);
    report.deleted.push(name);
  }
  for (const name of wanted.keys()) {
    if (have.has(name) || (opts.create && !opts.create.has(name))) continue;
    await lk.createRoom(name);
    report.created.push(name);
  }
  for (const name of existing) {
    const want = wanted.get(name);
    if (!want) continue;
    for (const p of await lk.listParticipants(name)) {
      const publish = want.get(p.identity);
      if (!publish) {
        // On their way to another of the meeting's rooms: their page leaves this one by itself.
        if (leaving(name, p)) continue;
        await lk.removeParticipant(name, p.identity);
        report.removed.push({ room: name, identity: p.identity });
        continue;
      }
      const perm = permissionFor(publish);
      if (samePermission(p.permission, perm)) continue;
      if (!publish.audio) {
        for (const t of p.tracks) {
          if (t.kind !== 'audio' || t.muted) continue;
          await lk.muteTrack(name, p.identity, t.sid);
          report.muted.push({ room: name, identity: p.identity });
        }
      }
      await lk.setPermissions(name, p.identity, publish);
      report.updated.push({ room: name, identity: p.identity, publish });
    }
  }
  return report;
}

/**
 * A facilitator's mute (background noise): the person's live microphone tracks in the room where
 * the state puts them are muted once. Their right to unmute stays; this is an action, not a state.
 */
export async function muteMember(
  lk: LiveKitGateway,
  state: RoomState,
  memberId: string,
): Promise<void> {
  const access = mediaAccess(state, memberId);
  if (!access) return;
  const room = livekitRoomName(state.meetingId, access.room);
  const p = (await lk.listParticipants(room)).find((x) => x.identity === memberId);
  for (const t of p?.tracks ?? []) {
    if (t.kind === 'audio' && !t.muted) await lk.muteTrack(room, memberId, t.sid);
  }
}
