// The meeting's life (start, end, end safely), the script and the phases.
import { describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../../../../shared/protocol/commands';
import { elapsedMs } from '../../../../../shared/room/stopwatch';
import {
  EVERYONE,
  meeting,
  start,
  without,
  FAC,
  COFAC,
  PAT,
  PAT_SUP,
  HCW,
  HCW_SUP,
  ORG,
  INT,
} from '../helpers';

describe('meeting.start', () => {
  it('starts the meeting at the first phase with the meeting and phase timers running', () => {
    const h = meeting({ start: false });
    const now = h.tick();
    const d = h.act(COFAC, { type: 'meeting.start' });
    expect(d.events).toEqual([{ type: 'meeting.started', actorId: COFAC }]);
    expect(h.state).toMatchObject({ status: 'live', startedAt: now, phaseIndex: 0, pause: null });
    expect(h.state.timers.meeting).toEqual({ runningSince: now, accumulatedMs: 0 });
    expect(h.state.timers.phase).toEqual({ runningSince: now, accumulatedMs: 0 });
    expect(h.state.timers.turn).toEqual({ runningSince: null, accumulatedMs: 0 });
    expect(h.state.floor.holder).toBeNull();
  });

  it('is refused to anyone but a facilitator, and once started or ended', () => {
    const h = meeting({ start: false });
    h.refuses(PAT, { type: 'meeting.start' }, 'FORBIDDEN');
    start(h);
    h.refuses(FAC, { type: 'meeting.start' }, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, { type: 'meeting.start' }, 'INVALID_STATE');
  });
});

describe('meeting.end', () => {
  it('ends for everyone: timers stop where they were, media and private content go', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    h.act(HCW, { type: 'floor.request' });
    h.act(PAT, { type: 'message.toFacilitators', text: 'Thank you' });
    h.act(HCW, { type: 'pause.request', reason: null });
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [ORG],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    h.tick(60_000);
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    const meetingMs = elapsedMs(h.state.timers.meeting, h.ctx.now);
    const endAt = h.tick(5_000);
    const d = h.act(FAC, { type: 'meeting.end' });
    expect(d.events).toEqual([{ type: 'meeting.ended', actorId: FAC }]);
    // The media sync closes the LiveKit rooms (nobody has mediaAccess after the end).
    expect(d.effects).toEqual([]);
    expect(h.state).toMatchObject({ status: 'ended', endedAt: endAt, pause: null, sideRooms: [] });
    expect(h.state.floor).toMatchObject({ holder: null, queue: [] });
    expect(h.state.messages).toEqual([]);
    expect(h.state.pauseRequests).toEqual([]);
    expect(elapsedMs(h.state.timers.meeting, endAt + 3_600_000)).toBe(meetingMs);
    for (const id of EVERYONE) expect(h.media(id)).toBeNull();
    expect(h.view(PAT).status).toBe('ended');
  });

  it('is refused to anyone but a facilitator, and twice', () => {
    const h = meeting();
    h.refuses(HCW, { type: 'meeting.end' }, 'FORBIDDEN');
    h.act(COFAC, { type: 'meeting.end' });
    h.refuses(FAC, { type: 'meeting.end' }, 'INVALID_STATE');
  });
});

