// The room state machine's contract: decide() dispatches every command to its concern's handler,
// rejects without changing anything, and never touches its input. Each concern's handlers have
// their tests in the folder of the same name.
import { describe, expect, it } from 'vitest';
import { decide } from '../../../../shared/room/decide';
import { createRoomState } from '../../../../shared/room/state';
import { apply, cast, createCtx, expectRejected, ID, meeting } from './helpers';

const { facilitator: FAC, patient: PAT } = ID;

describe('decide', () => {
  it('accepts a command with a new state one version up and never touches its input', () => {
    const state = createRoomState({ meetingId: 'm', members: cast() });
    const frozen = structuredClone(state);
    const result = decide(state, { type: 'system.connect', memberId: FAC }, createCtx());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.version).toBe(1);
    expect(result.state.members[FAC]?.connected).toBe(true);
    expect(state).toEqual(frozen);
  });

  it('rejects with a typed error and no state', () => {
    const state = createRoomState({ meetingId: 'm', members: cast() });
    const result = decide(state, { type: 'meeting.start', actorId: 'stranger' }, createCtx());
    expect(result).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You are not part of this meeting.' },
    });
  });

  it('is deterministic: the same state, command and context give the same decision', () => {
    const h = meeting();
    const cmd = { type: 'pause.request', reason: 'a moment', actorId: PAT } as const;
    const a = decide(h.state, cmd, { now: 42, newId: () => 'x' });
    const b = decide(h.state, cmd, { now: 42, newId: () => 'x' });
    expect(a).toEqual(b);
  });

  it('refuses any client command from someone who is not part of the meeting', () => {
    const h = meeting();
    h.refuses('stranger', { type: 'floor.request' }, 'FORBIDDEN');
    h.refuses('stranger', { type: 'lobby.join' }, 'FORBIDDEN');
  });
});

describe('apply and expectRejected (the helpers every test leans on)', () => {
  it('apply returns the next state; expectRejected checks the code and that nothing changed', () => {
    const h = meeting({ start: false });
    const live = apply(h.state, { type: 'meeting.start', actorId: FAC });
    expect(live.status).toBe('live');
    expect(h.state.status).toBe('open');
    const error = expectRejected(live, { type: 'meeting.start', actorId: FAC }, 'INVALID_STATE');
    expect(error.message).toBe('The meeting has already started.');
    expect(() => apply(live, { type: 'meeting.start', actorId: FAC })).toThrow(/INVALID_STATE/);
    expect(() =>
      expectRejected(live, { type: 'meeting.end', actorId: FAC }, 'INVALID_STATE'),
    ).toThrow();
  });
});
