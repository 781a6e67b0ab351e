import { freeze } from 'immer';
import type { Ack } from '../../../shared/protocol/errors';
import type { MediaGrant } from '../../../shared/protocol/events';
import { decide } from '../../../shared/room/decide';
import { mediaAccess, membersOf } from '../../../shared/room/policies';
import type { DecideContext, RoomState } from '../../../shared/room/state';
import type { RoomCommand, RoomEffect, RoomEvent } from '../../../shared/room/types';
import { toRoomView, viewsOf, type RoomView } from '../../../shared/room/views';
import { isMeetingRoom, livekitRoomName, type LiveKitGateway } from '../livekit/gateway';
import { muteMember, syncMedia, wantedMedia, type SyncReport } from '../livekit/mediaSync';
import { errorReason, type Logger } from '../logger';
import type { CommandMetrics } from '../metrics';
import { DeadlineTimer, type Due } from './deadlineTimer';
import type { MeetingHandle } from './handle';
import type { CommandStore, InterpreterLinkChange } from '../store/ports';

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
  /** Where accepted commands are written (and which client ids were applied). */
  commands: CommandStore;
  livekit: LiveKitGateway | null;
  logger: Logger;
  clock: Clock;
  newId: () => string;
  partyGraceMs: number;
  /** Command counts and command-to-ack times (server/src/metrics.ts); none in some tests. */
  metrics?: CommandMetrics;
  /** Pushes each viewer's view (or a close notice) to that viewer's sockets, in this order. */
  publish: (meetingId: string, deliveries: Delivery[], events: RoomEvent[]) => void;
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
 * After a restart nobody's socket is back yet, but their calls may still be running in LiveKit:
 * for this long after a meeting with history (version > 0) is loaded, the media sync keeps people
 * the state lets into a LiveKit room there without a socket, so a restart does not cut every
 * call. After it, no socket, no call. A new meeting (version 0) never had a call: no grace.
 */
export const RESTORE_GRACE_MS = 20_000;

/**
 * One live meeting: applies commands one at a time (a promise queue). Each accepted command is
 * written to the store, every viewer is sent their view, a media sync pass is queued (LiveKit is
 * brought to the new state: the one path from state to media), and the command is acknowledged
 * once it is on the disk.
 */
export class RoomActor implements MeetingHandle {
  private tail: Promise<unknown> = Promise.resolve();
  /** Client command id -> the version it produced, the newest REMEMBERED_COMMANDS, oldest first. */
  private readonly appliedIds: Map<string, number>;
  /** LiveKit work runs in its own queue, in order, without holding up the next command. */
  private effectsTail: Promise<unknown> = Promise.resolve();
  /** A media sync pass is queued and has not started: more requests join it. */
  private syncQueued: Promise<SyncReport | null> | null = null;
  /** LiveKit rooms this meeting may have (created or seen), so a closed side room is found. */
  private knownRooms = new Set<string>();
  /** Until then (after a restart), people without a socket still keep their calls. */
  private restoreGraceUntil = 0;
  /** Set at shutdown: the disconnects of a stopping server must not end everyone's calls. */
  private mediaSuspended = false;
  /** Commands and LiveKit work queued or running (an actor with any is never evicted). */
  private pending = 0;
  /** When the actor was last used (clock time). */
  private lastUsed = 0;
  /** Set when the registry evicted this actor (see retire). */
  private successor: (() => Promise<RoomActor | undefined>) | null = null;
  /** Open sockets per member. */
  private sockets = new Map<string, number>();
  /** The one timer for the earliest deadline in the state (party grace). */
  private readonly deadlines: DeadlineTimer;