describe('meeting.endSafely', () => {
  it('sends each story party to its own debrief room, each with a facilitator', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'hcw' } });
    h.act(PAT, { type: 'floor.request' });
    const d = h.act(FAC, { type: 'meeting.endSafely' });
    expect(d.events).toEqual([{ type: 'meeting.endedSafely', actorId: FAC }]);
    const [patientRoom, hcwRoom] = h.state.sideRooms;
    expect(h.state.sideRooms).toHaveLength(2);
    expect(patientRoom).toMatchObject({
      purpose: 'debrief',
      memberIds: [PAT, PAT_SUP],
      facilitatorIds: [FAC],
    });
    expect(hcwRoom).toMatchObject({
      purpose: 'debrief',
      memberIds: [HCW, HCW_SUP],
      facilitatorIds: [COFAC],
    });
    expect(h.state).toMatchObject({ status: 'live', endedSafely: true, pause: null });
    expect(h.state.phases[h.state.phaseIndex]?.kind).toBe('debrief');
    expect(h.state.floor).toMatchObject({ holder: null, queue: [], open: false });
    expect(h.media(PAT)?.room).toBe(patientRoom?.id);
    expect(h.media(HCW_SUP)?.room).toBe(hcwRoom?.id);
    expect(h.media(ORG)?.room).toBe('main');
    expect(h.view(ORG).privateConversation).toBe(true);
  });

  it('with one facilitator, the patient party debriefs with them and the other party gets the aftercare screen', () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    const d = h.act(FAC, { type: 'meeting.endSafely' });
    expect(h.state.sideRooms.map((r) => [r.memberIds, r.facilitatorIds])).toEqual([
      [[PAT, PAT_SUP], [FAC]],
    ]);
    // Never a debrief room without a facilitator: the clinicians leave, to the aftercare screen.
    for (const id of [HCW, HCW_SUP]) {
      expect(h.member(id)).toMatchObject({ status: 'left', sideRoomId: null });
      expect(h.media(id)).toBeNull();
    }
    expect(d.events).toEqual([
      { type: 'member.sentToAftercare', actorId: FAC, targetId: HCW },
      { type: 'member.sentToAftercare', actorId: FAC, targetId: HCW_SUP },
      { type: 'meeting.endedSafely', actorId: FAC },
    ]);
    // They may knock again with their link, and a facilitator lets them in for their debrief.
    h.act(HCW, { type: 'lobby.join' });
    expect(h.member(HCW).status).toBe('waiting');
  });

  it('only a facilitator who is here hosts a debrief', () => {
    const h = meeting();
    h.system({ type: 'system.disconnect', memberId: FAC });
    h.act(COFAC, { type: 'meeting.endSafely' });
    expect(h.state.sideRooms.map((r) => [r.memberIds, r.facilitatorIds])).toEqual([
      [[PAT, PAT_SUP], [COFAC]],
    ]);
    expect(h.member(HCW).status).toBe('left');
  });

  it('ends a pause, open discussion and any side room, and leaves out a party not there', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.open', open: true });
    h.act(HCW, { type: 'self.leave' });
    h.act(HCW_SUP, { type: 'self.leave' });
    h.act(FAC, { type: 'sideRoom.open', memberIds: [PAT], facilitatorIds: [], purpose: 'caucus' });
    h.act(COFAC, { type: 'pause.start', message: null, breakMinutes: 5 });
    h.act(COFAC, { type: 'meeting.endSafely' });
    expect(h.state.pause).toBeNull();
    expect(h.state.floor.open).toBe(false);
    expect(h.state.sideRooms).toHaveLength(1);
    expect(h.state.sideRooms[0]).toMatchObject({
      memberIds: [PAT, PAT_SUP],
      facilitatorIds: [FAC],
    });
  });

  it('is refused to anyone but a facilitator, before the start, with nobody to debrief', () => {
    const h = meeting({ start: false });
    h.refuses(PAT, { type: 'meeting.endSafely' }, 'FORBIDDEN');
    h.refuses(FAC, { type: 'meeting.endSafely' }, 'INVALID_STATE');
    const empty = meeting({ present: [FAC, ORG, INT] });
    empty.refuses(FAC, { type: 'meeting.endSafely' }, 'INVALID_STATE');
    empty.act(FAC, { type: 'meeting.end' });
    empty.refuses(FAC, { type: 'meeting.endSafely' }, 'INVALID_STATE');
  });

  it('is refused a second time: the parties are already in their debriefs', () => {
    const h = meeting();
    h.act(FAC, { type: 'meeting.endSafely' });
    const rooms = h.state.sideRooms;
    h.refuses(COFAC, { type: 'meeting.endSafely' }, 'INVALID_STATE');
    expect(h.state.sideRooms).toBe(rooms);
  });
});

