// The meeting states the `me.can` agreement test walks through: every status, the floor held by
// each kind of holder, a pause of each cause, side rooms, the board before and after
// finalisation, the end, and people waiting, invited, left, stepped out, denied and removed.
import { LIMITS } from '../../../../shared/protocol/constants';
import { agree, endMeeting, fields, propose } from './board/fixtures';
import {
  bringIn,
  connect,
  EVERYONE,
  join,
  meeting,
  room,
  start,
  without,
  type Harness,
  FAC,
  COFAC,
  PAT,
  PAT_SUP,
  HCW,
  HCW_SUP,
  ORG,
  INT,
  OBS,
} from './helpers';

/** A board with three items: one agreed, one owned by the healthcare worker, one for the patient only. */
function board(h: Harness): void {
  const agreed = propose(h, PAT);
  agree(h, agreed);
  const owned = propose(h, FAC, { ownerMemberId: HCW, text: 'Meet the ward team in March' });
  agree(h, owned);
  propose(h, PAT, { visibleTo: ['patient'], affectedParties: ['patient'], text: 'Call me' });
}

/** The lobby in every shape: someone waiting, invited, left, denied and removed. */
function crowd(h: Harness, waiting: string): void {
  connect(h, [waiting]);
  join(h, [waiting]);
  h.act(HCW_SUP, { type: 'self.leave' });
  h.act(FAC, { type: 'member.remove', memberId: INT });
}

export const SCENARIOS: Record<string, () => Harness> = {
  'open, nobody in yet': () => room(),
  'open, everyone admitted': () => meeting({ start: false }),
  'open, some waiting and invited, locked': () => {
    const h = meeting({ present: without(EVERYONE, ORG, OBS), start: false });
    connect(h, [ORG]);
    join(h, [ORG]);
    h.act(HCW_SUP, { type: 'self.leave' });
    h.act(FAC, { type: 'lobby.lock', locked: true });
    return h;
  },
  'open, parties together without a facilitator (paused before the start)': () => {
    const h = meeting({ present: [FAC, PAT, HCW], start: false });
    h.system({ type: 'system.disconnect', memberId: FAC });
    return h;
  },
  'live, facilitators hold the floor': () => meeting(),
  'live, the patient party holds the floor, people asking': () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    h.act(HCW, { type: 'floor.request' });
    h.act(ORG, { type: 'floor.request' });
    return h;
  },
  'live, the healthcare worker holds the floor in person': () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: HCW } });
    h.act(PAT_SUP, { type: 'floor.request' });
    return h;
  },
  'live, the other party holds the floor, in the last phase': () => {
    const h = meeting();
    for (let i = 1; i < h.state.phases.length; i++) h.act(FAC, { type: 'phase.next' });
    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'other' } });
    return h;
  },
  'live, open discussion, protected mode': () => {
    const h = meeting({ floorMode: 'protected' });
    h.act(FAC, { type: 'phase.next' });
    h.act(FAC, { type: 'floor.open', open: true });
    return h;
  },
  'live, paused by a facilitator with a request queued': () => {
    const h = meeting();
    h.act(PAT, { type: 'floor.request' });
    h.act(HCW, { type: 'pause.request', reason: null });
    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: 5 });
    return h;
  },
  'live, paused: the facilitators dropped (nobody can resume)': () => {
    const h = meeting({ present: [FAC, COFAC, PAT, HCW, OBS] });
    h.system({ type: 'system.disconnect', memberId: FAC });
    h.system({ type: 'system.disconnect', memberId: COFAC });
    return h;
  },
  'live, caucus with the patient party, inbox full': () => {
    const h = meeting();
    h.act(PAT, { type: 'message.toFacilitators', text: 'A word, please' });
    h.act(HCW, { type: 'pause.request', reason: 'tired' });
    h.act(ORG, { type: 'self.stepOut' });
    h.act(COFAC, {
      type: 'sideRoom.open',
      memberIds: [PAT, PAT_SUP],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    return h;
  },
  'live, lobby in every shape, someone stepped out': () => {
    const h = meeting({ present: without(EVERYONE, ORG, OBS) });
    crowd(h, ORG);
    h.act(PAT_SUP, { type: 'self.stepOut' });
    h.act(ORG, { type: 'message.toFacilitators', text: 'Hello' });
    h.act(ORG, { type: 'pause.request', reason: null });
    return h;
  },
  'live, check-in with someone waiting, the lead away': () => {
    const h = meeting({ present: without(EVERYONE, ORG) });
    connect(h, [ORG]);
    join(h, [ORG]);
    h.act(FAC, { type: 'sideRoom.open', memberIds: [ORG], facilitatorIds: [], purpose: 'checkin' });
    return h;
  },
  'live, no patient: patient support answers, board proposed': () => {
    const h = meeting({ present: without(EVERYONE, PAT) });
    propose(h, HCW, { affectedParties: ['patient', 'hcw'] });
    h.act(FAC, {
      type: 'board.propose',
      fields: fields({ text: 'Second', visibleTo: ['hcw'], affectedParties: ['hcw'] }),
    });
    return h;
  },
  'live, board with an agreed item': () => {
    const h = meeting();
    board(h);
    return h;
  },
  'live, the board is full': () => {
    const h = meeting({ present: [FAC, PAT, HCW] });
    for (let i = 0; i < LIMITS.boardItems; i++) propose(h, FAC, { text: `Item ${i}` });
    return h;
  },
  'live, board finalised, the patient agreed to the summary': () => {
    const h = meeting();
    board(h);
    h.act(FAC, { type: 'board.finalise', noAgreement: false });
    h.act(PAT, { type: 'board.consentSummary' });
    return h;
  },
  'live, board finalised with no agreement': () => {
    const h = meeting();
    propose(h, PAT);
    h.act(COFAC, { type: 'board.finalise', noAgreement: true });
    return h;
  },
  'ended, board open': () => {
    const h = meeting({ present: without(EVERYONE, OBS) });
    board(h);
    crowd(h, OBS);
    h.act(PAT_SUP, { type: 'self.stepOut' });
    // A facilitator who left comes back to the board after the end through their link.
    h.act(COFAC, { type: 'self.leave' });
    endMeeting(h);
    return h;
  },
  'ended, board finalised': () => {
    const h = meeting({ present: without(EVERYONE, OBS) });
    board(h);
    crowd(h, OBS);
    h.act(FAC, { type: 'board.finalise', noAgreement: false });
    endMeeting(h);
    return h;
  },
  'ended safely, with one facilitator (one party sent to aftercare)': () => {
    const h = meeting({ present: without(EVERYONE, COFAC) });
    h.act(FAC, { type: 'meeting.endSafely' });
    return h;
  },
  'live, debriefs after ending safely': () => {
    const h = meeting();
    h.act(FAC, { type: 'meeting.endSafely' });
    return h;
  },
  'live, started by the co-facilitator, the lead not here': () => {
    const h = room();
    bringIn(h, without(EVERYONE, FAC));
    start(h, COFAC);
    return h;
  },
};
