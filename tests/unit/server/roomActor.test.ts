// RoomActor's broadcast: everyone connected gets the new version's view, the person who acted last
// (the others hear of the change first; the actor's ack follows every view anyway).
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/src/logger';
import { REMEMBERED_COMMANDS, RoomActor } from '../../../server/src/rooms/RoomActor';
import type { CommitWriter } from '../../../server/src/store/commitWriter';
import { GroupCommit } from '../../../server/src/store/groupCommit';
import type { Repo } from '../../../server/src/store/repo';
import { EVERYONE, ID, meeting } from '../shared/room/helpers';

const stored: CommitWriter = {
  write: async (batch) => batch.map(() => null),
  close: async () => undefined,
};

function actor(writer = stored, snapshotVersion: () => number | undefined = () => undefined) {
  const published: { memberId: string; version: number | null }[] = [];
  const h = meeting();
  const a = new RoomActor(h.state, {
    repo: {
      recentClientIds: () => [],
      setMeetingStatus: () => undefined,
      snapshotVersion,
    } as unknown as Repo,
    commits: new GroupCommit(writer),
    livekit: null,
    logger: createLogger('error', () => undefined),
    clock: { now: () => h.ctx.now, setTimeout: () => ({}) },
    newId: () => 'id-1',
    partyGraceMs: 1000,
    publish: (_meetingId, memberId, view) =>
      published.push({ memberId, version: view?.version ?? null }),
  });
  return { a, published };
}

describe('RoomActor broadcast', () => {
  it('sends every connected person the new view, the one who acted last', async () => {
    const { a, published } = actor();
    for (const id of EVERYONE) await a.attach(id);
    published.length = 0;
    const ack = await a.dispatch({
      type: 'floor.give',
      holder: { kind: 'party', party: 'patient' },
      actorId: ID.facilitator,
    });
    expect(ack.ok).toBe(true);
    expect(published.map((p) => p.memberId)).toEqual([
      ...EVERYONE.filter((id) => id !== ID.facilitator),
      ID.facilitator,
    ]);
    expect(new Set(published.map((p) => p.version))).toEqual(new Set([a.state.version]));
  });

  it('answers a retried command from the last REMEMBERED_COMMANDS ids, and forgets older ones', async () => {
    const { a } = actor();
    const lock = (n: number) =>
      a.dispatch({ type: 'lobby.lock', locked: n % 2 === 0, actorId: ID.facilitator }, `c-${n}`);
    const first = await lock(0);
    for (let n = 1; n <= REMEMBERED_COMMANDS; n++) expect((await lock(n)).ok).toBe(true);
    const version = a.state.version;
    // c-1 is among the newest REMEMBERED_COMMANDS: the same answer, nothing applied again.
    expect(await lock(1)).toEqual({
      ok: true,
      data: { version: version - REMEMBERED_COMMANDS + 1 },
    });
    expect(a.state.version).toBe(version);
    // c-0 is the oldest, forgotten: it is applied as a new command.
    expect(first).toEqual({ ok: true, data: { version: version - REMEMBERED_COMMANDS } });
    expect(await lock(0)).toEqual({ ok: true, data: { version: version + 1 } });
  });
});

/** A store whose commit thread can be made to die before or after its transaction commits. */
function flakyStore() {
  let onDisk: number | undefined;
  const store = {
    mode: 'ok' as 'ok' | 'dies before committing' | 'dies after committing',
    snapshotVersion: () => onDisk,
    writer: {
      write: async (batch) => {
        if (store.mode !== 'dies before committing') onDisk = batch.at(-1)!.snapshot[1] as number;
        if (store.mode !== 'ok') throw new Error('the commit thread stopped (exit code 1)');
        return batch.map(() => null);
      },
      close: async () => undefined,
    } satisfies CommitWriter,
  };
  return store;
}

describe('RoomActor when the commit thread dies', () => {
  const lock = { type: 'lobby.lock', locked: true, actorId: ID.facilitator } as const;

  async function connected() {
    const store = flakyStore();
    const { a, published } = actor(store.writer, store.snapshotVersion);
    await a.attach(ID.facilitator);
    published.length = 0;
    return { a, published, store, before: a.state };
  }

  it('after its transaction committed: the command counts as applied, and the next one goes on', async () => {
    const { a, published, store, before } = await connected();
    store.mode = 'dies after committing';
    // The answer was lost, but the command is on disk: acknowledged, shown, remembered for a retry.
    const applied = { ok: true, data: { version: before.version + 1 } };
    expect(await a.dispatch(lock, 'c-1')).toEqual(applied);
    expect(a.state.locked).toBe(true);
    expect(published).toEqual([{ memberId: ID.facilitator, version: before.version + 1 }]);
    expect(await a.dispatch(lock, 'c-1')).toEqual(applied);
    // A new thread: the meeting goes on from the version on disk.
    store.mode = 'ok';
    expect(await a.dispatch({ ...lock, locked: false }, 'c-2')).toEqual({
      ok: true,
      data: { version: before.version + 2 },
    });
  });

  it('before its transaction committed: the command fails and changes nothing, and a retry applies it', async () => {
    const { a, published, store, before } = await connected();
    store.mode = 'dies before committing';
    await expect(a.dispatch(lock, 'c-1')).rejects.toThrow(/commit thread stopped/);
    expect(a.state).toBe(before);
    expect(published).toEqual([]);
    store.mode = 'ok';
    expect(await a.dispatch(lock, 'c-1')).toEqual({
      ok: true,
      data: { version: before.version + 1 },
    });
    expect(published).toEqual([{ memberId: ID.facilitator, version: before.version + 1 }]);
  });
});
