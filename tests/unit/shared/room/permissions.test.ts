// The live-room permission matrix of research/domain.md §5.1, as data: every client command in
// ROOM_COMMAND_SCHEMA against every role, in a live meeting. Each row names the capability of the
// matrix it stands for. Where a role may do something, the state is set up so that it succeeds;
// where it may not, the command must be refused with FORBIDDEN and change nothing.
import { describe, expect, it } from 'vitest';
import {
  ROOM_COMMAND_SCHEMA,
  type BoardFields,
  type ClientCommand,
  type ClientCommandType,
} from '../../../../shared/protocol/commands';
import { decide } from '../../../../shared/room/decide';
import { ROLES, type Role } from '../../../../shared/room/roles';
import { bringIn, cast, connect, EVERYONE, ID, join, meeting, type Harness } from './helpers';

/**
 * ✔ allowed, – forbidden. Columns, in order: facilitator, co-facilitator, patient, patient
 * support, healthcare worker, healthcare-worker support, organisation representative,
 * interpreter, observer, captioner (ROLES). The captioner (CART, issue 17) is like the interpreter
 * but never asks for the floor or a word: they join, step out, ask for a pause or write to the
 * facilitators, and leave; their captions are no command at all (realtime/captions.ts).
 */
const MATRIX: Record<ClientCommandType, string> = {
  // Joining: everyone comes in through the lobby with their own link (DESIGN.md, FAC-1).
  'lobby.join': '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔',
  // "Admit/deny from lobby, lock room".
  'lobby.admit': '✔ ✔ – – – – – – – –',
  'lobby.deny': '✔ ✔ – – – – – – – –',
  'lobby.lock': '✔ ✔ – – – – – – – –',
  // "Remove a participant / end session": everyone else may only leave themselves.
  'member.remove': '✔ ✔ – – – – – – – –',
  'meeting.end': '✔ ✔ – – – – – – – –',
  'meeting.endSafely': '✔ ✔ – – – – – – – –',
  'self.leave': '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔',
  // "Advance phase / start-stop rounds", and meeting set-up (FAC-3).
  'meeting.start': '✔ ✔ – – – – – – – –',
  'script.update': '✔ ✔ – – – – – – – –',
  'phase.next': '✔ ✔ – – – – – – – –',
  'phase.previous': '✔ ✔ – – – – – – – –',
  'floor.reclaim': '✔ ✔ – – – – – – – –',
  'floor.open': '✔ ✔ – – – – – – – –',
  'floor.setMode': '✔ ✔ – – – – – – – –',
  // "Pass talking piece to anyone" (facilitators) vs "pass on only" (the holder's party);
  // interpreters and observers never take the floor, facilitators speak without it (FAC-4).
  'floor.give': '✔ ✔ – – – – – – – –',
  'floor.pass': '– – ✔ ✔ ✔ ✔ ✔ – – –',
  'floor.done': '– – ✔ ✔ ✔ ✔ ✔ – – –',
  'floor.request': '– – ✔ ✔ ✔ ✔ ✔ – – –',
  'floor.withdraw': '– – ✔ ✔ ✔ ✔ ✔ – – –',
  // "Pause whole room / start break": facilitators pause, the others request (PAR-1, FAC-9).
  'pause.start': '✔ ✔ – – – – – – – –',
  'pause.resume': '✔ ✔ – – – – – – – –',
  'pause.request': '– – ✔ ✔ ✔ ✔ ✔ ✔ – ✔',
  'pause.dismissRequest': '✔ ✔ – – – – – – – –',
  // "Move people to private rooms": facilitators; the others move only themselves, which is
  // stepping out (PAR-3, every participant).
  'sideRoom.open': '✔ ✔ – – – – – – – –',
  'sideRoom.close': '✔ ✔ – – – – – – – –',
  'self.stepOut': '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔',
  'self.stepBack': '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔',
  // "Private message facilitator".
  'message.toFacilitators': '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ – ✔',
  // The facilitators' alerts (FAC-10).
  'alert.dismiss': '✔ ✔ – – – – – – – –',
  'message.dismiss': '✔ ✔ – – – – – – – –',
  // "Mute others (noise)": facilitators only; nobody can unmute anyone else.
  'member.mute': '✔ ✔ – – – – – – – –',
  // "FAC-12: spotlight/pin interpreter": facilitators link an interpreter to their person.
  'interpreter.link': '✔ ✔ – – – – – – – –',
  // "Edit agreement board": facilitators edit, the others propose; interpreters and observers do
  // neither.
  'board.propose': '✔ ✔ ✔ ✔ ✔ ✔ ✔ – – –',
  'board.edit': '✔ ✔ – – – – – – – –',
  'board.remove': '✔ ✔ – – – – – – – –',
  'board.reorder': '✔ ✔ – – – – – – – –',
  'board.merge': '✔ ✔ – – – – – – – –',
  'board.finalise': '✔ ✔ – – – – – – – –',
  // "Consent to agreement items": the patient and the healthcare worker. A patient support person
  // answers only "if party", i.e. when no patient is there (the patient is, here). The matrix's
  // "org rep ✔ (org items)" has nothing to apply to: items ask only the story parties.
  'board.consent': '– – ✔ – ✔ – – – – –',
  'board.consentSummary': '– – ✔ – ✔ – – – – –',
  // Follow-up progress: "Action owner: updates status only" and facilitators. The item here is
  // owned by someone else, so only the facilitators may update it.
  'followup.update': '✔ ✔ – – – – – – – –',
};

