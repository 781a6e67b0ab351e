import type { Ack } from '../../../shared/protocol/errors';
import type { MediaGrant } from '../../../shared/protocol/events';
import { decide } from '../../../shared/room/decide';
import { mediaAccess, membersOf } from '../../../shared/room/policies';
import type { DecideContext, RoomState } from '../../../shared/room/state';
import type { RoomCommand, RoomEffect, RoomEvent } from '../../../shared/room/types';
import { toRoomView, viewsOf, type RoomView } from '../../../shared/room/views';
import { livekitRoomName, type LiveKitGateway, type Publish } from '../livekit/gateway';
import { errorReason, type Logger } from '../logger';
import type { CommandStore } from '../store/commandLog';
import type { Repo } from '../store/repo';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { unref?: () => void };
}

/** One person's view of a version (null: nothing to see). */
export interface Delivery {
  memberId: string;
  view: RoomView | null;
}

export interface RoomActorDeps {
  repo: Repo;
  commands: CommandStore;
  livekit: LiveKitGateway | null;
  logger: Logger;
  clock: Clock;
  newId: () => string;
  partyGraceMs: number;
  /** Pushes each viewer's view (or a close notice) to that viewer's sockets, in this order. */
  publish: (meetingId: string, deliveries: Delivery[], events: RoomEvent[]) => void;
}

interface Applied {
  room: string;
  publish: Publish;
}

/**
 * Runs `fn` after `tail` settles. Returns fn's own promise and the new tail, which never rejects
 * (`onError` sees a failure), so one failed step never blocks the queue.
 */
function chain<T>(
  tail: Promise<unknown>,
  fn: () => Promise<T>,
  onError: (err: unknown) => void,
): [Promise<T>, Promise<unknown>] {
  const run = tail.then(fn, fn);
  return [run, run.catch(onError)];
}

/**
 * How many applied client command ids each meeting remembers. A client retries a command within
 * seconds (COMMAND_ATTEMPTS timeouts), so a retry always finds its first attempt among these.
 */
export const REMEMBERED_COMMANDS = 1000;

/**
 * One live meeting: applies commands one at a time (a promise queue). Each accepted command is
 * written to the store, every viewer is sent their view, LiveKit effects are queued, and the
 * command is acknowledged once it is on the disk.
 */
export class RoomActor {
  private tail: Promise<unknown> = Promise.resolve();
  /** Client command id -> the version it produced, the newest REMEMBERED_COMMANDS, oldest first. */
  private readonly appliedIds: Map<string, number>;
  /** LiveKit work runs in its own queue, in order, without holding up the next command. */
  private effectsTail: Promise<unknown> = Promise.resolve();
  /** What LiveKit was last told for each person (room and publish rights). */
  private applied = new Map<string, Applied>();
  /** Open sockets per member. */
  private sockets = new Map<string, number>();

  constructor(
    public state: RoomState,
    private readonly deps: RoomActorDeps,
  ) {
    // After a restart too: a command acknowledged (or only written) before it is still known.
    this.appliedIds = new Map(deps.repo.recentClientIds(state.meetingId, REMEMBERED_COMMANDS));
  }

  get meetingId(): string {
    return this.state.meetingId;
  }

