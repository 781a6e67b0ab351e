/**
 * Pure helpers of the distributed run (two app nodes): which node a socket goes to, and the
 * failover figures. No I/O here (tests/unit/load/distributed-stats.test.ts covers them).
 */
import { summarize, type Summary } from './stats';

/**
 * The node (0..nodes-1) the `person`-th socket of the `meeting`-th meeting connects to: a
 * meeting's people alternate between the nodes, and the first person's node alternates from one
 * meeting to the next, so with two nodes and five people each node holds half the sockets.
 */
export function nodeFor(meeting: number, person: number, nodes: number): number {
  if (!(nodes >= 1)) throw new RangeError(`nodes must be at least 1: ${nodes}`);
  return (meeting + person) % nodes;
}

export interface FailoverFigures {
  /** Meetings measured (those whose sockets dropped). */
  meetings: number;
  /** Of them, back on one version before the run ended. */
  converged: number;
  /** Milliseconds from the kill to every client of a meeting back on one version. */
  ms: Summary;
}

/**
 * The time from the kill to each meeting's convergence, over the meetings `include` selects.
 * A meeting that never converged counts in `meetings` but not in the times (the caller says so:
 * it is not hidden in a percentile). A convergence stamped before the kill cannot be one and
 * counts as not converged.
 */
export function failoverFigures(
  killedAt: number,
  converged: Iterable<[string, number | null]>,
  include: (meetingId: string) => boolean,
): FailoverFigures {
  const times: number[] = [];
  let meetings = 0;
  for (const [id, at] of converged) {
    if (!include(id)) continue;
    meetings += 1;
    if (at !== null && at >= killedAt) times.push(at - killedAt);
  }
  return { meetings, converged: times.length, ms: summarize(times) };
}
