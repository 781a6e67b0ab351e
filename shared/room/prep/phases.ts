import { defaultPhases, type Phase } from '../phases';
import type { MeetingKind } from './gate';

/**
 * The default script of each kind of meeting: the joint one has the whole conversation; a
 * preparation meeting is shorter and has no story phases (the party meets the facilitators
 * alone); a follow-up looks back at the agreements.
 */
export function phasesFor(kind: MeetingKind): Phase[] {
  const only = (...kinds: Phase['kind'][]) => defaultPhases().filter((p) => kinds.includes(p.kind));
  switch (kind) {
    case 'joint':
      return defaultPhases();
    case 'prep':
      return only('opening', 'checkin', 'closing');
    case 'followup':
      return only('opening', 'checkin', 'agreements', 'closing');
  }
}
