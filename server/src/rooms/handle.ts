import type { Ack } from '../../../shared/protocol/errors';
import type { MediaGrant } from '../../../shared/protocol/events';
import type { RoomState } from '../../../shared/room/state';
import type { RoomCommand } from '../../../shared/room/types';
import type { RoomView } from '../../../shared/room/views';

/**
 * What sockets and routes need of a live meeting, wherever it runs: its RoomActor on this node,
 * or (with several app nodes) the actor on the node that owns it, reached through Redis
 * (server/src/cluster). `state` is the meeting's state as this node last knew it (the owner's own
 * state there; read from the store elsewhere): enough to check who is in it, never to decide.
 */
export interface MeetingHandle {
  readonly meetingId: string;
  readonly state: RoomState;
  dispatch(command: RoomCommand, clientId?: string | null): Promise<Ack<{ version: number }>>;
  attach(memberId: string): Promise<void>;
  detach(memberId: string): Promise<void>;
  mintToken(memberId: string): Promise<Ack<MediaGrant>>;
  view(memberId: string): Promise<RoomView | null>;
}