function allowed(type: ClientCommandType, role: Role): boolean {
  const cells = MATRIX[type].split(' ');
  const cell = cells[ROLES.indexOf(role)];
  if (cells.length !== ROLES.length || (cell !== '✔' && cell !== '–')) {
    throw new Error(`bad matrix row for ${type}`);
  }
  return cell === '✔';
}

/** Someone invited besides the ten roles: the person admitted, denied, moved or owning an item. */
const GUEST = 'guest';

const FIELDS: BoardFields = {
  text: 'Send the review summary by letter',
  category: 'answers',
  owner: 'Guest',
  ownerMemberId: GUEST,
  dueDate: '2026-12-31',
  completionEvidence: 'A letter',
  visibleTo: ['patient', 'hcw', 'other'],
  affectedParties: ['patient', 'hcw'],
};

/** Runs a command that may be refused, keeping the state only if it was accepted. */
function attempt(h: Harness, actorId: string, command: ClientCommand): void {
  const result = decide(h.state, { ...command, actorId }, h.ctx);
  if (result.ok) h.state = result.state;
}

function proposeItem(h: Harness): string {
  h.act(ID.facilitator, { type: 'board.propose', fields: FIELDS });
  return h.state.board.items.at(-1)!.id;
}

interface Case {
  /** Builds the room (live by default). */
  live?: boolean;
  /** Puts the room in a state where the command can succeed for a role allowed to send it. */
  prepare?: (h: Harness, actorId: string) => void;
  command: (h: Harness, actorId: string) => ClientCommand;
}

const FAC = ID.facilitator;
const holderPartyFor = (h: Harness, actorId: string) => {
  const party = h.member(actorId).party;
  return party === 'facilitation' ? 'patient' : party;
};

