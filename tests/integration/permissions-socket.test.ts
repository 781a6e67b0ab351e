import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../../server/src/auth/crypto';
import { createFakeLiveKitGateway } from '../../server/src/livekit/gateway';
import { ROOM_COMMAND_SCHEMA, type ClientCommand } from '../../shared/protocol/commands';
import type { InviteDto } from '../../shared/protocol/http';
import { decide } from '../../shared/room/decide';
import { ROLES as ALL_ROLES, type Role } from '../../shared/room/roles';
import { createRoomState, type RoomState } from '../../shared/room/state';
import type { RoomCommand } from '../../shared/room/types';
import {
  addCofacilitator,
  api,
  connect,
  createMeeting,
  startTestServer,
  type TestFacilitator,
  type TestServer,
} from '../support/server';
import { consentVersion } from '../../server/src/rooms/prepGate';

/**
 * Every client command against every role and every meeting state, on the server through real
 * sockets: a role the permission matrix (research/domain.md §5.1) does not allow is always refused;
 * an allowed role is never refused as FORBIDDEN.
 */
const ROLES: Role[] = [...ALL_ROLES];
const FAC: Role[] = ['facilitator', 'cofacilitator'];
const ALL = ROLES;
const but = (...out: Role[]) => ROLES.filter((r) => !out.includes(r));

/** Who may issue each command. Explicit data, written from the matrix, not from the code. */
const MATRIX: Record<ClientCommand['type'], Role[]> = {
  'lobby.join': ALL,
  'lobby.admit': FAC,
  'lobby.deny': FAC,
  'lobby.lock': FAC,
  'member.remove': FAC,
  'meeting.start': FAC,
  'meeting.end': FAC,
  'meeting.endSafely': FAC,
  'script.update': FAC,
  'phase.next': FAC,
  'phase.previous': FAC,
  'floor.give': FAC,
  // The patient party holds the floor in the seeded states: only its members pass it on.
  'floor.pass': ['patient', 'patient_support'],
  'floor.done': ['patient', 'patient_support'],
  'floor.request': ['patient', 'patient_support', 'hcw', 'hcw_support', 'org_rep'],
  'floor.withdraw': ['patient', 'patient_support', 'hcw', 'hcw_support', 'org_rep'],
  'floor.reclaim': FAC,
  'floor.open': FAC,
  'floor.setMode': FAC,
  'pause.start': FAC,
  'pause.resume': FAC,
  // Facilitators pause directly; everyone else but observers asks.
  'pause.request': but('observer', 'facilitator', 'cofacilitator'),
  'pause.dismissRequest': FAC,
  'sideRoom.open': FAC,
  'sideRoom.close': FAC,
  'self.stepOut': ALL,
  'self.stepBack': ALL,
  'self.leave': ALL,
  'message.toFacilitators': but('observer'),
  'alert.dismiss': FAC,
  'message.dismiss': FAC,
  'member.mute': FAC,
  'interpreter.link': FAC,
  // The captioner (issue 17) only types captions, which are no command (realtime/captions.ts).
  'board.propose': but('observer', 'interpreter', 'captioner'),
  'board.edit': FAC,
  'board.remove': FAC,
  'board.reorder': FAC,
  'board.merge': FAC,
  // The patient is present, so a support person does not answer for the patient party.
  'board.consent': ['patient', 'hcw'],
  'board.finalise': FAC,
  'board.consentSummary': ['patient', 'hcw'],
  // The seeded item's owner is the healthcare worker.
  'followup.update': ['facilitator', 'cofacilitator', 'hcw'],
};

const STATES = ['open', 'live', 'paused', 'finalised', 'ended'] as const;
type StateName = (typeof STATES)[number];
/** Where a refused role must get exactly FORBIDDEN (elsewhere the state may refuse first). */
const STRICT: Partial<Record<ClientCommand['type'], StateName>> = {
  'followup.update': 'finalised',
  'board.consentSummary': 'finalised',
};

