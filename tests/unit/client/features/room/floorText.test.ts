// The floor's one line (client/src/features/room/floorText.ts) from real views of the room core,
// with the English texts: the holder's own line is shorter on a phone.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { floorStatus } from '../../../../../client/src/features/room/floorText';
import { en } from '../../../../../client/src/i18n/en';
import { FAC, HCW, meeting, PAT } from '../../../shared/room/helpers';

/** The English text of a key (enough for these lines: no interpolation is read). */
const t = ((key: string) =>
  key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], en)) as TFunction;

describe('floorStatus', () => {
  it('tells the holder to unmute when ready, in a short line on a phone', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: PAT } });
    expect(floorStatus(t, h.view(PAT))).toBe(en.floor.youHaveIt);
    expect(floorStatus(t, h.view(PAT), true)).toBe(en.floor.youHaveItShort);
  });

  it('is the same line for everyone else, short or not', () => {
    const h = meeting();
    h.act(FAC, { type: 'floor.give', holder: { kind: 'person', memberId: PAT } });
    expect(floorStatus(t, h.view(HCW), true)).toBe(floorStatus(t, h.view(HCW)));
    expect(floorStatus(t, h.view(HCW))).not.toBe(en.floor.youHaveIt);
  });
});
