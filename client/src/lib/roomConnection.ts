import { io, type Socket } from 'socket.io-client';
import type { CaptionLine, CaptionSend } from '../../../shared/protocol/captions';
import type { ClientCommand } from '../../../shared/protocol/commands';
import type { Ack, AppError, ErrorCode } from '../../../shared/protocol/errors';
import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type ClosedReason,
  type HandshakeAuth,
  type MediaGrant,
  type ServerToClientEvents,
} from '../../../shared/protocol/events';
import type { RoomView } from '../../../shared/room/views';
import { COMMAND_ATTEMPTS, COMMAND_TIMEOUT_MS } from './contract';
import { newCommandId } from './uuid';

/** Where the socket is: the UI shows "Reconnecting…" for 'reconnecting'. */
export type SocketStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused' | 'closed';

export interface RoomConnectionSnapshot {
  status: SocketStatus;
  /** The latest view the server pushed (never an older version than one already seen). */
  view: RoomView | null;
  /** Why the server closed this person's room connection, if it did. */
  closedReason: ClosedReason | null;
  /** Why the server refused the connection (bad invite, not signed in, old client…). */
  refusal: AppError | null;
}

const REFUSAL_CODES: readonly ErrorCode[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVITE_EXPIRED',
  'INVITE_REVOKED',
  'CLIENT_TOO_OLD',
  'SERVER_TOO_OLD',
  'INVALID_PAYLOAD',
];

/** A connect_error from the server's auth middleware, as an AppError (null for network errors). */
function refusalOf(err: Error & { data?: unknown }): AppError | null {
  const data = err.data as Partial<AppError> | undefined;
  if (data && typeof data.code === 'string' && REFUSAL_CODES.includes(data.code as ErrorCode)) {
    return { code: data.code as ErrorCode, message: data.message ?? '' };
  }
  if (REFUSAL_CODES.includes(err.message as ErrorCode)) {
    return { code: err.message as ErrorCode, message: '' };
  }
  return null;
}

/** The client's answer when the server never acknowledged a command. */
export const NO_ANSWER: AppError = { code: 'INTERNAL', message: '' };

/**
 * One person's live connection to one meeting: the typed socket, the latest RoomView, and the two
 * requests the client makes (room commands and media tokens). React reads it through
 * useSyncExternalStore (see useRoomConnection).
 */
export class RoomConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private snapshot: RoomConnectionSnapshot = {
    status: 'connecting',
    view: null,
    closedReason: null,
    refusal: null,
  };
  private readonly listeners = new Set<() => void>();
  private connectedOnce = false;

  constructor(auth: HandshakeAuth, options: { withCredentials?: boolean } = {}) {
    this.socket = io({
      path: SOCKET_PATH,
      auth: { ...auth },
      withCredentials: options.withCredentials ?? false,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
    });
    this.socket.on('connect', () => {
      const again = this.connectedOnce;
      this.connectedOnce = true;
      this.set({ status: 'connected', refusal: null });
      // The server pushes a view on every connect; after a reconnect also ask for it, so a view
      // lost in the gap can never leave this page behind.
      if (again) void this.sync();
    });
    this.socket.on('room:view', (view) => this.applyView(view));
    this.socket.on('room:closed', ({ reason }) => this.set({ closedReason: reason }));
    this.socket.on('connect_error', (err) => {
      const refusal = refusalOf(err);
      if (refusal || !this.socket.active) {
        this.set({ status: 'refused', refusal: refusal ?? NO_ANSWER });
      } else {
        this.set({ status: this.connectedOnce ? 'reconnecting' : 'connecting' });
      }
    });
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') this.set({ status: 'closed' });
      else if (reason === 'io server disconnect') this.set({ status: 'closed' });
      else this.set({ status: 'reconnecting' });
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RoomConnectionSnapshot => this.snapshot;

  private set(patch: Partial<RoomConnectionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  private applyView(view: RoomView): void {
    const current = this.snapshot.view;
    if (current && current.meetingId === view.meetingId && view.version < current.version) return;
    this.set({ view });
  }

  private async sync(): Promise<void> {
    try {
      const res = await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('room:sync', {});
      if (res.ok) this.applyView(res.data);
    } catch {
      // The server also pushes a view on connect; nothing else to do.
    }
  }

  /**
   * Sends one room command. On a timeout it is sent again with the same id, which the server
   * applies once, so a slow answer never applies a command twice.
   */
  async send(command: ClientCommand): Promise<Ack<{ version: number }>> {
    const envelope = { id: newCommandId(), command };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('room:command', envelope);
      } catch {
        if (attempt >= COMMAND_ATTEMPTS || this.snapshot.status === 'closed') {
          return { ok: false, error: NO_ANSWER };
        }
      }
    }
  }

  /** A LiveKit token for wherever the server says this person is now. */
  async mediaToken(): Promise<Ack<MediaGrant>> {
    try {
      return await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('media:token', {});
    } catch {
      return { ok: false, error: NO_ANSWER };
    }
  }

  /** Sends the captioner's current line (features/captions); no retry: the next line repairs it. */
  async sendCaption(line: CaptionSend): Promise<Ack<null>> {
    try {
      return await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('caption:send', line);
    } catch {
      return { ok: false, error: NO_ANSWER };
    }
  }

  /** Caption lines as they arrive (shown, never kept: features/captions). Returns the unsubscribe. */
  onCaption(listener: (line: CaptionLine) => void): () => void {
    this.socket.on('caption:line', listener);
    return () => void this.socket.off('caption:line', listener);
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.set({ status: 'closed' });
  }
}
