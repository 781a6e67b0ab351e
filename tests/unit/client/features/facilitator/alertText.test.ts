import { describe, expect, it } from 'vitest';
import { alertTextKey } from '../../../../../client/src/features/facilitator/alertText';
import type { FacilitatorAlert } from '../../../../../shared/room/state';
import type { MemberView, RoomView } from '../../../../../shared/room/views';

const member = (steppedOut: boolean): MemberView => ({
  id: 'm1',
  name: 'Ana',
  role: 'patient',
  party: 'patient',
  connected: true,
  steppedOut,
  away: false,
  hasFloor: false,
  interpretsFor: null,
});
// Only the members list matters to the choice of words.
const viewWith = (members: MemberView[]) => ({ members }) as unknown as RoomView;
const alert = (
  kind: FacilitatorAlert['kind'],
  memberId: string | null = 'm1',
): FacilitatorAlert => ({
  id: 'a1',
  kind,
  at: 0,
  memberId,
  party: null,
});

describe('alertTextKey', () => {
  it('says "stepped out" while the person is still out', () => {
    expect(alertTextKey(viewWith([member(true)]), alert('stepped-out'))).toBe('stepped-out');
  });
  it('says the person is back once they stepped back in', () => {
    expect(alertTextKey(viewWith([member(false)]), alert('stepped-out'))).toBe('stepped-out-back');
  });
  it('keeps "stepped out" when the person is not in the room any more', () => {
    expect(alertTextKey(viewWith([]), alert('stepped-out'))).toBe('stepped-out');
  });
  it('leaves other alerts as they are', () => {
    expect(alertTextKey(viewWith([member(false)]), alert('left-safely'))).toBe('left-safely');
    expect(alertTextKey(viewWith([]), alert('no-facilitator', null))).toBe('no-facilitator');
  });
});
