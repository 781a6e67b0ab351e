import {
  AccessToken,
  RoomServiceClient,
  TrackSource,
  TrackType,
  WebhookReceiver,
  type ParticipantInfo,
  type WebhookEvent,
} from 'livekit-server-sdk';
import type { MediaIce } from '../../../shared/protocol/events';
import { decideMediaIce } from './ice';

/** What one person may publish in one LiveKit room. */
export interface Publish {
  audio: boolean;
  video: boolean;
}

/** A track source, by name (LiveKit's enum values, mapped). */
export type MediaSource =
  'camera' | 'microphone' | 'screen_share' | 'screen_share_audio' | 'unknown';

/** The full permission set of one participant as LiveKit holds it. */
export interface MediaPermission {
  canSubscribe: boolean;
  canPublish: boolean;
  canPublishSources: MediaSource[];
  canPublishData: boolean;
  canUpdateMetadata: boolean;
  hidden: boolean;
}

/** One published track of a participant. */
export interface MediaTrack {
  sid: string;
  kind: 'audio' | 'video' | 'data';
  source: MediaSource;
  muted: boolean;
}

/** One participant as LiveKit lists it (what is, not what the app last sent). */
export interface MediaParticipant {
  identity: string;
  /** Null when LiveKit reported none (treated as "not what we want"). */
  permission: MediaPermission | null;
  tracks: MediaTrack[];
  /** When this connection joined the room (ms since the epoch), when LiveKit says. */
  joinedAtMs?: number;
}

/**
 * Everything the app asks of LiveKit goes through this interface, so the socket layer can be tested
 * with a fake; the real adapter below has its own tests against the real server. The media sync
 * (mediaSync.ts) is its only user apart from token minting and webhooks.
 */
export interface LiveKitGateway {
  readonly url: string | null;
  /** Which ICE servers browsers use with this LiveKit (livekit/ice.ts). */
  readonly ice: MediaIce;
  mintToken(o: { room: string; identity: string; name: string; publish: Publish }): Promise<string>;
  /** Names of the rooms that exist (all of them, or those among `names`). */
  listRooms(names?: string[]): Promise<string[]>;
  /**
   * Creates the room (a no-op when it exists). Rooms are never created by a join. A practice room
   * (livekit/practiceRooms.ts) also caps how many may be in it.
   */
  createRoom(room: string, opts?: { maxParticipants?: number }): Promise<void>;
  /** Deletes the room, disconnecting everyone in it; a missing room is not an error. */
  deleteRoom(room: string): Promise<void>;
  /** Who is in a room, with their permissions and tracks ([] when the room does not exist). */
  listParticipants(room: string): Promise<MediaParticipant[]>;
  /** Sends the full permission set (LiveKit replaces permissions atomically). */
  setPermissions(room: string, identity: string, publish: Publish): Promise<void>;
  /** Mutes one published track (the person may unmute it again if still allowed). */
  muteTrack(room: string, identity: string, trackSid: string): Promise<void>;
  /** A participant who is gone already is not an error. */
  removeParticipant(room: string, identity: string): Promise<void>;
  receiveWebhook(body: string, authHeader: string | undefined): Promise<WebhookEvent>;
}

/**
 * Media tokens live 2 minutes: the client asks for a new one whenever it (re)connects, and LiveKit
 * refreshes the token of a connected participant by itself, so a longer life only helps someone
 * who kept a token they should no longer use. Removal is the media sync's job, never the TTL's.
 */
export const TOKEN_TTL_SECONDS = 120;

/**
 * A room the app created closes this long after it was created if nobody joined (seconds). The
 * sync creates it again while someone may be in it.
 */
export const ROOM_EMPTY_TIMEOUT_SECONDS = 60;
/** A room closes this long after its last participant left (seconds). */
export const ROOM_DEPARTURE_TIMEOUT_SECONDS = 20;

const SOURCE_NAMES: Record<number, MediaSource> = {
  [TrackSource.CAMERA]: 'camera',
  [TrackSource.MICROPHONE]: 'microphone',
  [TrackSource.SCREEN_SHARE]: 'screen_share',
  [TrackSource.SCREEN_SHARE_AUDIO]: 'screen_share_audio',
};

const sourceName = (s: TrackSource): MediaSource => SOURCE_NAMES[s] ?? 'unknown';

/**
 * The one permission set the app ever gives a participant: subscribe, publish the allowed sources,
 * never data, metadata, hidden presence nor admin rights.
 */
