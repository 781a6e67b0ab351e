/**
 * What one meeting does during the benchmark: the five people of a joint meeting and a cycle of
 * realistic commands, each sent by the person who would send it. A step reads the facilitator's
 * latest view (the facilitator sees everything) to fill in ids and versions, and is skipped when
 * the room is not in a state where it makes sense, so (almost) every command is accepted.
 *
 * The baseline runs the same cycle with no views: guards pass and ids are placeholders, so the
 * baseline server receives commands of the same shape and size.
 */
import type { BoardFields, ClientCommand } from '../../shared/protocol/commands';
import type { Party, Role } from '../../shared/room/roles';
import type { RoomView } from '../../shared/room/views';

export type PersonKey = 'facilitator' | 'patient' | 'support' | 'clinician' | 'peer';

/** The four invitees (the facilitator is the signed-in account that owns the case). */
export const INVITEES: {
  key: Exclude<PersonKey, 'facilitator'>;
  name: string;
  party: Party;
  role: Role;
}[] = [
  { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
  { key: 'support', name: 'Sam Doe', party: 'patient', role: 'patient_support' },
  { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
  { key: 'peer', name: 'Robin Park', party: 'hcw', role: 'hcw_support' },
];

export const PEOPLE: PersonKey[] = ['facilitator', 'patient', 'support', 'clinician', 'peer'];

export interface ScriptContext {
  /** The facilitator's latest view, or null in the baseline (no state: guards pass). */
  view: RoomView | null;
  /** Member ids by person (placeholders in the baseline). */
  ids: Record<PersonKey, string>;
  /** Per-meeting counters the script keeps. */
  memo: { phaseDir: 1 | -1; proposals: number };
}

export interface Step {
  actor: PersonKey;
  command: ClientCommand;
}

const PLACEHOLDER_ID = 'placeholder-000000000';
/** The board keeps at most this many items: a facilitator removes the oldest beyond it. */
export const BOARD_CAP = 6;

/** True in the baseline (no view); otherwise whether the room is in the state `pred` wants. */
const when = (c: ScriptContext, pred: (v: RoomView) => boolean) => !c.view || pred(c.view);
const holds = (v: RoomView, id: string) =>
  v.floor.holder?.kind === 'person' && v.floor.holder.memberId === id;
const queued = (v: RoomView, id: string) => v.floor.queue.some((q) => q.memberId === id);
const running = (v: RoomView) => !v.pause;

function fields(c: ScriptContext, n: number, revision: number): BoardFields {
  return {
    text: `Agreement item ${n}: the unit will share what it learned from the review${revision ? ` (revision ${revision})` : ''}.`,
    category: 'learning',
    owner: 'Dr Casey Lee',
    ownerMemberId: c.ids.clinician,
    dueDate: '2026-12-31',
    completionEvidence: 'A letter to the patient',
    visibleTo: ['patient', 'hcw'],
    affectedParties: ['patient', 'hcw'],
  };
}

function lastItem(v: RoomView | null) {
  const items = v?.board?.items ?? [];
  return items[items.length - 1];
}

/** One step of the cycle: a command, or null when it does not fit the room's state now. */
type StepFn = (c: ScriptContext) => Step | null;

const STEPS: StepFn[] = [
  // The facilitator moves through the phases, forwards to the agreements and back again.
  (c) => {
    if (!when(c, running)) return null;
    const v = c.view;
    if (v) {
      if (v.phaseIndex >= Math.min(7, v.phases.length - 1)) c.memo.phaseDir = -1;
      if (v.phaseIndex <= 0) c.memo.phaseDir = 1;
    }
    return {
      actor: 'facilitator',
      command: { type: c.memo.phaseDir > 0 ? 'phase.next' : 'phase.previous' },
    };
  },
  (c) =>
    when(c, running)
      ? {
          actor: 'facilitator',
          command: { type: 'floor.give', holder: { kind: 'person', memberId: c.ids.patient } },
        }
      : null,
  (c) =>
    when(c, (v) => running(v) && !holds(v, c.ids.clinician) && !queued(v, c.ids.clinician))
      ? { actor: 'clinician', command: { type: 'floor.request' } }
      : null,
  (c) =>
    when(c, (v) => running(v) && holds(v, c.ids.patient))
      ? { actor: 'patient', command: { type: 'floor.pass' } }
      : null,
  (c) =>
    when(c, (v) => running(v) && holds(v, c.ids.support))
      ? { actor: 'support', command: { type: 'floor.done' } }
      : null,
  (c) =>
    when(c, (v) => running(v) && !holds(v, c.ids.peer) && !queued(v, c.ids.peer))
      ? { actor: 'peer', command: { type: 'floor.request' } }
      : null,
  (c) =>
    when(c, (v) => running(v) && queued(v, c.ids.peer))
      ? { actor: 'peer', command: { type: 'floor.withdraw' } }
      : null,
  (c) =>
    when(c, running)
      ? {
          actor: 'facilitator',
          command: { type: 'floor.give', holder: { kind: 'person', memberId: c.ids.clinician } },
        }
      : null,
  (c) =>
    when(c, (v) => running(v) && holds(v, c.ids.clinician))
      ? { actor: 'clinician', command: { type: 'floor.pass' } }
      : null,
  (c) =>
    when(c, (v) => running(v) && holds(v, c.ids.peer))
      ? { actor: 'peer', command: { type: 'floor.done' } }
      : null,
  () => ({
    actor: 'support',
    command: { type: 'message.toFacilitators', text: 'Could we slow down a little, please?' },
  }),
  () => ({ actor: 'patient', command: { type: 'pause.request', reason: null } }),
  (c) =>
    when(c, running)
      ? {
          actor: 'facilitator',
          command: {
            type: 'pause.start',
            message: 'A short break. Take your time.',
            breakMinutes: 5,
          },
        }
      : null,
  (c) => {
    const req = c.view ? c.view.facilitator?.pauseRequests[0] : { id: PLACEHOLDER_ID };
    return req
      ? { actor: 'facilitator', command: { type: 'pause.dismissRequest', requestId: req.id } }
      : null;
  },
  (c) =>
    when(c, (v) => !running(v))
      ? { actor: 'facilitator', command: { type: 'pause.resume' } }
      : null,
  (c) => {
    c.memo.proposals += 1;
    return {
      actor: 'patient',
      command: { type: 'board.propose', fields: fields(c, c.memo.proposals, 0) },
    };
  },
  (c) => {
    const item = c.view ? lastItem(c.view) : { id: PLACEHOLDER_ID, version: 1 };
    if (!item) return null;
    return {
      actor: 'facilitator',
      command: {
        type: 'board.edit',
        itemId: item.id,
        baseVersion: item.version,
        fields: fields(c, c.memo.proposals, item.version),
      },
    };
  },
  (c) => consentStep(c, 'patient'),
  (c) => consentStep(c, 'clinician'),
  (c) => {
    const items = c.view?.board?.items;
    if (c.view && (!items || items.length <= BOARD_CAP)) return null;
    return {
      actor: 'facilitator',
      command: { type: 'board.remove', itemId: items?.[0]?.id ?? PLACEHOLDER_ID },
    };
  },
];

function consentStep(c: ScriptContext, who: 'patient' | 'clinician'): Step | null {
  const item = c.view ? lastItem(c.view) : { id: PLACEHOLDER_ID, version: 2 };
  if (!item) return null;
  return {
    actor: who,
    command: {
      type: 'board.consent',
      itemId: item.id,
      baseVersion: item.version,
      decision: 'consent',
    },
  };
}

export const CYCLE_LENGTH = STEPS.length;

/**
 * The next command from position `at` of the cycle: the first step from there that fits the
 * room's state. Returns it with the position after it (the cycle wraps around).
 */
export function nextStep(c: ScriptContext, at: number): { step: Step; next: number } {
  for (let i = 0; i < STEPS.length; i++) {
    const pos = (at + i) % STEPS.length;
    const step = STEPS[pos]!(c);
    if (step) return { step, next: (pos + 1) % STEPS.length };
  }
  // Unreachable in practice (message.toFacilitators always fits); keep the generator going.
  return {
    step: { actor: 'support', command: { type: 'message.toFacilitators', text: 'Still here.' } },
    next: (at + 1) % STEPS.length,
  };
}
