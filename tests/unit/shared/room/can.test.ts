// The `me.can` agreement test: in every meeting state of canScenarios and for every person, each
// control the view offers is accepted by decide when that person sends it, and each control it
// does not offer is rejected. Per-target controls (consent per item, mute and remove per person,
// the floor per holder) are checked target by target. A predicate that drifts from decide fails
// here, and so does a flag that no state ever turns on or off.
import { describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../../../shared/protocol/commands';
import {
  AFFORDANCE_FLAGS,
  affordances,
  type AffordanceFlag,
  type Affordances,
} from '../../../../shared/room/affordances';
import { canMessageFacilitators } from '../../../../shared/room/can';
import { decide } from '../../../../shared/room/decide';
import { isFacilitator } from '../../../../shared/room/policies';
import { PARTIES } from '../../../../shared/room/roles';
import type { RoomState } from '../../../../shared/room/state';
import { toRoomView } from '../../../../shared/room/views';
import { fields } from './board/fixtures';
import { SCENARIOS } from './canScenarios';
import type { Harness } from './helpers';

/** Whether decide accepts this command from this person now (the state is not kept). */
function accepted(h: Harness, actorId: string, command: ClientCommand): boolean {
  let n = 0;
  const ctx = { now: h.ctx.now, newId: () => `probe-${++n}` };
  return decide(h.state, { ...command, actorId }, ctx).ok;
}

function verdict(h: Harness, actorId: string, command: ClientCommand) {
  let n = 0;
  const ctx = { now: h.ctx.now, newId: () => `probe-${++n}` };
  return decide(h.state, { ...command, actorId }, ctx);
}

const hosts = (s: RoomState) =>
  s.memberOrder.filter((id) => {
    const f = s.members[id]!;
    return isFacilitator(f) && f.status === 'admitted' && f.connected && !f.sideRoomId;
  });

/** A side room with one person, each hosted by each free facilitator: well-formed arguments. */
function sideRoomOpens(s: RoomState, purpose: 'checkin' | 'caucus'): ClientCommand[] {
  const people = s.memberOrder.filter((id) => {
    const p = s.members[id]!;
    const here =
      purpose === 'checkin'
        ? p.status === 'waiting' || p.status === 'admitted'
        : p.status === 'admitted';
    return !isFacilitator(p) && !p.sideRoomId && here;
  });
  return people.flatMap((id) =>
    hosts(s).map((f) => ({
      type: 'sideRoom.open' as const,
      memberIds: [id],
      facilitatorIds: [f],
      purpose,
    })),
  );
}

/**
 * The commands each flag stands for, with well-formed arguments for this state (a real target
 * where the command needs one). Flag true: every one is accepted; flag false: every one rejected.
 */
const PROBES: Record<AffordanceFlag, (s: RoomState, actorId: string) => ClientCommand[]> = {
  joinLobby: () => [{ type: 'lobby.join' }],
  admit: (s) =>
    s.memberOrder
      .filter((id) => s.members[id]!.status === 'waiting')
      .flatMap((memberId) => [
        { type: 'lobby.admit', memberId },
        { type: 'lobby.deny', memberId },
      ]),
  lock: (s) => [{ type: 'lobby.lock', locked: !s.locked }],
  start: () => [{ type: 'meeting.start' }],
  end: () => [{ type: 'meeting.end' }],
  endSafely: () => [{ type: 'meeting.endSafely' }],
  updateScript: (s) => [
    {
      type: 'script.update',
      phases: s.phases.map((p) => ({ ...p })),
      storyOrder: [...s.storyOrder],
      floorMode: s.floor.mode,
      softTurnLimitSec: null,
    },
  ],
  nextPhase: () => [{ type: 'phase.next' }],
  previousPhase: () => [{ type: 'phase.previous' }],
  giveFloor: () => [], // target by target: giveFloorToPeople, giveFloorToParties
  reclaimFloor: () => [{ type: 'floor.reclaim' }],
  openFloor: (s) => [{ type: 'floor.open', open: !s.floor.open }],
  setFloorMode: (s) => [
    { type: 'floor.setMode', mode: s.floor.mode === 'gentle' ? 'protected' : 'gentle' },
  ],
  passFloor: () => [{ type: 'floor.pass' }],
  finishFloor: () => [{ type: 'floor.done' }],
  requestFloor: () => [{ type: 'floor.request' }],
  withdrawFloor: () => [{ type: 'floor.withdraw' }],
  startPause: () => [{ type: 'pause.start', message: null, breakMinutes: null }],
  resume: () => [{ type: 'pause.resume' }],
  requestPause: () => [{ type: 'pause.request', reason: null }],
  dismiss: (s) => [
    ...s.pauseRequests.map((r) => ({ type: 'pause.dismissRequest' as const, requestId: r.id })),
    ...s.messages.map((m) => ({ type: 'message.dismiss' as const, messageId: m.id })),
    ...s.alerts.map((a) => ({ type: 'alert.dismiss' as const, alertId: a.id })),
  ],
  openCheckIn: (s) => sideRoomOpens(s, 'checkin'),
  openCaucus: (s) => sideRoomOpens(s, 'caucus'),
  closeSideRoom: (s) => s.sideRooms.map((r) => ({ type: 'sideRoom.close', sideRoomId: r.id })),
  // Unlinking any interpreter still part of the meeting: well-formed whoever else is here.
  linkInterpreter: (s) =>
    s.memberOrder
      .map((id) => s.members[id]!)
      .filter((m) => m.role === 'interpreter' && m.status !== 'removed' && m.status !== 'denied')
      .map((m) => ({ type: 'interpreter.link', memberId: m.id, interpretsFor: null })),
  stepOut: () => [{ type: 'self.stepOut' }],
  stepBack: () => [{ type: 'self.stepBack' }],
  leave: () => [{ type: 'self.leave' }],
  messageFacilitators: () => [{ type: 'message.toFacilitators', text: 'Hello' }],
  propose: (s, actorId) => [
    {
      type: 'board.propose',
      fields: fields({
        visibleTo: [...new Set([s.members[actorId]!.party, 'patient', 'hcw'] as const)],
      }),
    },
  ],
  arrangeBoard: (s) => {
    const [first, second] = s.board.items;
    const cmds: ClientCommand[] = [
      { type: 'board.reorder', itemIds: s.board.items.map((i) => i.id) },
    ];
    if (first) {
      cmds.push({ type: 'board.remove', itemId: first.id });
      const changed = { ...first.fields, text: `${first.fields.text} (edited)` };
      cmds.push({
        type: 'board.edit',
        itemId: first.id,
        baseVersion: first.version,
        fields: changed,
      });
    }
    if (first && second)
      cmds.push({ type: 'board.merge', itemIds: [first.id, second.id], text: 'Both' });
    return cmds;
  },
  finalise: () => [{ type: 'board.finalise', noAgreement: true }],
  consentSummary: () => [{ type: 'board.consentSummary' }],
};

/** Per-target lists: each candidate target is in the list exactly when decide accepts it. */
const TARGETS: {
  key: 'consentTo' | 'followUp' | 'mute' | 'remove' | 'giveFloorToPeople' | 'giveFloorToParties';
  candidates: (s: RoomState) => string[];
  command: (s: RoomState, target: string) => ClientCommand;
}[] = [
  {
    key: 'consentTo',
    candidates: (s) => s.board.items.map((i) => i.id),
    command: (s, itemId) => ({
      type: 'board.consent',
      itemId,
      baseVersion: s.board.items.find((i) => i.id === itemId)!.version,
      decision: 'consent',
    }),
  },
  {
    key: 'followUp',
    candidates: (s) => s.board.items.map((i) => i.id),
    command: (_s, itemId) => ({
      type: 'followup.update',
      itemId,
      status: 'in_progress',
      reason: null,
    }),
  },
  {
    key: 'mute',
    candidates: (s) => s.memberOrder,
    command: (_s, memberId) => ({ type: 'member.mute', memberId }),
  },
  {
    key: 'remove',
    candidates: (s) => s.memberOrder,
    command: (_s, memberId) => ({ type: 'member.remove', memberId }),
  },
  {
    key: 'giveFloorToPeople',
    candidates: (s) => s.memberOrder,
    command: (_s, memberId) => ({ type: 'floor.give', holder: { kind: 'person', memberId } }),
  },
  {
    key: 'giveFloorToParties',
    candidates: () => [...PARTIES],
    command: (_s, party) => ({
      type: 'floor.give',
      holder: { kind: 'party', party: party as (typeof PARTIES)[number] },
    }),
  },
];

/** How often each flag was seen on and off with a command to check it against. */
const seen = new Map<string, { on: number; off: number }>();
function count(key: string, on: boolean) {
  const c = seen.get(key) ?? { on: 0, off: 0 };
  if (on) c.on++;
  else c.off++;
  seen.set(key, c);
}

describe('me.can agrees with decide', () => {
  for (const [name, build] of Object.entries(SCENARIOS)) {
    it(name, () => {
      const h = build();
      const s = h.state;
      for (const id of s.memberOrder) {
        const m = s.members[id]!;
        const can: Affordances = affordances(s, m);
        const view = toRoomView(s, id);
        // The view carries exactly the affordances (nobody denied or removed has a view).
        if (view) expect(view.me.can, `${id}'s view`).toEqual(can);
        for (const flag of AFFORDANCE_FLAGS) {
          const on = can[flag] === true;
          for (const command of PROBES[flag](s, id)) {
            const result = verdict(h, id, command);
            const where = `${name}: ${id} ${on ? 'may' : 'may not'} ${flag} (${command.type})`;
            if (
              flag === 'messageFacilitators' &&
              !result.ok &&
              result.error.code === 'RATE_LIMITED'
            ) {
              // The lobby's one-a-minute limit is time, not permission: the predicate given the
              // time says so, and the view (which has no clock) still offers the control.
              expect(on, where).toBe(true);
              expect(canMessageFacilitators(s, m, h.ctx.now), where).toBe(false);
              continue;
            }
            expect(result.ok, `${where}: ${result.ok ? 'accepted' : result.error.message}`).toBe(
              on,
            );
            count(flag, on);
          }
        }
        for (const t of TARGETS) {
          const list: readonly string[] = can[t.key] ?? [];
          expect(list.length === 0 || can[t.key] !== undefined).toBe(true);
          for (const target of t.candidates(s)) {
            const on = list.includes(target);
            const ok = accepted(h, id, t.command(s, target));
            expect(ok, `${name}: ${id} ${on ? 'may' : 'may not'} ${t.key} ${target}`).toBe(on);
            count(t.key, on);
          }
        }
        // giveFloor is the flag of the two floor lists.
        expect(!!can.giveFloor || !(can.giveFloorToPeople || can.giveFloorToParties)).toBe(true);
      }
    });
  }

  it('sees every control both offered and withheld across the states', () => {
    const keys = [
      ...AFFORDANCE_FLAGS.filter((f) => f !== 'giveFloor'),
      ...TARGETS.map((t) => t.key),
    ];
    for (const key of keys) {
      expect(seen.get(key)?.on ?? 0, `${key} offered somewhere`).toBeGreaterThan(0);
      expect(seen.get(key)?.off ?? 0, `${key} withheld somewhere`).toBeGreaterThan(0);
    }
  });
});