export function permissionFor(publish: Publish): MediaPermission {
  const canPublishSources: MediaSource[] = [];
  if (publish.audio) canPublishSources.push('microphone');
  if (publish.video) canPublishSources.push('camera');
  return {
    canSubscribe: true,
    canPublish: canPublishSources.length > 0,
    canPublishSources,
    canPublishData: false,
    canUpdateMetadata: false,
    hidden: false,
  };
}

function lkSources(p: MediaPermission): TrackSource[] {
  return p.canPublishSources.map((s) =>
    s === 'microphone' ? TrackSource.MICROPHONE : TrackSource.CAMERA,
  );
}

function toParticipant(p: ParticipantInfo): MediaParticipant {
  const perm = p.permission;
  return {
    identity: p.identity,
    permission: perm
      ? {
          canSubscribe: perm.canSubscribe,
          canPublish: perm.canPublish,
          canPublishSources: perm.canPublishSources.map(sourceName),
          canPublishData: perm.canPublishData,
          canUpdateMetadata: perm.canUpdateMetadata,
          hidden: perm.hidden,
        }
      : null,
    tracks: p.tracks.map((t) => ({
      sid: t.sid,
      kind: t.type === TrackType.AUDIO ? 'audio' : t.type === TrackType.VIDEO ? 'video' : 'data',
      source: sourceName(t.source),
      muted: t.muted,
    })),
    joinedAtMs: Number(p.joinedAtMs) || Number(p.joinedAt) * 1000 || undefined,
  };
}

export function createLiveKitGateway(cfg: {
  url: string;
  /** What browsers connect to (defaults to `url`). */
  publicUrl?: string;
  apiKey: string;
  apiSecret: string;
  /** MEDIA_ICE; decided from the browsers' URL when absent. */
  ice?: MediaIce;
}): LiveKitGateway {
  const http = cfg.url.replace(/^ws/, 'http');
  const api = new RoomServiceClient(http, cfg.apiKey, cfg.apiSecret, { requestTimeout: 5 });
  const webhooks = new WebhookReceiver(cfg.apiKey, cfg.apiSecret);
  const notFound = (e: unknown) => {
    const status = (e as { status?: number }).status;
    const msg = String((e as Error)?.message ?? '');
    return status === 404 || /not.?found|does not exist/i.test(msg);
  };
  const ignoreNotFound = (e: unknown) => {
    if (!notFound(e)) throw e;
  };
  return {
    url: cfg.publicUrl ?? cfg.url,
    ice: decideMediaIce(cfg.publicUrl ?? cfg.url, cfg.ice),
    async mintToken({ room, identity, name, publish }) {
      const at = new AccessToken(cfg.apiKey, cfg.apiSecret, {
        identity,
        name,
        ttl: TOKEN_TTL_SECONDS,
      });
      const p = permissionFor(publish);
      at.addGrant({
        room,
        roomJoin: true,
        roomCreate: false,
        canSubscribe: true,
        canPublish: p.canPublish,
        canPublishSources: lkSources(p),
        canPublishData: false,
        canUpdateOwnMetadata: false,
      });
      return at.toJwt();
    },
    async listRooms(names) {
      return (await api.listRooms(names)).map((r) => r.name);
    },
    async createRoom(room, opts) {
      await api.createRoom({
        name: room,
        emptyTimeout: ROOM_EMPTY_TIMEOUT_SECONDS,
        departureTimeout: ROOM_DEPARTURE_TIMEOUT_SECONDS,
        ...(opts?.maxParticipants ? { maxParticipants: opts.maxParticipants } : {}),
      });
    },
    async deleteRoom(room) {
      await api.deleteRoom(room).catch(ignoreNotFound);
    },
    async listParticipants(room) {
      try {
        return (await api.listParticipants(room)).map(toParticipant);
      } catch (e) {
        if (notFound(e)) return [];
        throw e;
      }
    },
    async setPermissions(room, identity, publish) {
      const p = permissionFor(publish);
      await api
        .updateParticipant(room, identity, {
          permission: { ...p, canPublishSources: lkSources(p) },
        })
        .catch(ignoreNotFound);
    },
    async muteTrack(room, identity, trackSid) {
      await api.mutePublishedTrack(room, identity, trackSid, true).catch(ignoreNotFound);
    },
    async removeParticipant(room, identity) {
      await api.removeParticipant(room, identity).catch(ignoreNotFound);
    },
    receiveWebhook: (body, auth) => webhooks.receive(body, auth),
  };
}

