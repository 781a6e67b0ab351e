// RoomActor's broadcast: everyone connected gets the new version's view, the person who acted last
// (the others hear of the change first; the actor's ack follows every view anyway).
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/src/logger';
import { RoomActor } from '../../../server/src/rooms/RoomActor';
import type { CommitWriter } from '../../../server/src/store/commitWriter';
import { GroupCommit } from '../../../server/src/store/groupCommit';
import type { Repo } from '../../../server/src/store/repo';
import { EVERYONE, ID, meeting } from '../shared/room/helpers';

const stored: CommitWriter = {
  write: async (batch) => batch.map(() => null),
  close: async () => undefined,
};

function actor() {
  const published: { memberId: string; version: number | null }[] = [];
  const h = meeting();
  const a = new RoomActor(h.state, {
    repo: { recentClientIds: () => [], setMeetingStatus: () => undefined } as unknown as Repo,
    commits: new GroupCommit(stored),
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
});
