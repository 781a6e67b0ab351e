// RoomActor: everyone connected gets the new version's view once the command is written, the
// person who acted last; the ack follows once the command is on the disk.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/src/logger';
import { REMEMBERED_COMMANDS, RoomActor } from '../../../server/src/rooms/RoomActor';
import type { CommandStore } from '../../../server/src/store/commandLog';
import type { Repo } from '../../../server/src/store/repo';
import { EVERYONE, ID, meeting } from '../shared/room/helpers';

const stored: CommandStore = { write: () => ({ durable: Promise.resolve() }) };

function actor(commands = stored) {
  const published: { memberId: string; version: number | null }[] = [];
  const h = meeting();
  const a = new RoomActor(h.state, {
    repo: {
      recentClientIds: () => [],
      setMeetingStatus: () => undefined,
    } as unknown as Repo,
    commands,
    livekit: null,
    logger: createLogger('error', () => undefined),
    clock: { now: () => h.ctx.now, setTimeout: () => ({}) },
    newId: () => 'id-1',
    partyGraceMs: 1000,
    publish: (_meetingId, deliveries) => {
      for (const { memberId, view } of deliveries)
        published.push({ memberId, version: view?.version ?? null });
    },
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

/** A store whose writes the test can make fail, and whose syncs finish when the test says so. */
function manualStore() {
  const syncs: { resolve: () => void; reject: (err: Error) => void }[] = [];
  const store = {
    writable: true,
    syncs,
    write: () => {
      if (!store.writable) throw new Error('the store cannot write to the disk (EIO)');
      return {
        durable: new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })),
      };
    },
  } satisfies CommandStore & Record<string, unknown>;
  return store;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('RoomActor: written, shown, then acknowledged', () => {
  const lock = { type: 'lobby.lock', locked: true, actorId: ID.facilitator } as const;

  async function connected() {
    const store = manualStore();
    const { a, published } = actor(store);
    const attached = a.attach(ID.facilitator);
    await tick();
    store.syncs.shift()!.resolve();
    await attached;
    published.length = 0;
    return { a, published, store, before: a.state };
  }

  it('sends the views once the command is written, and acknowledges it once it is on the disk', async () => {
    const { a, published, store, before } = await connected();
    let ack: unknown = null;
    const done = a.dispatch(lock, 'c-1').then((r) => (ack = r));
    await tick();
    expect(published).toEqual([{ memberId: ID.facilitator, version: before.version + 1 }]);
    expect(ack).toBeNull();
    store.syncs.shift()!.resolve();
    await done;
    expect(ack).toEqual({ ok: true, data: { version: before.version + 1 } });
  });

  it('a command the store cannot write fails, changes nothing and shows nothing', async () => {
    const { a, published, store, before } = await connected();
    store.writable = false;
    await expect(a.dispatch(lock, 'c-1')).rejects.toThrow(/cannot write to the disk/);
    expect(a.state).toBe(before);
    expect(published).toEqual([]);
    // Once it can write again, a retry is applied as a new command.
    store.writable = true;
    const retry = a.dispatch(lock, 'c-1');
    await tick();
    store.syncs.shift()!.resolve();
    expect(await retry).toEqual({ ok: true, data: { version: before.version + 1 } });
  });

  it('a command that does not reach the disk is not acknowledged', async () => {
    const { a, store } = await connected();
    const failed = a.dispatch(lock, 'c-1');
    await tick();
    store.syncs.shift()!.reject(new Error('the store could not write to the disk (EIO)'));
    await expect(failed).rejects.toThrow(/EIO/);
  });
});
