// Issue 17 (A11Y-3): what the polite live region says as the room changes, from real views of the
// room core: each change once, changes of one view together, admissions to facilitators only.
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RoomView } from '../../../../../shared/room/views';
import {
  announcement,
  heardOf,
  type Heard,
} from '../../../../../client/src/features/room/announcements';
import { admit, connect, FAC, HCW, join, PAT, room, start } from '../../../shared/room/helpers';

let t: TFunction;

beforeAll(async () => {
  // What client/src/i18n/index.ts reads from the browser at start.
  vi.stubGlobal('document', { documentElement: { setAttribute: () => undefined } });
  vi.stubGlobal('navigator', { languages: ['en-GB'], language: 'en-GB' });
  vi.stubGlobal('window', { localStorage: { getItem: () => null, setItem: () => undefined } });
  const i18next = (await import('../../../../../client/src/i18n')).default;
  t = i18next.t;
});

/** Follows one person's views, as the hook does, and returns what each new view says. */
function listener(isFacilitator: boolean) {
  let heard: Heard | null = null;
  return (view: RoomView) => {
    const now = heardOf(t, view, heard);
    const said = announcement(t, heard, now, isFacilitator);
    heard = now;
    return said;
  };
}

describe('room announcements', () => {
  it('tells the facilitator who waits and who comes in, and the patient where the meeting is', () => {
    const h = room({ members: undefined });
    connect(h, [FAC, PAT, HCW]);
    const fac = listener(true);
    expect(fac(h.view(FAC))).toBeNull();
    join(h, [PAT]);
    expect(fac(h.view(FAC))).toMatch(/is in the waiting area\.$/);
    expect(fac(h.view(FAC))).toBeNull();
    admit(h, [PAT]);
    expect(fac(h.view(FAC))).toMatch(/has joined the meeting room\.$/);

    const pat = listener(false);
    expect(pat(h.view(PAT))).toBe('You are in the meeting room.');
    // Others coming in are not announced to participants.
    join(h, [HCW]);
    admit(h, [HCW]);
    expect(pat(h.view(PAT))).toBeNull();

    // The start: phase and floor in one message, once.
    start(h);
    const started = pat(h.view(PAT));
    expect(started).toMatch(/^Now: .+\. /);
    expect(started).toContain('The facilitator is guiding the conversation.');
    expect(pat(h.view(PAT))).toBeNull();
  });

  it('says the floor, the pause and the end of the pause once; the floor again only if it moved', () => {
    const h = room({ members: undefined });
    connect(h, [FAC, PAT, HCW]);
    join(h, [PAT, HCW]);
    admit(h, [PAT, HCW]);
    start(h);
    const pat = listener(false);
    const fac = listener(true);
    pat(h.view(PAT));
    fac(h.view(FAC));

    h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'patient' } });
    expect(pat(h.view(PAT))).toBe('You have the floor. Unmute when you are ready.');
    expect(pat(h.view(PAT))).toBeNull();
    expect(fac(h.view(FAC))).toBe('Now speaking: Patient and family');

    h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null });
    expect(pat(h.view(PAT))).toBe('The meeting is paused.');
    // The facilitator's own pause control says it to them.
    expect(fac(h.view(FAC))).toBeNull();

    h.act(FAC, { type: 'pause.resume' });
    // Resumed where it was: the floor did not move, so it is not said again.
    expect(pat(h.view(PAT))).toBe('The meeting has resumed. Unmute when you are ready.');
    expect(fac(h.view(FAC))).toBeNull();
  });
});
