// toRoomView: the per-viewer projection. Nobody sees anyone before admission; only facilitators
// see the lobby, prompts, side rooms, requests, messages, alerts and the speaking timer.
import { describe, expect, it } from 'vitest';
import { toRoomView, viewsOf } from '../../../../shared/room/views';
import {
  EVERYONE,
  ID,
  join,
  meeting,
  without,
  FAC,
  COFAC,
  PAT,
  HCW,
  ORG,
  INT,
  OBS,
} from './helpers';

describe('toRoomView', () => {
  it('shows someone waiting only themselves: no people, floor, board or facilitator data', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    h.act(HCW, { type: 'floor.request' });
    join(h, [ORG]);
    const view = h.view(ORG);
    expect(view.me).toMatchObject({
      id: ORG,
      status: 'waiting',
      isFacilitator: false,
      media: null,
    });
    expect(view.members.map((m) => m.id)).toEqual([ORG]);
    expect(view.floor).toEqual({ mode: 'gentle', holder: null, open: false, queue: [] });
    expect(view.board).toBeNull();
    expect(view.facilitator).toBeNull();
    expect(view.privateConversation).toBe(false);
    expect(view.timers.turn).toBeNull();
    expect(view.version).toBe(h.state.version);
  });

  it('gives facilitators the lobby, prompts, soft limit, side rooms, requests, messages and alerts', () => {
    const h = meeting({ present: without(EVERYONE, ORG, OBS), softTurnLimitSec: 120 });
    join(h, [ORG]);
    h.act(PAT, { type: 'pause.request', reason: null });
    h.act(HCW, { type: 'message.toFacilitators', text: 'hello' });
    h.act(HCW, { type: 'self.stepOut' });
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [PAT],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    const f = h.view(FAC).facilitator;
    expect(f?.lobby.map((e) => [e.id, e.status])).toEqual([
      [ORG, 'waiting'],
      [OBS, 'invited'],
    ]);
    expect(f?.prompts).toHaveLength(h.state.phases.length);
    expect(f?.softTurnLimitSec).toBe(120);
    expect(f?.sideRooms).toEqual(h.state.sideRooms);
    expect(f?.pauseRequests).toEqual(h.state.pauseRequests);
    expect(f?.messages).toEqual(h.state.messages);
    expect(f?.alerts).toEqual(h.state.alerts);
    expect(h.view(FAC).me.isFacilitator).toBe(true);
  });

  it('shows the speaking timer to facilitators only (regression: everyone saw it)', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: HCW } });
    expect(h.view(FAC).timers.turn).toEqual(h.state.timers.turn);
    expect(h.view(COFAC).timers.turn).toEqual(h.state.timers.turn);
    for (const id of without(EVERYONE, FAC, COFAC)) {
      const view = h.view(id);
      expect(view.timers.turn).toBeNull();
      expect(view.timers.meeting).toEqual(h.state.timers.meeting);
      expect(view.timers.phase).toEqual(h.state.timers.phase);
    }
  });

  it('shows everyone admitted the people, the floor and the phases without prompts', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'hcw' } });
    const view = h.view(INT);
    expect(view.members.map((m) => m.id)).toEqual(EVERYONE);
    expect(view.members.filter((m) => m.hasFloor).map((m) => m.id)).toEqual([HCW, ID.hcw_support]);
    expect(view.floor.holder).toEqual({ kind: 'party', party: 'hcw' });
    expect(view.phases[0]).not.toHaveProperty('prompt');
  });

  it('hides how a pause will be resumed', () => {
    const h = meeting();
    h.act(FAC, { type: 'pause.start', message: 'Breathe', breakMinutes: 2 });
    expect(h.view(PAT).pause).not.toHaveProperty('resume');
  });

  it('gives no view to denied, removed or unknown people', () => {
    const h = meeting({ present: without(EVERYONE, OBS) });
    join(h, [OBS]);
    h.act(FAC, { type: 'lobby.deny', memberId: OBS });
    h.act(FAC, { type: 'member.remove', memberId: ORG });
    expect(toRoomView(h.state, OBS)).toBeNull();
    expect(toRoomView(h.state, ORG)).toBeNull();
    expect(toRoomView(h.state, 'ghost')).toBeNull();
  });

  it('shares the parts viewers see alike within one version, and each view equals one built alone', () => {
    const h = meeting({ softTurnLimitSec: 60 });
    h.act(FAC, { type: 'pause.start', message: 'Breathe', breakMinutes: 2 });
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [HCW],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    const view = viewsOf(h.state);
    const [fac, cofac, pat, int, hcw] = [
      view(FAC)!,
      view(COFAC)!,
      view(PAT)!,
      view(INT)!,
      view(HCW)!,
    ];
    expect(pat.members).toBe(int.members);
    expect(hcw.members).not.toBe(pat.members); // seen from the side room: others are away
    expect(pat.phases).toBe(fac.phases);
    expect(pat.pause).toBe(fac.pause);
    expect(pat.timers).toBe(int.timers);
    expect(fac.timers).toBe(cofac.timers);
    expect(fac.facilitator).toBe(cofac.facilitator);
    for (const [id, v] of [
      [FAC, fac],
      [COFAC, cofac],
      [PAT, pat],
      [INT, int],
      [HCW, hcw],
    ] as const) {
      expect(JSON.stringify(v)).toBe(JSON.stringify(toRoomView(h.state, id)));
    }
    // Shared parts are frozen: one viewer's view cannot change another's, nor the state.
    expect(() => pat.members.pop()).toThrow(TypeError);
    expect(() => ((pat.timers as { turn: unknown }).turn = h.state.timers.turn)).toThrow(TypeError);
  });

  it('says what each person may do now (me.can): in a live meeting, only their own controls', () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    join(h, [ORG]);
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    const everyone = ['requestPause', 'stepOut', 'leave', 'messageFacilitators'] as const;
    const flags = (id: string) => Object.keys(h.view(id).me.can).sort();
    expect(flags(PAT)).toEqual(['finishFloor', 'passFloor', 'propose', ...everyone].sort());
    expect(flags(HCW)).toEqual(['requestFloor', 'propose', ...everyone].sort());
    expect(flags(INT)).toEqual([...everyone].sort());
    expect(flags(OBS)).toEqual(['leave', 'stepOut']);
    expect(flags(ORG)).toEqual(['leave', 'messageFacilitators', 'requestPause']);
    const fac = h.view(FAC).me.can;
    expect(fac).toMatchObject({ admit: true, giveFloor: true, end: true, endSafely: true });
    expect(fac.requestFloor).toBeUndefined();
    // Mute: the admitted participants; remove: them and the co-facilitator (never the lead, not
    // oneself), and the person waiting.
    const participants = without(EVERYONE, FAC, COFAC, ORG);
    expect(fac.mute).toEqual(participants);
    // One version's views share the facilitators' lists (frozen).
    const views = viewsOf(h.state);
    expect(views(COFAC)!.me.can.mute).toBe(views(FAC)!.me.can.mute);
    expect(fac.remove).toEqual([COFAC, ...without(EVERYONE, FAC, COFAC)]);
    expect(h.view(COFAC).me.can.remove).toEqual(without(EVERYONE, FAC, COFAC));
    expect(fac.giveFloorToParties).toEqual(['patient', 'hcw', 'other']);
    expect(fac.giveFloorToPeople).toEqual([ID.patient, ID.patient_support, HCW, ID.hcw_support]);
    expect(() => (fac.mute as string[]).pop()).toThrow(TypeError);
  });

  it('lists the items a person may consent to, and nothing of the kind for those who may not', () => {
    const h = meeting();
    h.act(PAT, {
      type: 'board.propose',
      fields: {
        text: 'A letter',
        category: 'answers',
        owner: '',
        ownerMemberId: null,
        dueDate: null,
        completionEvidence: '',
        visibleTo: ['patient'],
        affectedParties: ['patient'],
      },
    });
    const item = h.state.board.items[0]!.id;
    expect(h.view(PAT).me.can.consentTo).toEqual([item]);
    expect(h.view(HCW).me.can.consentTo).toBeUndefined();
    expect(h.view(ID.patient_support).me.can.consentTo).toBeUndefined();
    expect(h.view(FAC).me.can.consentTo).toBeUndefined();
  });
});