  constructor(
    public state: RoomState,
    private readonly deps: RoomActorDeps,
  ) {
    // A snapshot written before deadlines were kept in the state has none.
    if (!state.deadlines) this.state = freeze({ ...state, deadlines: { partyGrace: [] } }, true);
    // After a restart too: a command acknowledged (or only written) before it is still known.
    // Read first in the meeting's queue, so no command is applied before they are known.
    this.appliedIds = new Map();
    this.tail = deps.commands
      .recentClientIds(state.meetingId, REMEMBERED_COMMANDS)
      .then((ids) => {
        for (const [id, version] of ids) this.appliedIds.set(id, version);
      })
      .catch((err: unknown) =>
        deps.logger.warn('store.read.failed', {
          meetingId: state.meetingId,
          reason: errorReason(err),
        }),
      );
    this.lastUsed = deps.clock.now();
    // Live in an earlier process: its calls may still be running in LiveKit (RESTORE_GRACE_MS).
    if (state.version > 0) this.restoreGraceUntil = deps.clock.now() + RESTORE_GRACE_MS;
    this.deadlines = new DeadlineTimer(deps.clock, (deadlineId) => {
      // After a shutdown the store is gone: nothing to do then.
      this.dispatch({ type: 'system.partyGraceExpired', deadlineId }).catch(() => undefined);
    });
    // A deadline pending before a restart is scheduled from the restored state.
    this.followDeadlines();
  }

  /** Sets the one timer for the earliest pending deadline of the current state. */
  private followDeadlines(): void {
    this.deadlines.follow(this.state.deadlines.partyGrace.filter((d) => !d.expired));
  }

  /** The deadline the actor's timer is set for (tests). */
  get pendingDeadline(): Due | null {
    return this.deadlines.pending;
  }

  get meetingId(): string {
    return this.state.meetingId;
  }

  /** Runs `fn` after every queued command: the one place state changes. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const [run, tail] = chain(this.tail, this.tracked(fn), () => undefined);
    this.tail = tail;
    return run;
  }

  /** Counts `fn` as work under way until it settles, and the actor as used now. */
  private tracked<T>(fn: () => Promise<T>): () => Promise<T> {
    this.touch();
    this.pending++;
    return () =>
      fn().finally(() => {
        this.pending--;
        this.touch();
      });
  }

  /** Marks the actor used now (the registry evicts actors unused for a while). */
  touch(): void {
    this.lastUsed = this.deps.clock.now();
  }

  /**
   * Whether the registry may drop this actor from memory (RoomRegistry.evictIdle): unused since
   * `before`, no socket, nothing queued, no LiveKit room it may still have and no call that may
   * still be running, and no deadline pending (its timer lives in this actor; a reloaded actor
   * would re-arm it, but nothing would reload it in time). Everything else is in the store.
   */
  idleSince(before: number): boolean {
    return (
      this.lastUsed <= before &&
      this.pending === 0 &&
      this.socketCount === 0 &&
      this.knownRooms.size === 0 &&
      !this.mediaActive &&
      this.deadlines.pending === null
    );
  }

  /**
   * Dropped from memory: its timer is stopped and it runs no more media passes. Whoever still
   * holds it (a request that looked it up earlier) is sent on to `successor`, the meeting's actor
   * loaded again from the store, so two actors never write one meeting.
   */
  retire(successor: () => Promise<RoomActor | undefined>): void {
    this.deadlines.stop();
    this.mediaSuspended = true;
    this.successor = successor;
  }

  /**
   * Runs `there` on the actor that replaced this one once it was evicted, `here` on this one
   * while it is live (or when nothing replaced it: a purged meeting).
   */
  private viaSuccessor<T>(
    there: (actor: RoomActor) => Promise<T>,
    here: () => Promise<T>,
  ): Promise<T> {
    if (!this.successor) return here();
    return this.successor().then((a) => (a && a !== this ? there(a) : here()));
  }