  /** Runs `fn` after every queued command: the one place state changes. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const [run, tail] = chain(this.tail, fn, () => undefined);
    this.tail = tail;
    return run;
  }

  private enqueueEffect<T>(fn: () => Promise<T>): Promise<T> {
    const [run, tail] = chain(this.effectsTail, fn, (err) =>
      this.deps.logger.warn('livekit.effect.failed', {
        meetingId: this.meetingId,
        reason: errorReason(err),
      }),
    );
    this.effectsTail = tail;
    return run;
  }

  dispatch(
    command: RoomCommand,
    clientId: string | null = null,
  ): Promise<Ack<{ version: number }>> {
    return this.enqueue(async () => this.apply(command, clientId));
  }

  private async apply(
    command: RoomCommand,
    clientId: string | null,
  ): Promise<Ack<{ version: number }>> {
    const { repo, logger, clock } = this.deps;
    if (clientId) {
      // A retry of a command already applied: the same answer, applied once.
      const done = this.appliedIds.get(clientId);
      if (done !== undefined) return { ok: true, data: { version: done } };
    }
    const now = clock.now();
    const ctx: DecideContext = { now, newId: this.deps.newId };
    const result = decide(this.state, command, ctx);
    if (!result.ok) {
      logger.debug('command.rejected', {
        meetingId: this.meetingId,
        command: command.type,
        code: result.error.code,
      });
      return { ok: false, error: result.error };
    }
    const before = this.state;
    // Written before anyone hears of it: the command row, the new snapshot and the audit rows, in
    // the database's log, where a restart after a crash finds them. If this throws, nothing changed.
    const { durable } = this.deps.commands.write({
      meetingId: this.meetingId,
      state: result.state,
      clientId,
      type: command.type,
      now,
      audit: result.events
        .filter((e) => e.type !== 'member.connected' && e.type !== 'member.disconnected')
        .map((e) => ({
          event: e.type,
          actorId: e.actorId,
          actorRole: e.actorId ? (result.state.members[e.actorId]?.role ?? null) : 'system',
        })),
    });
    this.state = result.state;
    logger.debug('command.applied', {
      meetingId: this.meetingId,
      command: command.type,
      version: result.state.version,
    });
    if (before.status !== result.state.status)
      repo.setMeetingStatus(this.meetingId, result.state.status);
    this.broadcast(result.events, 'actorId' in command ? command.actorId : null);
    void this.enqueueEffect(() => this.runEffects(result.effects)).catch(() => undefined);
    // Acknowledged only once it is on the disk itself (fsynced, with the other meetings' commands
    // of the same moment): nothing acknowledged is lost, not even to a power cut. The meeting's
    // next command waits for this too, so a retry always finds its first attempt answered.
    await durable;
    if (clientId) {
      this.appliedIds.set(clientId, result.state.version);
      if (this.appliedIds.size > REMEMBERED_COMMANDS)
        this.appliedIds.delete(this.appliedIds.keys().next().value!);
    }
    return { ok: true, data: { version: result.state.version } };
  }

  /** The view each person gets now (null: nothing to see). */
  viewFor(memberId: string): RoomView | null {
    return toRoomView(this.state, memberId);
  }

  /**
   * Sends every connected member their view of the new version. The person who acted is sent
   * theirs last: the others learn of the change first, and the actor's answer (the ack) follows
   * every view anyway.
   */
  private broadcast(events: RoomEvent[], actorId: string | null): void {
    // One builder for the version: the parts viewers see alike are derived once and shared.
    const view = viewsOf(this.state);
    const deliveries: Delivery[] = [];
    for (const m of membersOf(this.state)) {
      if (m.id !== actorId && this.sockets.get(m.id))
        deliveries.push({ memberId: m.id, view: view(m.id) });
    }
    if (actorId && this.sockets.get(actorId))
      deliveries.push({ memberId: actorId, view: view(actorId) });
    this.deps.publish(this.meetingId, deliveries, events);
  }

  /** A socket of this member connected; the first one marks them present. */
  async attach(memberId: string): Promise<void> {
    const n = (this.sockets.get(memberId) ?? 0) + 1;
    this.sockets.set(memberId, n);
    if (n === 1) await this.dispatch({ type: 'system.connect', memberId });
  }

  async detach(memberId: string): Promise<void> {
    const n = (this.sockets.get(memberId) ?? 1) - 1;
    if (n > 0) {
      this.sockets.set(memberId, n);
      return;
    }
    this.sockets.delete(memberId);
    if (this.state.members[memberId]?.connected) {
      await this.dispatch({ type: 'system.disconnect', memberId });
    }
  }

  get socketCount(): number {
    let n = 0;
    for (const v of this.sockets.values()) n += v;
    return n;
  }

