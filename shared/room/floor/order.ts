import type { PhaseKind } from '../phases';
import { admittedOfParty, canHoldFloor, membersOf } from '../policies';
import type { FloorHolder, Member, RoomState } from '../state';

/** Every admitted person who takes the floor: story parties in their agreed order, then others. */
export function speakingOrder(s: RoomState): Member[] {
  const rank = (m: Member) => {
    const i = s.storyOrder.indexOf(m.party as (typeof s.storyOrder)[number]);
    return i >= 0 ? i : s.storyOrder.length;
  };
  return membersOf(s)
    .filter((m) => m.status === 'admitted' && canHoldFloor(m))
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
    .map(({ m }) => m);
}

/** The round: connected admitted speakers in the main room, story parties in their agreed order. */
export function roundOrder(s: RoomState): Member[] {
  return speakingOrder(s).filter((m) => m.connected && !m.sideRoomId && !m.steppedOut);
}

/**
 * The phases that go round the circle (check-in, closing): there a Pass hands the floor on to the
 * next person by itself. Everywhere else only the facilitators move the floor.
 */
export const ROUND_PHASE_KINDS: readonly PhaseKind[] = ['checkin', 'closing'];

/** True for a phase that goes round the circle (ROUND_PHASE_KINDS): screens say what Pass does. */
export function isRoundPhase(kind: PhaseKind | undefined): boolean {
  return kind !== undefined && ROUND_PHASE_KINDS.includes(kind);
}

/** True while the current phase is a round (ROUND_PHASE_KINDS). */
export function inRound(s: RoomState): boolean {
  return isRoundPhase(s.phases[s.phaseIndex]?.kind);
}

/**
 * Who comes after `holder` in the agreed order, or null at its end: a party is followed by the
 * next story party with someone admitted; a person by the next speaker in the round after their
 * place, even when they are no longer in it (stepped out, in a side room), so the round goes on
 * instead of starting over.
 */
export function nextInOrder(s: RoomState, holder: FloorHolder): FloorHolder | null {
  if (holder.kind === 'party') {
    const i = s.storyOrder.indexOf(holder.party as (typeof s.storyOrder)[number]);
    const after = i >= 0 ? s.storyOrder.slice(i + 1) : [];
    const party = after.find((p) => admittedOfParty(s, p).length > 0);
    return party ? { kind: 'party', party } : null;
  }
  const round = new Set(roundOrder(s).map((m) => m.id));
  const order = speakingOrder(s);
  const i = order.findIndex((m) => m.id === holder.memberId);
  const person = i < 0 ? undefined : order.slice(i + 1).find((m) => round.has(m.id));
  return person ? { kind: 'person', memberId: person.id } : null;
}