  private enqueueEffect<T>(fn: () => Promise<T>): Promise<T> {
    const [run, tail] = chain(this.effectsTail, this.tracked(fn), (err) =>
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
    return this.viaSuccessor(
      (a) => a.dispatch(command, clientId),
      () => this.enqueue(async () => this.applyAndFollow(command, clientId)),
    );
  }

  /**
   * Applies a command, then (accepted or refused) sets the timer for the state's earliest deadline:
   * a deadline whose timer fired early and was refused is scheduled again. Not after a failed
   * write (a closed or broken store): the state did not change, and a timer set again at once
   * would only fail again, at once, for ever.
   */
  private async applyAndFollow(
    command: RoomCommand,
    clientId: string | null,
  ): Promise<Ack<{ version: number }>> {
    const ack = await this.apply(command, clientId);
    this.followDeadlines();
    return ack;
  }

  private async apply(
    command: RoomCommand,
    clientId: string | null,
  ): Promise<Ack<{ version: number }>> {
    const { logger, clock, metrics } = this.deps;
    const started = performance.now();
    if (clientId) {
      // A retry of a command already applied: the same answer, applied once.
      const done = this.appliedIds.get(clientId);
      if (done !== undefined) return { ok: true, data: { version: done } };
    }
    const now = clock.now();
    const ctx: DecideContext = {
      now,
      newId: this.deps.newId,
      partyGraceMs: this.deps.partyGraceMs,
    };
    const result = decide(this.state, command, ctx);
    metrics?.decided(command.type);
    if (!result.ok) {
      metrics?.rejected(result.error.code);
      logger.debug('command.rejected', {
        meetingId: this.meetingId,
        command: command.type,
        code: result.error.code,
      });
      return { ok: false, error: result.error };
    }
    const before = this.state;
    // Written before anyone hears of it: the command row, the new snapshot and the audit rows, in
    // the database (SQLite's log, or committed in PostgreSQL), where a restart after a crash or
    // another node taking the meeting over finds them. If this throws, nothing changed. The
    // meeting's queue waits for it: nothing else of this meeting runs meanwhile.
    const { durable } = await this.deps.commands.write({
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
      // The meeting's row follows its state in the same transaction (open, live, ended).
      status: before.status !== result.state.status ? result.state.status : null,
      // So does an interpreter's link on the case, and the links of someone turned away.
      interpreterLinks: interpreterLinkChanges(before, result.state),
      withdrawLinksOf: result.events.flatMap((e) =>
        e.type === 'member.denied' && e.targetId ? [e.targetId] : [],
      ),
    });
    this.state = result.state;
    // The timer follows the new state's deadlines at once, not only once the command is durable.
    this.followDeadlines();
    logger.debug('command.applied', {
      meetingId: this.meetingId,
      command: command.type,
      version: result.state.version,
    });
    this.broadcast(result.events, 'actorId' in command ? command.actorId : null);
    void this.enqueueEffect(() => this.runEffects(result.effects)).catch(() => undefined);
    void this.syncMedia().catch(() => undefined);
    // Acknowledged only once it is on the disk itself (fsynced, with the other meetings' commands
    // of the same moment): nothing acknowledged is lost, not even to a power cut. The meeting's
    // next command waits for this too, so a retry always finds its first attempt answered.
    await durable;
    if (clientId) {
      this.appliedIds.set(clientId, result.state.version);
      if (this.appliedIds.size > REMEMBERED_COMMANDS)
        this.appliedIds.delete(this.appliedIds.keys().next().value!);
    }
    metrics?.acked(command.type, (performance.now() - started) / 1000);
    return { ok: true, data: { version: result.state.version } };
  }

  /** The view each person gets now (null: nothing to see). */
  viewFor(memberId: string): RoomView | null {
    return toRoomView(this.state, memberId);
  }

  /** The same, as a MeetingHandle answers it (rooms/handle.ts). */
  view(memberId: string): Promise<RoomView | null> {
    return Promise.resolve(this.viewFor(memberId));
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

  /**
   * A socket of this member connected; the first one marks them present. Counted and decided in
   * the meeting's queue, in order with everything else: a socket that connects and drops at once
   * is counted in, then out, and the person ends disconnected.
   */
  attach(memberId: string): Promise<void> {
    return this.viaSuccessor(
      (a) => a.attach(memberId),
      () =>
        this.enqueue(async () => {
          const n = (this.sockets.get(memberId) ?? 0) + 1;
          this.sockets.set(memberId, n);
          if (n === 1) await this.applyAndFollow({ type: 'system.connect', memberId }, null);
        }),
    );
  }

  /** A socket of this member closed; the last one marks them gone (in the queue, like attach). */
  detach(memberId: string): Promise<void> {
    return this.viaSuccessor(
      (a) => a.detach(memberId),
      () => this.detachHere(memberId),
    );
  }

  private detachHere(memberId: string): Promise<void> {
    return this.enqueue(async () => {
      const n = (this.sockets.get(memberId) ?? 1) - 1;
      if (n > 0) {
        this.sockets.set(memberId, n);
        return;
      }
      this.sockets.delete(memberId);
      if (this.state.members[memberId]?.connected) {
        await this.applyAndFollow({ type: 'system.disconnect', memberId }, null);
      }
    });
  }

  /** Whether any socket of this member is counted in here. */
  hasSocket(memberId: string): boolean {
    return (this.sockets.get(memberId) ?? 0) > 0;
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
      // Rooms are never created by a join (auto_create is off): the token is only answered once
      // its room exists. The sync deletes it again when nobody may be in it.
      this.knownRooms.add(room);
      await lk.createRoom(room);
      const token = await lk.mintToken({ room, identity: memberId, name: m.name, publish });
      return { ok: true, data: { url: lk.url, token, room: access.room, ice: lk.ice } };
    });
  }