const CASES: Record<ClientCommandType, Case> = {
  'lobby.join': {
    prepare: (h, a) => h.act(a, { type: 'self.leave' }),
    command: () => ({ type: 'lobby.join' }),
  },
  'lobby.admit': {
    prepare: (h) => {
      connect(h, [GUEST]);
      join(h, [GUEST]);
    },
    command: () => ({ type: 'lobby.admit', memberId: GUEST }),
  },
  'lobby.deny': {
    prepare: (h) => join(h, [GUEST]),
    command: () => ({ type: 'lobby.deny', memberId: GUEST }),
  },
  'lobby.lock': { command: () => ({ type: 'lobby.lock', locked: true }) },
  'member.remove': {
    prepare: (h) => bringIn(h, [GUEST]),
    command: () => ({ type: 'member.remove', memberId: GUEST }),
  },
  'meeting.start': { live: false, command: () => ({ type: 'meeting.start' }) },
  'meeting.end': { command: () => ({ type: 'meeting.end' }) },
  'meeting.endSafely': { command: () => ({ type: 'meeting.endSafely' }) },
  'script.update': {
    live: false,
    command: () => ({
      type: 'script.update',
      phases: [{ kind: 'opening', name: 'Welcome', party: null, prompt: '' }],
      storyOrder: ['hcw', 'patient'],
      floorMode: 'protected',
      softTurnLimitSec: null,
    }),
  },
  'phase.next': { command: () => ({ type: 'phase.next' }) },
  'phase.previous': {
    prepare: (h) => h.act(FAC, { type: 'phase.next' }),
    command: () => ({ type: 'phase.previous' }),
  },
  'floor.give': {
    command: () => ({ type: 'floor.give', holder: { kind: 'party', party: 'patient' } }),
  },
  'floor.pass': {
    prepare: (h, a) =>
      h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: holderPartyFor(h, a) } }),
    command: () => ({ type: 'floor.pass' }),
  },
  'floor.done': {
    prepare: (h, a) =>
      h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: holderPartyFor(h, a) } }),
    command: () => ({ type: 'floor.done' }),
  },
  'floor.request': { command: () => ({ type: 'floor.request' }) },
  'floor.withdraw': {
    prepare: (h, a) => attempt(h, a, { type: 'floor.request' }),
    command: () => ({ type: 'floor.withdraw' }),
  },
  'floor.reclaim': {
    prepare: (h) => h.act(FAC, { type: 'floor.give', holder: { kind: 'party', party: 'hcw' } }),
    command: () => ({ type: 'floor.reclaim' }),
  },
  'floor.open': { command: () => ({ type: 'floor.open', open: true }) },
  'floor.setMode': { command: () => ({ type: 'floor.setMode', mode: 'protected' }) },
  'pause.start': {
    command: () => ({ type: 'pause.start', message: 'A short break', breakMinutes: 5 }),
  },
  'pause.resume': {
    prepare: (h) => h.act(FAC, { type: 'pause.start', message: null, breakMinutes: null }),
    command: () => ({ type: 'pause.resume' }),
  },
  'pause.request': { command: () => ({ type: 'pause.request', reason: null }) },
  'pause.dismissRequest': {
    prepare: (h) => h.act(ID.patient, { type: 'pause.request', reason: null }),
    command: (h) => ({ type: 'pause.dismissRequest', requestId: h.state.pauseRequests[0]!.id }),
  },
  'sideRoom.open': {
    prepare: (h) => bringIn(h, [GUEST]),
    command: () => ({
      type: 'sideRoom.open',
      memberIds: [GUEST],
      facilitatorIds: [],
      purpose: 'caucus',
    }),
  },
  'sideRoom.close': {
    prepare: (h) => {
      bringIn(h, [GUEST]);
      h.act(FAC, {
        type: 'sideRoom.open',
        memberIds: [GUEST],
        facilitatorIds: [],
        purpose: 'caucus',
      });
    },
    command: (h) => ({ type: 'sideRoom.close', sideRoomId: h.state.sideRooms[0]!.id }),
  },
  'self.stepOut': { command: () => ({ type: 'self.stepOut' }) },
  'self.stepBack': {
    prepare: (h, a) => h.act(a, { type: 'self.stepOut' }),
    command: () => ({ type: 'self.stepBack' }),
  },
  'self.leave': { command: () => ({ type: 'self.leave' }) },
  'message.toFacilitators': {
    command: () => ({ type: 'message.toFacilitators', text: 'Could we slow down a little?' }),
  },
  'alert.dismiss': {
    prepare: (h) => h.act(ID.hcw, { type: 'self.stepOut' }),
    command: (h) => ({ type: 'alert.dismiss', alertId: h.state.alerts[0]!.id }),
  },
  'message.dismiss': {
    prepare: (h) => h.act(ID.hcw, { type: 'message.toFacilitators', text: 'A note' }),
    command: (h) => ({ type: 'message.dismiss', messageId: h.state.messages[0]!.id }),
  },
  'member.mute': { command: () => ({ type: 'member.mute', memberId: ID.hcw }) },
  'interpreter.link': {
    command: () => ({
      type: 'interpreter.link',
      memberId: ID.interpreter,
      interpretsFor: { memberId: ID.patient, mode: 'sign' },
    }),
  },
  'board.propose': { command: () => ({ type: 'board.propose', fields: FIELDS }) },
  'board.edit': {
    prepare: (h) => void proposeItem(h),
    command: (h) => ({
      type: 'board.edit',
      itemId: h.state.board.items[0]!.id,
      baseVersion: 1,
      fields: { ...FIELDS, text: 'Send the review summary by letter and by email' },
    }),
  },
  'board.remove': {
    prepare: (h) => void proposeItem(h),
    command: (h) => ({ type: 'board.remove', itemId: h.state.board.items[0]!.id }),
  },
  'board.reorder': {
    prepare: (h) => {
      proposeItem(h);
      proposeItem(h);
    },
    command: (h) => ({
      type: 'board.reorder',
      itemIds: h.state.board.items.map((i) => i.id).reverse(),
    }),
  },
  'board.merge': {
    prepare: (h) => {
      proposeItem(h);
      proposeItem(h);
    },
    command: (h) => ({
      type: 'board.merge',
      itemIds: h.state.board.items.map((i) => i.id),
      text: 'One letter with the summary',
    }),
  },
  'board.consent': {
    prepare: (h) => void proposeItem(h),
    command: (h) => ({
      type: 'board.consent',
      itemId: h.state.board.items[0]!.id,
      baseVersion: 1,
      decision: 'consent',
    }),
  },
  'board.finalise': { command: () => ({ type: 'board.finalise', noAgreement: true }) },
  'board.consentSummary': {
    prepare: (h) => h.act(FAC, { type: 'board.finalise', noAgreement: true }),
    command: () => ({ type: 'board.consentSummary' }),
  },
  'followup.update': {
    prepare: (h) => {
      const itemId = proposeItem(h);
      for (const id of [ID.patient, ID.hcw]) {
        h.act(id, { type: 'board.consent', itemId, baseVersion: 1, decision: 'consent' });
      }
      h.act(FAC, { type: 'board.finalise', noAgreement: false });
    },
    command: (h) => ({
      type: 'followup.update',
      itemId: h.state.board.items[0]!.id,
      status: 'in_progress',
      reason: null,
    }),
  },
};