  /** A short-lived LiveKit token for where the state says this person is, or an error. */
  mintToken(memberId: string): Promise<Ack<MediaGrant>> {
    return this.enqueueEffect(async () => {
      const lk = this.deps.livekit;
      const access = mediaAccess(this.state, memberId);
      if (!access) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Video opens once the facilitator lets you in.' },
        };
      }
      if (!lk?.url) {
        return {
          ok: false,
          error: { code: 'INVALID_STATE', message: 'Video is unavailable on this server.' },
        };
      }
      const m = this.state.members[memberId]!;
      const room = livekitRoomName(this.meetingId, access.room);
      const publish = { audio: access.canPublishAudio, video: access.canPublishVideo };
      const token = await lk.mintToken({ room, identity: memberId, name: m.name, publish });
      this.applied.set(memberId, { room, publish });
      return { ok: true, data: { url: lk.url, token, room: access.room } };
    });
  }

  private async runEffects(effects: RoomEffect[]): Promise<void> {
    const lk = this.deps.livekit;
    for (const e of effects) {
      switch (e.type) {
        case 'schedule.partyGrace':
          this.deps.clock
            .setTimeout(() => {
              // After a shutdown the store is gone: nothing to do then.
              this.dispatch({ type: 'system.partyGraceExpired', party: e.party }).catch(
                () => undefined,
              );
            }, this.deps.partyGraceMs)
            .unref?.();
          break;
        case 'livekit.muteMicrophones':
          if (lk) {
            // Each person is muted in the LiveKit room they are in now (main or a side room).
            const byRoom = new Map<string, string[]>();
            for (const id of e.memberIds) {
              const room = this.applied.get(id)?.room ?? livekitRoomName(this.meetingId, 'main');
              byRoom.set(room, [...(byRoom.get(room) ?? []), id]);
            }
            for (const [room, ids] of byRoom) await lk.muteMicrophones(room, ids);
          }
          break;
        case 'livekit.removeParticipant': {
          const a = this.applied.get(e.memberId);
          this.applied.delete(e.memberId);
          if (lk && a) await lk.removeParticipant(a.room, e.memberId);
          break;
        }
        case 'livekit.closeRooms':
          if (lk) {
            const rooms = new Set([livekitRoomName(this.meetingId, 'main')]);
            for (const a of this.applied.values()) rooms.add(a.room);
            this.applied.clear();
            await Promise.all([...rooms].map((r) => lk.deleteRoom(r)));
          }
          break;
      }
    }
    await this.reconcile();
  }

  /**
   * Brings LiveKit in line with the state: anyone whose room changed is taken out of the old one;
   * anyone whose publish rights changed gets the full new permission set.
   */
  async reconcile(): Promise<void> {
    const lk = this.deps.livekit;
    if (!lk) return;
    for (const [memberId, a] of [...this.applied]) {
      const access = mediaAccess(this.state, memberId);
      const room = access ? livekitRoomName(this.meetingId, access.room) : null;
      if (room !== a.room) {
        this.applied.delete(memberId);
        await lk.removeParticipant(a.room, memberId);
        continue;
      }
      const publish = { audio: access!.canPublishAudio, video: access!.canPublishVideo };
      if (publish.audio !== a.publish.audio || publish.video !== a.publish.video) {
        if (!publish.audio && a.publish.audio) await lk.muteMicrophones(a.room, [memberId]);
        await lk.setPermissions(a.room, memberId, publish);
        this.applied.set(memberId, { room, publish });
      }
    }
  }

  /** After a restart: learn who is in which LiveKit room, then reconcile from the restored state. */
  async restoreLiveKit(): Promise<void> {
    const lk = this.deps.livekit;
    if (!lk) return;
    // In the LiveKit queue, like every other change to what LiveKit was told (`applied`).
    await this.enqueueEffect(async () => {
      const rooms = new Set<string>(['main', ...this.state.sideRooms.map((r) => r.id)]);
      for (const r of rooms) {
        const name = livekitRoomName(this.meetingId, r);
        for (const identity of await lk.listIdentities(name)) {
          // Unknown publish rights: force a full permission set by recording the opposite.
          const access = mediaAccess(this.state, identity);
          const unknown = {
            audio: !(access?.canPublishAudio ?? false),
            video: !(access?.canPublishVideo ?? false),
          };
          this.applied.set(identity, { room: name, publish: unknown });
        }
      }
      await this.reconcile();
    });
  }

  /** Waits for every queued command and effect (tests and shutdown). */
  async idle(): Promise<void> {
    await this.enqueue(async () => undefined);
    await this.enqueueEffect(async () => undefined);
  }
}