describe('script.update', () => {
  const script: Extract<ClientCommand, { type: 'script.update' }> = {
    type: 'script.update',
    phases: [
      { id: 'welcome', kind: 'opening', name: 'Welcome', party: 'hcw', prompt: 'Say hello' },
      { kind: 'story', name: 'Their story', party: 'hcw', prompt: '' },
      { id: 'welcome', kind: 'story', name: 'Our story', party: 'patient', prompt: '' },
    ],
    storyOrder: ['hcw', 'patient'],
    floorMode: 'protected',
    softTurnLimitSec: 300,
  };

  it('replaces the script before the start: ids given where missing or repeated', () => {
    const h = meeting({ start: false });
    const d = h.act(FAC, script);
    expect(d.events).toEqual([{ type: 'script.updated', actorId: FAC }]);
    expect(h.state.phases).toEqual([
      { id: 'welcome', kind: 'opening', name: 'Welcome', party: null, prompt: 'Say hello' },
      { id: 'id-1', kind: 'story', name: 'Their story', party: 'hcw', prompt: '' },
      { id: 'id-2', kind: 'story', name: 'Our story', party: 'patient', prompt: '' },
    ]);
    expect(h.state.storyOrder).toEqual(['hcw', 'patient']);
    expect(h.state.floor.mode).toBe('protected');
    expect(h.state.timers.softTurnLimitSec).toBe(300);
    expect(h.view(FAC).facilitator?.prompts).toEqual(['Say hello', '', '']);
    expect(h.view(PAT).phases[0]).toEqual({
      id: 'welcome',
      kind: 'opening',
      name: 'Welcome',
      party: null,
    });
  });

  it('is refused after the start, to non-facilitators, and for an unusable script', () => {
    const h = meeting({ start: false });
    h.refuses(PAT, script, 'FORBIDDEN');
    h.refuses(FAC, { ...script, storyOrder: ['patient', 'patient'] }, 'INVALID_STATE');
    h.refuses(
      FAC,
      { ...script, phases: [{ kind: 'story', name: '', party: null, prompt: '' }] },
      'INVALID_STATE',
    );
    start(h);
    h.refuses(FAC, script, 'INVALID_STATE');
    h.act(FAC, { type: 'meeting.end' });
    h.refuses(FAC, script, 'INVALID_STATE');
  });
});

describe('phase.next and phase.previous', () => {
  it('steps through the script, restarting the phase timer and handing a story phase its party', () => {
    const h = meeting();
    const meetingStart = h.state.timers.meeting.runningSince;
    const t1 = h.tick(60_000);
    expect(h.act(FAC, { type: 'phase.next' }).events).toEqual([
      { type: 'phase.changed', actorId: FAC },
    ]);
    expect(h.state.phaseIndex).toBe(1);
    expect(h.state.timers.phase).toEqual({ runningSince: t1, accumulatedMs: 0 });
    expect(h.state.timers.meeting.runningSince).toBe(meetingStart);
    const t2 = h.tick(60_000);
    h.act(COFAC, { type: 'phase.next' });
    expect(h.state.phases[h.state.phaseIndex]?.id).toBe('story-patient');
    expect(h.state.floor.holder).toEqual({ kind: 'party', party: 'patient' });
    expect(h.state.timers.turn).toEqual({ runningSince: t2, accumulatedMs: 0 });
    h.act(FAC, { type: 'phase.next' });
    expect(h.state.floor.holder).toEqual({ kind: 'party', party: 'hcw' });
    h.act(FAC, { type: 'phase.next' });
    expect(h.state.floor.holder).toBeNull();
    h.act(FAC, { type: 'phase.previous' });
    expect(h.state.phaseIndex).toBe(3);
    expect(h.view(PAT).phaseIndex).toBe(3);
  });

  it('closes open discussion on a phase change', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.open', open: true });
    h.act(FAC, { type: 'phase.next' });
    expect(h.state.floor.open).toBe(false);
  });

  it('stops at both ends of the script', () => {
    const h = meeting();
    h.refuses(FAC, { type: 'phase.previous' }, 'INVALID_STATE');
    for (let i = 1; i < h.state.phases.length; i++) h.act(FAC, { type: 'phase.next' });
    expect(h.state.phaseIndex).toBe(h.state.phases.length - 1);
    h.refuses(FAC, { type: 'phase.next' }, 'INVALID_STATE');
  });

  it('is refused to non-facilitators, before the start, and during a pause', () => {
    const h = meeting({ start: false });
    h.refuses(FAC, { type: 'phase.next' }, 'INVALID_STATE');
    start(h);
    h.refuses(HCW, { type: 'phase.next' }, 'FORBIDDEN');
    h.refuses(PAT, { type: 'phase.previous' }, 'FORBIDDEN');
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    h.refuses(FAC, { type: 'phase.next' }, 'INVALID_STATE');
  });
});
