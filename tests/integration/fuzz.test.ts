import fc from 'fast-check';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLiveKitGateway } from '../../server/src/livekit/gateway';
import { SOCKET_LIMITS } from '../../server/src/realtime/io';
import { ERROR_CODES } from '../../shared/protocol/errors';
import { CSRF_HEADER } from '../../shared/protocol/http';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import {
  connect,
  createMeeting,
  startTestServer,
  type ClientSocket,
  type ScriptedMeeting,
  type TestServer,
} from '../support/server';

/**
 * Thousands of random and malformed socket events and HTTP bodies: the process never crashes,
 * every answered input gets a typed error, and nothing changes (room version, database rows).
 */
const SEED = 20261126;
const SOCKET_INPUTS = 2000;
const HTTP_INPUTS = 1000;
const CODES = new Set<string>(ERROR_CODES);

const COUNTED_TABLES = [
  'facilitators',
  'sessions',
  'cases',
  'people',
  'meetings',
  'invites',
  'room_commands',
];

/** Malformed command envelopes: wrong shapes, wrong types, unknown commands, oversized strings. */
const badEnvelope = fc.oneof(
  fc.anything(),
  fc.record({ id: fc.anything(), command: fc.anything() }),
  fc.record({
    id: fc.string({ minLength: 8, maxLength: 20 }),
    command: fc.record({ type: fc.string() }),
  }),
  fc.record({
    id: fc.string({ minLength: 8, maxLength: 20 }),
    command: fc.record({
      type: fc.constantFrom(
        'lobby.admit',
        'floor.give',
        'pause.start',
        'board.propose',
        'script.update',
        'sideRoom.open',
      ),
      memberId: fc.oneof(
        fc.integer(),
        fc.constant(''),
        fc.string({ minLength: 65, maxLength: 100 }),
      ),
      extra: fc.anything(),
    }),
  }),
  fc.record({
    id: fc.string({ minLength: 8, maxLength: 20 }),
    command: fc.record({
      type: fc.constant('message.toFacilitators'),
      text: fc.oneof(
        fc.constant(''),
        fc.string({ minLength: 1001, maxLength: 1100 }),
        fc.integer(),
      ),
    }),
  }),
);