describe('every command × every role × every meeting state, through real sockets', () => {
  let s: TestServer;
  let caseId: string;
  const ids = {} as Record<Role, string>;
  const invites = {} as Record<Role, string>;
  const base = {} as Record<StateName, RoomState>;
  let cofac: TestFacilitator;

  beforeAll(async () => {
    s = await startTestServer({
      livekit: createFakeLiveKitGateway(),
      socketLimits: {
        burst: 1000,
        perSecond: 1000,
        maxInFlight: 1000,
        maxStrikes: 1000,
        maxPayloadBytes: 16_384,
      },
    });
    // Every participant role is a person on the case with an invite link; the co-facilitator is
    // a colleague's facilitator account assigned to the case (issue 12).
    const people = ROLES.filter((r) => !FAC.includes(r)).map((role) => ({
      key: role,
      name: `Person ${role}`,
      party:
        (
          {
            patient: 'patient',
            patient_support: 'patient',
            hcw: 'hcw',
            hcw_support: 'hcw',
          } as Record<string, 'patient' | 'hcw'>
        )[role] ?? 'other',
      role,
    }));
    const m = await createMeeting(s, people as never);
    caseId = m.caseId;
    cofac = await addCofacilitator(s, caseId, 'Person cofacilitator');
    ids.facilitator = s.facilitator.id;
    ids.cofacilitator = cofac.id;
    for (const p of people) ids[p.role] = m.people[p.key]!.id;

    // Seed states through the state machine itself.
    let n = 0;
    const ctx = (now: number) => ({ now, newId: () => `id${++n}` });
    let st = createRoomState({
      meetingId: 'seed',
      members: [
        { id: ids.facilitator, name: 'Fran', role: 'facilitator', party: 'facilitation' },
        { id: cofac.id, name: cofac.name, role: 'cofacilitator', party: 'facilitation' },
        ...people.map((p) => ({ id: ids[p.role], name: p.name, role: p.role, party: p.party })),
      ] as never,
    });
    let now = 1_000;
    const run = (c: RoomCommand) => {
      const r = decide(st, c, ctx((now += 1000)));
      if (!r.ok) throw new Error(`seed ${c.type}: ${r.error.message}`);
      st = r.state;
    };
    run({ type: 'system.connect', memberId: ids.facilitator });
    for (const r of ROLES.filter((x) => x !== 'facilitator')) {
      run({ type: 'system.connect', memberId: ids[r] });
      if (st.members[ids[r]]!.status === 'admitted') continue;
      run({ type: 'lobby.join', actorId: ids[r] });
      run({ type: 'lobby.admit', actorId: ids.facilitator, memberId: ids[r] });
    }
    run({ type: 'pause.request', actorId: ids.patient, reason: null });
    base.open = st;
    run({ type: 'meeting.start', actorId: ids.facilitator });
    run({
      type: 'floor.give',
      actorId: ids.facilitator,
      holder: { kind: 'party', party: 'patient' },
    });
    const fields = {
      text: 'An answer in writing',
      category: 'answers' as const,
      owner: 'Person hcw',
      ownerMemberId: ids.hcw,
      dueDate: '2030-01-01',
      completionEvidence: 'A letter',
      visibleTo: ['patient', 'hcw', 'facilitation', 'other'] as (
        'patient' | 'hcw' | 'facilitation' | 'other'
      )[],
      affectedParties: ['patient', 'hcw'] as ('patient' | 'hcw')[],
    };
    run({ type: 'board.propose', actorId: ids.patient, fields });
    base.live = st;
    run({ type: 'pause.start', actorId: ids.facilitator, message: null, breakMinutes: null });
    base.paused = st;
    st = base.live;
    const item = st.board.items[0]!;
    run({
      type: 'board.consent',
      actorId: ids.patient,
      itemId: item.id,
      baseVersion: item.version,
      decision: 'consent',
    });
    run({
      type: 'board.consent',
      actorId: ids.hcw,
      itemId: item.id,
      baseVersion: item.version,
      decision: 'consent',
    });
    run({ type: 'board.finalise', actorId: ids.facilitator, noAgreement: false });
    base.finalised = st;
    run({ type: 'meeting.end', actorId: ids.facilitator });
    base.ended = st;
  }, 60_000);

  afterAll(async () => {
    await s.close();
  });

  function sample(type: ClientCommand['type'], st: RoomState): ClientCommand {
    const item = st.board.items[0];
    const fields = item?.fields ?? base.live.board.items[0]!.fields;
    const samples: Record<ClientCommand['type'], ClientCommand> = {
      'lobby.join': { type: 'lobby.join' },
      'lobby.admit': { type: 'lobby.admit', memberId: ids.org_rep },
      'lobby.deny': { type: 'lobby.deny', memberId: ids.org_rep },
      'lobby.lock': { type: 'lobby.lock', locked: true },
      'member.remove': { type: 'member.remove', memberId: ids.observer },
      'meeting.start': { type: 'meeting.start' },
      'meeting.end': { type: 'meeting.end' },
      'meeting.endSafely': { type: 'meeting.endSafely' },
      'script.update': {
        type: 'script.update',
        phases: [{ kind: 'opening', name: 'Welcome', party: null, prompt: '' }],
        storyOrder: ['patient', 'hcw'],
        floorMode: 'protected',
        softTurnLimitSec: null,
      },
      'phase.next': { type: 'phase.next' },
      'phase.previous': { type: 'phase.previous' },
      'floor.give': { type: 'floor.give', holder: { kind: 'party', party: 'hcw' } },
      'floor.pass': { type: 'floor.pass' },
      'floor.done': { type: 'floor.done' },
      'floor.request': { type: 'floor.request' },
      'floor.withdraw': { type: 'floor.withdraw' },
      'floor.reclaim': { type: 'floor.reclaim' },
      'floor.open': { type: 'floor.open', open: true },
      'floor.setMode': { type: 'floor.setMode', mode: 'protected' },
      'pause.start': { type: 'pause.start', message: null, breakMinutes: null },
      'pause.resume': { type: 'pause.resume' },
      'pause.request': { type: 'pause.request', reason: null },
      'pause.dismissRequest': {
        type: 'pause.dismissRequest',
        requestId: st.pauseRequests[0]?.id ?? 'none',
      },
      'sideRoom.open': {
        type: 'sideRoom.open',
        memberIds: [ids.patient],
        facilitatorIds: [],
        purpose: 'caucus',
      },
      'sideRoom.close': { type: 'sideRoom.close', sideRoomId: 'none' },
      'self.stepOut': { type: 'self.stepOut' },
      'self.stepBack': { type: 'self.stepBack' },
      'self.leave': { type: 'self.leave' },
      'message.toFacilitators': { type: 'message.toFacilitators', text: 'A note' },
      'alert.dismiss': { type: 'alert.dismiss', alertId: st.alerts[0]?.id ?? 'none' },
      'message.dismiss': { type: 'message.dismiss', messageId: st.messages[0]?.id ?? 'none' },
      'member.mute': { type: 'member.mute', memberId: ids.hcw },
      'interpreter.link': {
        type: 'interpreter.link',
        memberId: ids.interpreter,
        interpretsFor: { memberId: ids.patient, mode: 'spoken' },
      },
      'board.propose': { type: 'board.propose', fields },
      'board.edit': {
        type: 'board.edit',
        itemId: item?.id ?? 'none',
        baseVersion: item?.version ?? 1,
        fields,
      },
      'board.remove': { type: 'board.remove', itemId: item?.id ?? 'none' },
      'board.reorder': { type: 'board.reorder', itemIds: st.board.items.map((i) => i.id) },
      'board.merge': {
        type: 'board.merge',
        itemIds: [item?.id ?? 'none', 'other'],
        text: 'Merged',
      },
      'board.consent': {
        type: 'board.consent',
        itemId: item?.id ?? 'none',
        baseVersion: item?.version ?? 1,
        decision: 'consent',
      },
      'board.finalise': { type: 'board.finalise', noAgreement: true },
      'board.consentSummary': { type: 'board.consentSummary' },
      'followup.update': {
        type: 'followup.update',
        itemId: item?.id ?? 'none',
        status: 'in_progress',
        reason: null,
      },
    };
    return samples[type];
  }

  /** A fresh meeting of the same case seeded with `st`, so every call starts from the same state. */
  async function seeded(st: RoomState): Promise<string> {
    const meetingId = randomId();
    await s.app.store.insertMeeting({
      id: meetingId,
      caseId,
      title: 'Seeded',
      floorMode: 'gentle',
      now: Date.now(),
    });
    // Issue 15: every person of the case is in it and has consented (the parties are at "go"
    // since createMeeting), so the gate is open and the matrix tests the room's own rules.
    const personIds = Object.entries(ids)
      .filter(([role]) => !FAC.includes(role as Role))
      .map(([, id]) => id);
    await s.app.store.setMeetingMembers(meetingId, personIds);
    const version = await consentVersion(s.app.store, meetingId);
    for (const id of personIds) await s.app.store.insertConsent(meetingId, id, version, Date.now());
    const state = { ...structuredClone(st), meetingId };
    // The meeting's status is written with its state.
    await s.app.store.saveSnapshot(state, Date.now());
    return meetingId;
  }

  const types = ROOM_COMMAND_SCHEMA.options.map(
    (o) => o.shape.type.value,
  ) as ClientCommand['type'][];

  it('covers every command in the protocol', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...types].sort());
  });

  for (const stateName of STATES) {
    it(`state "${stateName}": ${types.length} commands × ${ROLES.length} roles`, async () => {
      const failures: string[] = [];
      let forbidden = 0;
      for (const type of types) {
        for (const role of ROLES) {
          const meetingId = await seeded(base[stateName]);
          const command = sample(type, base[stateName]);
          let res: { ok: boolean; error?: { code: string } };
          if (role === 'facilitator' || role === 'cofacilitator') {
            const cookie = role === 'facilitator' ? s.facilitator.cookie : cofac.cookie;
            const c = await connect(s, { meetingId, cookie });
            res = await c.command(command);
            c.close();
          } else {
            invites[role] = (
              await api<InviteDto>(s, 'POST', `/meetings/${meetingId}/invites/${ids[role]}`)
            ).url.split('/j/')[1]!;
            const c = await connect(s, { invite: invites[role] });
            res = await c.command(command);
            c.close();
          }
          const allowed = MATRIX[type].includes(role);
          const strictHere = (STRICT[type] ?? 'live') === stateName;
          if (allowed && res.error?.code === 'FORBIDDEN')
            failures.push(`${stateName} ${type} by ${role}: refused as FORBIDDEN`);
          if (!allowed && res.ok) failures.push(`${stateName} ${type} by ${role}: ACCEPTED`);
          if (!allowed && strictHere && res.error?.code !== 'FORBIDDEN')
            failures.push(
              `${stateName} ${type} by ${role}: ${res.error?.code}, expected FORBIDDEN`,
            );
          if (res.error?.code === 'FORBIDDEN') forbidden += 1;
        }
      }
      expect(failures).toEqual([]);
      if (stateName === 'live') expect(forbidden).toBeGreaterThan(150);
    }, 240_000);
  }
});