const COMMAND_TYPES = ROOM_COMMAND_SCHEMA.options.map((o) => o.shape.type.value);

/** A meeting with the nine roles and a guest invited (not yet arrived). */
function setUp(live: boolean): Harness {
  const guest = { id: GUEST, name: 'Guest', role: 'patient_support', party: 'patient' } as const;
  return meeting({ members: [...cast(), guest], present: EVERYONE, start: live });
}

describe('the permission matrix covers the protocol', () => {
  it('has a row and a prepared case for every client command, and nothing else', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...COMMAND_TYPES].sort());
    expect(Object.keys(CASES).sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it('offers no command to record, transcribe, chat between participants, unmute or share a screen', () => {
    for (const type of COMMAND_TYPES) {
      expect(type).not.toMatch(/record|transcri|chat|unmute|camera|screen|share/i);
    }
  });

  it.each(COMMAND_TYPES)('builds a valid %s payload', (type) => {
    const h = setUp(CASES[type].live ?? true);
    CASES[type].prepare?.(h, FAC);
    const parsed = ROOM_COMMAND_SCHEMA.safeParse(CASES[type].command(h, FAC));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});

describe.each(COMMAND_TYPES)('%s', (type) => {
  it.each(ROLES.map((role) => [role, allowed(type, role) ? 'allowed' : 'forbidden'] as const))(
    'for %s: %s',
    (role, verdict) => {
      const actorId = ID[role];
      const c = CASES[type];
      const h = setUp(c.live ?? true);
      c.prepare?.(h, actorId);
      const command = c.command(h, actorId);
      if (verdict === 'allowed') {
        h.act(actorId, command);
      } else {
        h.refuses(actorId, command, 'FORBIDDEN');
      }
    },
  );
});
