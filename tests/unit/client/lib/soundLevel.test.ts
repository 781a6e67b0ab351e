// The sound level arithmetic of client/src/lib/soundLevel.ts (the Web Audio parts run in the
// e2e suite's real Chromium: the device check's meter and the practice room).
import { describe, expect, it } from 'vitest';
import { peakOf, rmsOf } from '../../../../client/src/lib/soundLevel';

describe('sound levels', () => {
  it('reads silence as 0 and a full-scale square wave as 1', () => {
    expect(rmsOf(new Float32Array(64))).toBe(0);
    expect(rmsOf(Float32Array.from({ length: 64 }, (_, i) => (i % 2 ? -1 : 1)))).toBe(1);
    expect(rmsOf(Float32Array.of(0.5, -0.5))).toBeCloseTo(0.5);
    expect(rmsOf(new Float32Array(0))).toBe(0);
  });

  it('finds the loudest sample whichever its sign, and a short sound in a long window', () => {
    const window = new Float32Array(16_384);
    expect(peakOf(window)).toBe(0);
    window[9_000] = -0.25;
    window[9_001] = 0.1;
    expect(peakOf(window)).toBe(0.25);
    expect(peakOf(Float32Array.of(1.5))).toBe(1);
  });
});
