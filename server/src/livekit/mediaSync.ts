import { mediaAccess, membersOf } from '../../../shared/room/policies';
import type { Member, RoomState } from '../../../shared/room/state';
import {
  isMeetingRoom,
  livekitRoomName,
  permissionFor,
  type LiveKitGateway,
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
 * Brings LiveKit to the wanted picture by comparing with what LiveKit lists now (never with what
 * the app sent before): rooms of the meeting nobody may be in are deleted, wanted rooms are created,
 * every identity not wanted where it is (unknown ones too) is removed, and anyone whose rights
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
  opts: { existing?: string[]; alsoCheck?: Iterable<string>; create?: ReadonlySet<string> } = {},
): Promise<SyncReport> {
  const report: SyncReport = { created: [], deleted: [], removed: [], updated: [], muted: [] };
  const existing = (
    opts.existing ??
    (await lk.listRooms([...new Set([...wanted.keys(), ...(opts.alsoCheck ?? [])])]))
  ).filter((n) => isMeetingRoom(meetingId, n));
  const have = new Set(existing);

  for (const name of existing) {
    if (wanted.has(name)) continue;
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
