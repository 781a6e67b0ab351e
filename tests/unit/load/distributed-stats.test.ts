import { describe, expect, it } from 'vitest';
import { failoverFigures, nodeFor } from '../../load/distributed-stats';
import { describeStepUp, parseArgs, stepUpOutcome } from '../../load/stats';

describe('nodeFor: the sockets of a meeting alternate between the nodes', () => {
  it('puts neighbours of one meeting on different nodes, and alternates the first node', () => {
    expect([0, 1, 2, 3, 4].map((p) => nodeFor(0, p, 2))).toEqual([0, 1, 0, 1, 0]);
    expect([0, 1, 2, 3, 4].map((p) => nodeFor(1, p, 2))).toEqual([1, 0, 1, 0, 1]);
  });

  it('spreads the sockets of many meetings evenly over the nodes', () => {
    const perNode = [0, 0];
    for (let m = 0; m < 100; m++) for (let p = 0; p < 5; p++) perNode[nodeFor(m, p, 2)]! += 1;
    expect(perNode).toEqual([250, 250]);
  });

  it('keeps everyone on the one node when there is one', () => {
    expect([0, 1, 2, 3, 4].map((p) => nodeFor(7, p, 1))).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses no nodes', () => {
    expect(() => nodeFor(0, 0, 0)).toThrow(RangeError);
  });
});

describe('failoverFigures', () => {
  const killedAt = 10_000;
  const converged: [string, number | null][] = [
    ['a', 12_000],
    ['b', 13_500],
    ['c', null],
    ['d', 11_000],
    ['e', 9_000],
  ];

  it('measures from the kill, over the meetings selected', () => {
    const f = failoverFigures(killedAt, converged, (id) => id === 'a' || id === 'b');
    expect(f.meetings).toBe(2);
    expect(f.converged).toBe(2);
    expect(f.ms.p50).toBe(2000);
    expect(f.ms.max).toBe(3500);
  });

  it('counts a meeting that never converged, without putting it in the times', () => {
    const f = failoverFigures(killedAt, converged, (id) => id !== 'e');
    expect(f.meetings).toBe(4);
    expect(f.converged).toBe(3);
    expect(f.ms.count).toBe(3);
    expect(f.ms.max).toBe(3500);
  });

  it('does not take a convergence stamped before the kill for one', () => {
    const f = failoverFigures(killedAt, converged, (id) => id === 'e');
    expect(f.meetings).toBe(1);
    expect(f.converged).toBe(0);
    expect(Number.isNaN(f.ms.p50)).toBe(true);
  });
});

describe('stepUpOutcome: a limit only when a level failed', () => {
  it('is the largest passing level below the first failure', () => {
    const o = stepUpOutcome(
      [
        { meetings: 200, p99: 5 },
        { meetings: 400, p99: 20 },
        { meetings: 600, p99: 150 },
        { meetings: 500, p99: 80 },
      ],
      100,
      'time',
    );
    expect(o).toEqual({ limit: 500, atLeast: 500, firstFailure: 600, stoppedBy: 'failed' });
    expect(describeStepUp(o, 100)).toBe('500 meetings (p99 passed 100 ms at 600)');
  });

  it('reports a bound as a lower bound, never as the limit', () => {
    const o = stepUpOutcome(
      [
        { meetings: 200, p99: 5 },
        { meetings: 400, p99: 20 },
      ],
      100,
      'count',
    );
    expect(o.limit).toBeNull();
    expect(o.atLeast).toBe(400);
    expect(describeStepUp(o, 100)).toBe(
      'not reached within 400 meetings (stopped by the meeting cap)',
    );
    expect(describeStepUp(stepUpOutcome([{ meetings: 200, p99: 5 }], 100, 'time'), 100)).toMatch(
      /not reached within 200 meetings \(stopped by the time budget\)/,
    );
  });

  it('gives 0 as the limit when the first level already fails', () => {
    const o = stepUpOutcome([{ meetings: 200, p99: 400 }], 100, 'off');
    expect(o.limit).toBe(0);
    expect(o.firstFailure).toBe(200);
  });
});

describe('parseArgs: the distributed run and the step-up bound', () => {
  it('runs the distributed phase and bounds the step-up by default', () => {
    const o = parseArgs([]);
    expect(o.distributed).toBe(true);
    expect(o.maxMeetings).toBeGreaterThanOrEqual(1000);
  });

  it('takes the new flags and refuses bad values', () => {
    const o = parseArgs([
      '--distributed',
      'off',
      '--max-meetings',
      '1200',
      '--dist-duration',
      '10',
      '--failover-duration',
      '15',
    ]);
    expect(o).toMatchObject({
      distributed: false,
      maxMeetings: 1200,
      distDuration: 10,
      failoverDuration: 15,
    });
    expect(() => parseArgs(['--failover-duration', '2'])).toThrow(/failover-duration/);
    expect(() => parseArgs(['--distributed', 'maybe'])).toThrow(/on or off/);
  });
});