  private async runEffects(effects: RoomEffect[]): Promise<void> {
    const lk = this.deps.livekit;
    for (const e of effects) {
      switch (e.type) {
        case 'livekit.mute':
          if (lk) await muteMember(lk, this.state, e.memberId);
          break;
      }
    }
  }

  /**
   * Brings LiveKit to the state (server/src/livekit/mediaSync.ts): one pass in the LiveKit queue,
   * after everything queued before it. Requests made while a pass waits to start join that pass,
   * so a burst of commands leads to one pass after the last, and two passes never overlap.
   * `existing`: the meeting's LiveKit rooms when the caller has just listed them (the sweep).
   */
  syncMedia(existing?: string[]): Promise<SyncReport | null> {
    const lk = this.deps.livekit;
    if (!lk || this.mediaSuspended) return Promise.resolve(null);
    if (this.syncQueued && !existing) return this.syncQueued;
    const pass = this.enqueueEffect(async () => {
      if (this.syncQueued === pass) this.syncQueued = null;
      if (this.mediaSuspended) return null;
      const grace = this.deps.clock.now() < this.restoreGraceUntil;
      const live = wantedMedia(this.state);
      // In the restore grace, calls still running are kept, but no room is opened for them.
      const wanted = grace ? wantedMedia(this.state, () => true) : live;
      const report = await syncMedia(lk, this.meetingId, wanted, {
        existing: existing?.filter((n) => isMeetingRoom(this.meetingId, n)),
        alsoCheck: this.knownRooms,
        create: new Set(live.keys()),
      });
      this.knownRooms = new Set(wanted.keys());
      if (report.removed.length || report.updated.length || report.deleted.length) {
        this.deps.logger.info('livekit.synced', {
          meetingId: this.meetingId,
          removed: report.removed.length,
          updated: report.updated.length,
          deleted: report.deleted.length,
        });
      }
      return report;
    });
    if (!existing) this.syncQueued = pass;
    return pass;
  }

  /**
   * True when someone may be in this meeting's calls (a member is connected, or a restart's grace
   * runs): the sweep looks at such meetings, and at those LiveKit holds rooms for, and no others.
   */
  get mediaActive(): boolean {
    return (
      this.deps.clock.now() < this.restoreGraceUntil ||
      membersOf(this.state).some((m) => m.connected)
    );
  }

  /**
   * After a restart: every room LiveKit has for this meeting is compared with the restored state
   * (the process that wrote it may have died before telling LiveKit). People admitted keep their
   * calls for RESTORE_GRACE_MS while their sockets come back.
   */
  async restoreLiveKit(): Promise<void> {
    const lk = this.deps.livekit;
    if (!lk) return;
    const existing = (await lk.listRooms()).filter((n) => isMeetingRoom(this.meetingId, n));
    await this.syncMedia(existing);
  }

  /**
   * Shutdown: no more media passes from this process. The calls keep running in LiveKit; the next
   * process restores them (see restoreLiveKit), so a restart does not cut every call.
   */
  suspendMedia(): void {
    this.mediaSuspended = true;
  }

  /** Waits for every queued command and effect (tests and shutdown). */
  async idle(): Promise<void> {
    await this.enqueue(async () => undefined);
    await this.enqueueEffect(async () => undefined);
  }
}

/** The interpreter links that differ between two states of a meeting (CommitRecord). */
export function interpreterLinkChanges(
  before: RoomState,
  after: RoomState,
): InterpreterLinkChange[] {
  const changes: InterpreterLinkChange[] = [];
  for (const [id, m] of Object.entries(after.members)) {
    const was = before.members[id]?.interpretsFor ?? null;
    const now = m.interpretsFor ?? null;
    if (was?.memberId === now?.memberId && was?.mode === now?.mode) continue;
    changes.push({
      personId: id,
      interpretsFor: now ? { memberId: now.memberId, mode: now.mode } : null,
    });
  }
  return changes;
}
