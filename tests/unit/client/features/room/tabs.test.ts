// The ARIA tabs of the side panel and the facilitator console (issue 14): where each key goes.
import { describe, expect, it } from 'vitest';
import { tabKeyTarget } from '../../../../../client/src/features/room/Tabs';

describe('tabKeyTarget', () => {
  it('arrows move to the next and previous tab, wrapping at the ends', () => {
    expect(tabKeyTarget('ArrowRight', 0, 3)).toBe(1);
    expect(tabKeyTarget('ArrowRight', 2, 3)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 3)).toBe(2);
    expect(tabKeyTarget('ArrowLeft', 2, 3)).toBe(1);
    expect(tabKeyTarget('ArrowDown', 1, 3)).toBe(2);
    expect(tabKeyTarget('ArrowUp', 1, 3)).toBe(0);
  });

  it('Home and End go to the first and last tab', () => {
    expect(tabKeyTarget('Home', 2, 6)).toBe(0);
    expect(tabKeyTarget('End', 0, 6)).toBe(5);
  });

  it('other keys (Tab, Enter, letters) are left to the browser', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a']) expect(tabKeyTarget(key, 1, 3)).toBeNull();
    expect(tabKeyTarget('ArrowRight', 0, 0)).toBeNull();
  });
});