/** A LiveKit stand-in for fast socket-layer tests: an in-memory SFU that records every call. */
export interface FakeLiveKitGateway extends LiveKitGateway {
  calls: { op: string; room: string; identity?: string; publish?: Publish }[];
  tokens: { room: string; identity: string; publish: Publish }[];
  /** Rooms that exist, and who is in each (with their permission and tracks). */
  rooms: Map<string, Map<string, MediaParticipant>>;
  /**
   * What a real client does with a token: joins its room (refused when the room does not exist,
   * as with auto_create off) with the token's rights. Returns false when refused.
   */
  join(room: string, identity: string, publish: Publish): boolean;
  /** Publishes a track for a participant (an unmuted microphone unless told otherwise). */
  publishTrack(room: string, identity: string, track?: Partial<MediaTrack>): void;
}

export function createFakeLiveKitGateway(): FakeLiveKitGateway {
  const calls: FakeLiveKitGateway['calls'] = [];
  const tokens: FakeLiveKitGateway['tokens'] = [];
  const rooms: FakeLiveKitGateway['rooms'] = new Map();
  let sid = 0;
  return {
    url: 'ws://127.0.0.1:7880',
    ice: 'loopback',
    calls,
    tokens,
    rooms,
    join(room, identity, publish) {
      const r = rooms.get(room);
      if (!r) return false;
      r.set(identity, {
        identity,
        permission: permissionFor(publish),
        tracks: [],
        joinedAtMs: Date.now(),
      });
      return true;
    },
    publishTrack(room, identity, track = {}) {
      rooms
        .get(room)
        ?.get(identity)
        ?.tracks.push({
          sid: `TR_${++sid}`,
          kind: 'audio',
          source: 'microphone',
          muted: false,
          ...track,
        });
    },
    async mintToken(o) {
      tokens.push({ room: o.room, identity: o.identity, publish: o.publish });
      return `fake.${o.room}.${o.identity}`;
    },
    async listRooms(names) {
      return [...rooms.keys()].filter((n) => !names || names.includes(n));
    },
    async createRoom(room) {
      if (rooms.has(room)) return;
      calls.push({ op: 'createRoom', room });
      rooms.set(room, new Map());
    },
    async deleteRoom(room) {
      calls.push({ op: 'deleteRoom', room });
      rooms.delete(room);
    },
    async listParticipants(room) {
      return [...(rooms.get(room)?.values() ?? [])].map((p) => structuredClone(p));
    },
    async setPermissions(room, identity, publish) {
      calls.push({ op: 'setPermissions', room, identity, publish });
      const p = rooms.get(room)?.get(identity);
      if (!p) return;
      p.permission = permissionFor(publish);
      // As LiveKit does: tracks of a source no longer allowed are unpublished.
      p.tracks = p.tracks.filter((t) => p.permission!.canPublishSources.includes(t.source));
    },
    async muteTrack(room, identity, trackSid) {
      calls.push({ op: 'muteTrack', room, identity });
      const t = rooms
        .get(room)
        ?.get(identity)
        ?.tracks.find((x) => x.sid === trackSid);
      if (t) t.muted = true;
    },
    async removeParticipant(room, identity) {
      calls.push({ op: 'removeParticipant', room, identity });
      rooms.get(room)?.delete(identity);
    },
    async receiveWebhook() {
      throw new Error('webhooks are not faked');
    },
  };
}

/** LiveKit room names: opaque ids, never a title or a name. */
export function livekitRoomName(meetingId: string, room: string): string {
  return room === 'main' ? `cg_${meetingId}` : `cg_${meetingId}_${room}`;
}

/**
 * True when `name` is one of this meeting's LiveKit rooms (main or a side room). Unambiguous
 * because meeting ids all have one length (randomId(): 16 characters), so no other meeting's
 * room name starts with `cg_<this id>_`.
 */
export function isMeetingRoom(meetingId: string, name: string): boolean {
  return name === `cg_${meetingId}` || name.startsWith(`cg_${meetingId}_`);
}

/**
 * The meeting ids a LiveKit room name could belong to (ids may contain '_', so every split is a
 * candidate; the caller keeps the one that exists). Empty for rooms that are not the app's.
 */
export function meetingIdCandidates(name: string): string[] {
  if (!name.startsWith('cg_')) return [];
  const rest = name.slice(3);
  const out = rest ? [rest] : [];
  for (let i = rest.indexOf('_'); i > 0; i = rest.indexOf('_', i + 1)) out.push(rest.slice(0, i));
  return out;
}
