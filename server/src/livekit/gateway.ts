import {
  AccessToken,
  RoomServiceClient,
  TrackSource,
  TrackType,
  WebhookReceiver,
  type WebhookEvent,
} from 'livekit-server-sdk';

/** What one person may publish in one LiveKit room. */
export interface Publish {
  audio: boolean;
  video: boolean;
}

/**
 * Everything the app asks of LiveKit goes through this interface, so the socket layer can be tested
 * with a fake; the real adapter below has its own tests against the real server.
 */
export interface LiveKitGateway {
  readonly url: string | null;
  mintToken(o: { room: string; identity: string; name: string; publish: Publish }): Promise<string>;
  /** Sends the full permission set (LiveKit replaces permissions atomically). */
  setPermissions(room: string, identity: string, publish: Publish): Promise<void>;
  muteMicrophones(room: string, identities: string[]): Promise<void>;
  removeParticipant(room: string, identity: string): Promise<void>;
  deleteRoom(room: string): Promise<void>;
  /** Identities currently in a room (for reconciliation). */
  listIdentities(room: string): Promise<string[]>;
  receiveWebhook(body: string, authHeader: string | undefined): Promise<WebhookEvent>;
}

/** Media tokens live 10 minutes; the client asks for a new one whenever it (re)connects. */
export const TOKEN_TTL_SECONDS = 600;

function sources(publish: Publish): TrackSource[] {
  const s: TrackSource[] = [];
  if (publish.audio) s.push(TrackSource.MICROPHONE);
  if (publish.video) s.push(TrackSource.CAMERA);
  return s;
}

/** Participants never get admin grants nor data publishing. */
function permission(publish: Publish) {
  const canPublishSources = sources(publish);
  return {
    canSubscribe: true,
    canPublish: canPublishSources.length > 0,
    canPublishSources,
    canPublishData: false,
    canUpdateMetadata: false,
    hidden: false,
  };
}

export function createLiveKitGateway(cfg: {
  url: string;
  /** What browsers connect to (defaults to `url`). */
  publicUrl?: string;
  apiKey: string;
  apiSecret: string;
}): LiveKitGateway {
  const http = cfg.url.replace(/^ws/, 'http');
  const api = new RoomServiceClient(http, cfg.apiKey, cfg.apiSecret, { requestTimeout: 5 });
  const webhooks = new WebhookReceiver(cfg.apiKey, cfg.apiSecret);
  const notFound = (e: unknown) => {
    const status = (e as { status?: number }).status;
    const msg = String((e as Error)?.message ?? '');
    return status === 404 || /not.?found|does not exist/i.test(msg);
  };
  return {
    url: cfg.publicUrl ?? cfg.url,
    async mintToken({ room, identity, name, publish }) {
      const at = new AccessToken(cfg.apiKey, cfg.apiSecret, {
        identity,
        name,
        ttl: TOKEN_TTL_SECONDS,
      });
      const p = permission(publish);
      at.addGrant({
        room,
        roomJoin: true,
        canSubscribe: true,
        canPublish: p.canPublish,
        canPublishSources: p.canPublishSources,
        canPublishData: false,
        canUpdateOwnMetadata: false,
      });
      return at.toJwt();
    },
    async setPermissions(room, identity, publish) {
      try {
        await api.updateParticipant(room, identity, { permission: permission(publish) });
      } catch (e) {
        if (!notFound(e)) throw e;
      }
    },
    async muteMicrophones(room, identities) {
      let participants;
      try {
        participants = await api.listParticipants(room);
      } catch (e) {
        if (notFound(e)) return;
        throw e;
      }
      const wanted = new Set(identities);
      await Promise.all(
        participants
          .filter((p) => wanted.has(p.identity))
          .flatMap((p) =>
            p.tracks
              .filter((t) => t.type === TrackType.AUDIO && !t.muted)
              .map((t) =>
                api.mutePublishedTrack(room, p.identity, t.sid, true).catch((e) => {
                  if (!notFound(e)) throw e;
                }),
              ),
          ),
      );
    },
    async removeParticipant(room, identity) {
      try {
        await api.removeParticipant(room, identity);
      } catch (e) {
        if (!notFound(e)) throw e;
      }
    },
    async deleteRoom(room) {
      try {
        await api.deleteRoom(room);
      } catch (e) {
        if (!notFound(e)) throw e;
      }
    },
    async listIdentities(room) {
      try {
        return (await api.listParticipants(room)).map((p) => p.identity);
      } catch (e) {
        if (notFound(e)) return [];
        throw e;
      }
    },
    receiveWebhook: (body, auth) => webhooks.receive(body, auth),
  };
}

/** A LiveKit stand-in for fast socket-layer tests: records calls, mints opaque tokens. */
export interface FakeLiveKitGateway extends LiveKitGateway {
  calls: {
    op: string;
    room: string;
    identity?: string;
    publish?: Publish;
    identities?: string[];
  }[];
  tokens: { room: string; identity: string; publish: Publish }[];
}

export function createFakeLiveKitGateway(): FakeLiveKitGateway {
  const calls: FakeLiveKitGateway['calls'] = [];
  const tokens: FakeLiveKitGateway['tokens'] = [];
  return {
    url: 'ws://127.0.0.1:7880',
    calls,
    tokens,
    async mintToken(o) {
      tokens.push({ room: o.room, identity: o.identity, publish: o.publish });
      return `fake.${o.room}.${o.identity}`;
    },
    async setPermissions(room, identity, publish) {
      calls.push({ op: 'setPermissions', room, identity, publish });
    },
    async muteMicrophones(room, identities) {
      calls.push({ op: 'muteMicrophones', room, identities });
    },
    async removeParticipant(room, identity) {
      calls.push({ op: 'removeParticipant', room, identity });
    },
    async deleteRoom(room) {
      calls.push({ op: 'deleteRoom', room });
    },
    async listIdentities() {
      return [];
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
