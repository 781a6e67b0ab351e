import type { RoomView } from '../room/views';
import type { Ack } from './errors';
import type { CommandEnvelope } from './commands';
import type { CaptionLine, CaptionSend } from './captions';

/**
 * Why the server closed someone's room connection. `denied`: not let in; `removed`: asked to
 * leave; `left`: they left (or end safely sent them to aftercare); `revoked`: their link was
 * withdrawn (or a newer one was made for them); `expired`: their link ran out; `signed_out`: the
 * facilitator's session ended (signed out, or expired). The end of the meeting is not a closing:
 * everyone gets the ended view, and the link keeps showing it.
 */
export type ClosedReason = 'denied' | 'removed' | 'left' | 'revoked' | 'expired' | 'signed_out';

export interface MediaGrant {
  /** The LiveKit server URL (ws://...). */
  url: string;
  token: string;
  /** 'main' or a side room id: the client reconnects when this changes. */
  room: string;
  ice: MediaIce;
}

/**
 * Which ICE servers the browser uses, as the server decides (MEDIA_ICE): 'loopback' (the local
 * dev/test LiveKit on 127.0.0.1) means none at all; 'server' means the STUN/TURN servers LiveKit
 * sends on join, so people behind strict firewalls reach it through TURN.
 */
export type MediaIce = 'loopback' | 'server';

/** Socket handshake `auth`. Facilitators authenticate with their session cookie instead of an invite. */
export interface HandshakeAuth {
  protocol: number;
  invite?: string;
  meetingId?: string;
}

export interface ClientToServerEvents {
  /** Every room command, in one validated envelope; answered with the new state version. */
  'room:command': (envelope: CommandEnvelope, ack: (res: Ack<{ version: number }>) => void) => void;
  /** A short-lived LiveKit token for where the server says this person is now. */
  'media:token': (payload: Record<string, never>, ack: (res: Ack<MediaGrant>) => void) => void;
  /** Asks for the full current view (the client does after every reconnect). */
  'room:sync': (payload: Record<string, never>, ack: (res: Ack<RoomView>) => void) => void;
  /** A captioner's current line (captions.ts): relayed to the main room, never stored. */
  'caption:send': (line: CaptionSend, ack: (res: Ack<null>) => void) => void;
}

export interface ServerToClientEvents {
  /** The viewer's whole view after every accepted command; drop any with a lower version. */
  'room:view': (view: RoomView) => void;
  /** This person may no longer be in the room. */
  'room:closed': (payload: { reason: ClosedReason }) => void;
  /** A caption line, for people in the main room (captions.ts); shown, never kept. */
  'caption:line': (line: CaptionLine) => void;
}

export const SOCKET_PATH = '/socket.io';
