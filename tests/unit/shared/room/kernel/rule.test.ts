// A permission rule is one ordered list of conditions: called, it is the views' predicate; enforced,
// it refuses with its first failing condition's code and words. These check that machinery, and
// that decide answers with the rule's words (the handlers enforce the rules of can.ts).
import { describe, expect, it } from 'vitest';
import { canRequestFloor, canStartPause, canWithdrawFloor } from '../../../../../shared/room/can';
import { check, enforce, Rejection, rule, type Check } from '../../../../../shared/room/kernel';
import type { Member, RoomState } from '../../../../../shared/room/state';
import { ID, meeting, room } from '../helpers';

const s = room().state;
const pat = s.members[ID.patient]!;

/** What enforce throws, or null when it allows. */
function refusal(fn: () => void): { code: string; message: string } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof Rejection)) throw e;
    return { code: e.code, message: e.message };
  }
}

const yes = check(() => true, 'FORBIDDEN', 'never said');
const noWho = check(() => false, 'FORBIDDEN', 'who');
const noWhen = check(() => false, 'INVALID_STATE', 'when');

describe('rule', () => {
  it('allows only when every condition holds, and enforce then passes', () => {
    const r = rule(yes, yes);
    expect(r(s, pat)).toBe(true);
    expect(refusal(() => enforce(r, s, pat))).toBeNull();
  });

  it('refuses with the first failing condition, in order', () => {
    expect(rule(yes, noWho, noWhen)(s, pat)).toBe(false);
    expect(refusal(() => enforce(rule(yes, noWho, noWhen), s, pat))).toEqual({
      code: 'FORBIDDEN',
      message: 'who',
    });
    expect(refusal(() => enforce(rule(noWhen, noWho), s, pat))).toEqual({
      code: 'INVALID_STATE',
      message: 'when',
    });
  });

  it('takes the conditions of the rules it is built from, in their place', () => {
    const base = rule(yes, noWhen);
    const wider = rule(noWho, base);
    expect(wider.checks).toEqual([noWho, yes, noWhen]);
    expect(refusal(() => enforce(rule(base, noWho), s, pat))?.message).toBe('when');
  });

  it('asks per-target conditions of the target, and words may depend on the person', () => {
    const sameParty: Check<[Member]> = check(
      (_s, m, t) => t.party === m.party,
      'FORBIDDEN',
      (_s, m) => `not of the ${m.party} party`,
    );
    const r = rule<[Member]>(yes, sameParty);
    const hcw = s.members[ID.hcw]!;
    const sup = s.members[ID.patient_support]!;
    expect(r(s, pat, sup)).toBe(true);
    expect(r(s, pat, hcw)).toBe(false);
    expect(refusal(() => enforce(r, s, pat, hcw))).toEqual({
      code: 'FORBIDDEN',
      message: 'not of the patient party',
    });
  });

  it('reads the state and the person it is asked about', () => {
    const started = check((st: RoomState) => st.status === 'live', 'INVALID_STATE', 'not yet');
    expect(rule(started)(s, pat)).toBe(false);
    expect(rule(started)(meeting().state, pat)).toBe(true);
  });
});

describe('decide refuses with the words of the rule its handler enforces', () => {
  it('a participant pausing: the first failing condition of the rule (a facilitator)', () => {
    const h = meeting();
    const first = canStartPause.checks.find((c) => !c.ok(h.state, h.member(ID.patient)))!;
    expect(first.code).toBe('FORBIDDEN');
    const err = h.refuses(
      ID.patient,
      { type: 'pause.start', message: null, breakMinutes: null },
      'FORBIDDEN',
    );
    expect(err.message).toBe(first.message);
  });

  it('asking to speak twice, and withdrawing without asking: the rule says which', () => {
    const h = meeting();
    h.act(ID.patient, { type: 'floor.request' });
    expect(canRequestFloor(h.state, h.member(ID.patient))).toBe(false);
    const err = h.refuses(ID.patient, { type: 'floor.request' }, 'INVALID_STATE');
    expect(err.message).toBe('You have already asked to speak.');
    expect(canWithdrawFloor(h.state, h.member(ID.hcw))).toBe(false);
    const err2 = h.refuses(ID.hcw, { type: 'floor.withdraw' }, 'INVALID_STATE');
    expect(err2.message).toBe('You have not asked to speak.');
  });
});
