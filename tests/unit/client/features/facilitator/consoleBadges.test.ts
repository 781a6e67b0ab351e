// The facilitator console's badges (issue 14): nothing waiting for the facilitator hides behind a
// tab. From real views of the room core.
import { describe, expect, it } from 'vitest';
import { parseChimeSetting } from '../../../../../client/src/features/facilitator/chime';
import {
  arrivedIds,
  consoleBadges,
} from '../../../../../client/src/features/facilitator/consoleBadges';
import {
  admit,
  connect,
  FAC,
  HCW,
  join,
  meeting,
  PAT,
  PAT_SUP,
  room,
} from '../../../shared/room/helpers';

describe('consoleBadges', () => {
  it('a quiet room: nothing on any tab', () => {
    const h = meeting();
    expect(consoleBadges(h.view(FAC))).toEqual({ people: 0, pauseRequested: false, turns: 0 });
  });

  it('people waiting to be let in count on the People tab, until admitted', () => {
    const h = room();
    connect(h, [FAC, PAT, HCW]);
    join(h, [PAT, HCW]);
    expect(consoleBadges(h.view(FAC)).people).toBe(2);
    admit(h, [PAT]);
    expect(consoleBadges(h.view(FAC)).people).toBe(1);
  });

  it('a pause request counts, and marks the tab as urgent, until it is dismissed', () => {
    const h = meeting();
    h.act(PAT, { type: 'pause.request', reason: null });
    const b = consoleBadges(h.view(FAC));
    expect(b.people).toBe(1);
    expect(b.pauseRequested).toBe(true);
    const id = h.view(FAC).facilitator!.pauseRequests[0]!.id;
    h.act(FAC, { type: 'pause.dismissRequest', requestId: id });
    expect(consoleBadges(h.view(FAC))).toMatchObject({ people: 0, pauseRequested: false });
  });

  it('people asking to speak count on the Turns tab', () => {
    const h = meeting();
    h.act(PAT_SUP, { type: 'floor.request' });
    h.act(HCW, { type: 'floor.request' });
    expect(consoleBadges(h.view(FAC)).turns).toBe(2);
  });

  it('a participant has no console: nothing to count', () => {
    const h = meeting();
    h.act(PAT, { type: 'pause.request', reason: null });
    expect(consoleBadges(h.view(HCW))).toEqual({ people: 0, pauseRequested: false, turns: 0 });
  });
});

describe('arrivedIds', () => {
  it('the requests that were not there before, in order', () => {
    expect(arrivedIds(['a'], ['a', 'b', 'c'])).toEqual(['b', 'c']);
    expect(arrivedIds(['a', 'b'], ['b'])).toEqual([]);
    expect(arrivedIds([], [])).toEqual([]);
  });
});

describe('parseChimeSetting', () => {
  it('off unless the facilitator turned it on', () => {
    expect(parseChimeSetting(null)).toBe(false);
    expect(parseChimeSetting('off')).toBe(false);
    expect(parseChimeSetting('yes')).toBe(false);
    expect(parseChimeSetting('on')).toBe(true);
  });
});