describe('fuzzing the boundary', () => {
  let s: TestServer;
  let meeting: ScriptedMeeting;
  let crashes = 0;
  const onCrash = () => {
    crashes += 1;
  };

  const counts = () =>
    Object.fromEntries(
      COUNTED_TABLES.map((t) => [
        t,
        (s.app.db!.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
      ]),
    );

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    s = await startTestServer({
      livekit: createFakeLiveKitGateway(),
      // Validation is under test here, not the message budget (each person's budget is shared by
      // all their sockets, and 2,000 inputs from two people would exhaust it).
      socketLimits: { ...SOCKET_LIMITS, burst: 100_000, perSecond: 100_000 },
    });
    meeting = await createMeeting(s, [
      { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'clinician', name: 'Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await s.close();
  });

  it(`socket: ${SOCKET_INPUTS} malformed commands get typed errors and change nothing`, async () => {
    // Connect everyone once so presence is settled before counting.
    const fac = await connect(s, { meetingId: meeting.meetingId, cookie: s.facilitator.cookie });
    const patient = await connect(s, { invite: meeting.people.patient!.token });
    await fac.waitFor((v) => v.members.length >= 1);
    const actor = (await s.app.rooms.get(meeting.meetingId))!;
    await actor.idle();
    const version = actor.state.version;
    const before = counts();
    const inputs = fc.sample(badEnvelope, { seed: SEED, numRuns: SOCKET_INPUTS });
    let answered = 0;
    let typed = 0;
    // A few inputs per socket, under the abuse limits, from both a facilitator and an invitee.
    for (let i = 0; i < inputs.length; i += 8) {
      const who = (i / 8) % 2 === 0 ? fac : patient;
      const extra: ClientSocket = ioClient(s.url, {
        auth:
          who === fac
            ? { protocol: PROTOCOL_VERSION, meetingId: meeting.meetingId }
            : { protocol: PROTOCOL_VERSION, invite: meeting.people.patient!.token },
        extraHeaders: who === fac ? { cookie: s.facilitator.cookie } : undefined,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      await new Promise<void>((r, j) => {
        extra.once('connect', () => r());
        extra.once('connect_error', j);
      });
      for (const input of inputs.slice(i, i + 8)) {
        const res = (await extra.timeout(3000).emitWithAck('room:command', input as never)) as {
          ok: boolean;
          error?: { code: string };
        };
        answered += 1;
        if (res.ok === false && res.error && CODES.has(res.error.code)) typed += 1;
      }
      // Events with no acknowledgement and unknown events are dropped, never crash the process.
      const raw = extra as unknown as { emit: (event: string, ...args: unknown[]) => void };
      raw.emit('room:command', { id: 'no-ack-here', command: { type: 'meeting.end' } });
      raw.emit('no:such:event', 'x');
      extra.disconnect();
    }
    await actor.idle();
    patient.close();
    fac.close();
    await new Promise((r) => setTimeout(r, 200));
    await actor.idle();
    // Presence (disconnect/connect) are the only accepted changes; compare the content.
    const after = counts();
    const commandRows = after.room_commands! - before.room_commands!;
    const presenceRows = s.app
      .db!.prepare(
        `SELECT COUNT(*) AS n FROM room_commands WHERE meeting_id = ? AND version > ? AND type NOT LIKE 'system.%'`,
      )
      .get(meeting.meetingId, version) as { n: number };
    process.stdout.write(
      `fuzz socket: inputs tried ${inputs.length}, answered ${answered}, typed errors ${typed}, crashes ${crashes}, state changes ${presenceRows.n}\n`,
    );
    expect(answered).toBe(inputs.length);
    expect(typed).toBe(inputs.length);
    expect(crashes).toBe(0);
    expect(presenceRows.n).toBe(0);
    expect(commandRows).toBeGreaterThanOrEqual(0);
    expect({ ...after, room_commands: 0 }).toEqual({ ...before, room_commands: 0 });
  }, 120_000);

  it(`http: ${HTTP_INPUTS} random bodies get typed 4xx errors and change nothing`, async () => {
    const before = counts();
    const targets = [
      '/api/cases',
      `/api/cases/${meeting.caseId}/people`,
      `/api/cases/${meeting.caseId}/meetings`,
      '/api/setup',
      `/api/meetings/${meeting.meetingId}/invites/not-a-person`,
      '/api/invites/nope/revoke',
    ];
    const body = fc.oneof(
      fc.anything().map((x) => {
        try {
          return JSON.stringify(x) ?? 'null';
        } catch {
          return '{}';
        }
      }),
      fc.string(),
      fc
        .record({
          title: fc.oneof(
            fc.constant(''),
            fc.string({ minLength: 81, maxLength: 200 }),
            fc.integer(),
          ),
        })
        .map((x) => JSON.stringify(x)),
      fc
        .record({ displayName: fc.string(), party: fc.string(), role: fc.string() })
        .map((x) => JSON.stringify(x)),
    );
    const inputs = fc.sample(fc.tuple(fc.constantFrom(...targets), body), {
      seed: SEED,
      numRuns: HTTP_INPUTS,
    });
    let typed = 0;
    for (const [target, payload] of inputs) {
      const res = await fetch(s.url + target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CSRF_HEADER]: '1',
          cookie: s.facilitator.cookie,
        },
        body: payload,
      });
      const json = (await res.json().catch(() => null)) as { error?: { code: string } } | null;
      if (res.status >= 400 && res.status < 500 && json?.error && CODES.has(json.error.code))
        typed += 1;
    }
    const after = counts();
    process.stdout.write(
      `fuzz http: inputs tried ${inputs.length}, typed errors ${typed}, crashes ${crashes}, state changes ${JSON.stringify(after) === JSON.stringify(before) ? 0 : 1}\n`,
    );
    expect(typed).toBe(inputs.length);
    expect(crashes).toBe(0);
    expect(after).toEqual(before);
  }, 120_000);
});
