// Issue 17 item 2 through the real server (real Socket.IO, real SQLite; the fake LiveKit gateway):
// a captioner's line reaches the people in the main room as it is typed, and nobody else (not the
// person in a private side room, not the one still waiting, not the captioner's own socket); a
// non-captioner is refused with a typed error; and once the meeting is over, the caption text is
// in no file the server wrote and in no line it logged.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptionLine } from '../../shared/protocol/captions';
import type { Ack } from '../../shared/protocol/errors';
import { useTestServer } from '../support/lifecycle';
import {
  addCofacilitator,
  connect,
  createMeeting,
  type Client,
  type TestServer,
} from '../support/server';

/** Every file under a directory (the SQLite file, its -wal and -shm, the command log...). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Caption lines one socket receives. */
function captionsOf(c: Client): CaptionLine[] {
  const got: CaptionLine[] = [];
  c.socket.on('caption:line', (l) => got.push(l));
  return got;
}

const send = (c: Client, payload: unknown) =>
  c.socket.timeout(5000).emitWithAck('caption:send', payload as never) as Promise<Ack<null>>;

/**
 * A round trip on this socket: anything the server emitted to it before now has arrived (one
 * socket's messages keep their order), so "received nothing" is not "not yet".
 */
const settled = async (c: Client) => {
  await c.socket.timeout(5000).emitWithAck('room:sync', {});
};

const SECRETS = [
  'I remember the night of the fourteenth very clearly',
  'Nobody told us about the second dose',
  'Pharmacy reconciliation was skipped',
];

describe('live captions: relayed to the main room, never kept', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients);

  it('reach the main room as typed; not a side room, the lobby or the sender; nothing kept', async () => {
    const m = await createMeeting(s, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'sup', name: 'Sam Doe', party: 'patient', role: 'patient_support' },
      { key: 'cli', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
      { key: 'cap', name: 'Kim Captioner', party: 'other', role: 'captioner' },
      { key: 'org', name: 'Orla Rep', party: 'other', role: 'org_rep' },
    ]);
    const cofac = await addCofacilitator(s, m.caseId);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    const co = await connect(s, { meetingId: m.meetingId, cookie: cofac.cookie });
    const [pat, sup, cli, cap, org] = await Promise.all(
      ['pat', 'sup', 'cli', 'cap', 'org'].map((k) => connect(s, { invite: m.people[k]!.token })),
    );
    clients.push(fac, co, pat!, sup!, cli!, cap!, org!);
    const ok = async (c: Client, command: object) =>
      expect(await c.command(command)).toMatchObject({ ok: true });
    for (const [c, key] of [
      [pat!, 'pat'],
      [sup!, 'sup'],
      [cli!, 'cli'],
      [cap!, 'cap'],
    ] as const) {
      await ok(c, { type: 'lobby.join' });
      await ok(fac, { type: 'lobby.admit', memberId: m.people[key]!.id });
    }
    // The organisation representative knocks and stays waiting in the lobby.
    await ok(org!, { type: 'lobby.join' });
    await ok(fac, { type: 'meeting.start' });
    // The co-facilitator takes the support person aside: a private side room.
    await ok(co, {
      type: 'sideRoom.open',
      memberIds: [m.people.sup!.id],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    await sup!.waitFor((v) => v.me.sideRoom !== null);

    const received = new Map(
      (
        [
          ['fac', fac],
          ['co', co],
          ['pat', pat!],
          ['sup', sup!],
          ['cli', cli!],
          ['cap', cap!],
          ['org', org!],
        ] as const
      ).map(([k, c]) => [k, captionsOf(c)]),
    );

    // The line as it grows, then final on Enter.
    const secret = SECRETS[0]!;
    const capId = m.people.cap!.id;
    for (const [i, text] of [secret.slice(0, 10), secret.slice(0, 25), secret].entries()) {
      expect(await send(cap!, { line: 1, text, final: i === 2 })).toEqual({ ok: true, data: null });
    }
    expect(await send(cap!, { line: 2, text: SECRETS[1], final: true })).toMatchObject({
      ok: true,
    });
    await Promise.all([fac, co, pat!, sup!, cli!, cap!, org!].map(settled));

    const expected = [
      { by: capId, line: 1, text: secret.slice(0, 10), final: false },
      { by: capId, line: 1, text: secret.slice(0, 25), final: false },
      { by: capId, line: 1, text: secret, final: true },
      { by: capId, line: 2, text: SECRETS[1], final: true },
    ];
    for (const k of ['fac', 'pat', 'cli'] as const) expect(received.get(k), k).toEqual(expected);
    // The side room (the support person and the co-facilitator with them), the lobby and the
    // captioner's own socket: nothing.
    for (const k of ['co', 'sup', 'org', 'cap'] as const) expect(received.get(k), k).toEqual([]);

    // Back from the side room: the support person receives the next line.
    await ok(co, {
      type: 'sideRoom.close',
      sideRoomId: (await co.waitFor((v) => !!v.facilitator?.sideRooms.length)).facilitator!
        .sideRooms[0]!.id,
    });
    await sup!.waitFor((v) => v.me.sideRoom === null);
    expect(await send(cap!, { line: 3, text: 'Welcome back', final: true })).toMatchObject({
      ok: true,
    });
    await settled(sup!);
    expect(received.get('sup')!.map((l) => l.text)).toEqual(['Welcome back']);

    // Anyone else is refused with a typed error, and nothing goes out.
    const before = received.get('cli')!.length;
    for (const c of [pat!, fac, org!]) {
      const res = await send(c, { line: 9, text: SECRETS[2], final: true });
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', reason: 'captions.onlyCaptioner' },
      });
    }
    expect(await send(cap!, { line: 9, text: 'a\nb', final: false })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await send(cap!, { line: 9, text: 'x'.repeat(401), final: false })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    await settled(cli!);
    expect(received.get('cli')!.length).toBe(before);

    // The end: the captions stop (nobody hears the main room any more) and nothing was kept.
    await ok(fac, { type: 'meeting.end' });
    await cap!.waitFor((v) => v.status === 'ended');
    expect(await send(cap!, { line: 10, text: SECRETS[2], final: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', reason: 'captions.mainRoomOnly' },
    });
    await s.app.rooms.idle();
    // Through every write path: a checkpoint folds the command log into the database file.
    s.app.db!.pragma('wal_checkpoint(TRUNCATE)');

    const dir = path.dirname(s.app.db!.name);
    const files = filesUnder(dir);
    expect(files.some((f) => f.endsWith('.db') || f.endsWith('.sqlite'))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f).toString('latin1').toLowerCase();
      for (const needle of [...SECRETS, 'welcome back', 'night of the fourteenth']) {
        expect(bytes.includes(needle.toLowerCase()), `${needle} in ${path.basename(f)}`).toBe(
          false,
        );
      }
    }
    expect(s.logLines.length).toBeGreaterThan(5);
    const logs = s.logLines.join('\n').toLowerCase();
    for (const needle of [...SECRETS, 'welcome back', 'caption:send']) {
      expect(logs, needle).not.toContain(needle.toLowerCase());
    }
    // The audit log (content-free: who by role did what) has no caption text either.
    const audit = JSON.stringify(await s.app.store.auditByMeeting(m.meetingId)).toLowerCase();
    for (const needle of [...SECRETS, 'welcome back'])
      expect(audit).not.toContain(needle.toLowerCase());
  });

  it('takes the captioner out while in a side room, a socket opened there too', async () => {
    const m = await createMeeting(s, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'cap', name: 'Kim Captioner', party: 'other', role: 'captioner' },
    ]);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    const pat = await connect(s, { invite: m.people.pat!.token });
    const cap = await connect(s, { invite: m.people.cap!.token });
    clients.push(fac, pat, cap);
    for (const [c, key] of [
      [pat, 'pat'],
      [cap, 'cap'],
    ] as const) {
      expect(await c.command({ type: 'lobby.join' })).toMatchObject({ ok: true });
      expect(await fac.command({ type: 'lobby.admit', memberId: m.people[key]!.id })).toMatchObject(
        { ok: true },
      );
    }
    expect(await send(cap, { line: 1, text: 'Before', final: true })).toMatchObject({ ok: true });
    expect(
      await fac.command({
        type: 'sideRoom.open',
        memberIds: [m.people.cap!.id],
        facilitatorIds: [],
        purpose: 'checkin',
      }),
    ).toMatchObject({ ok: true });
    await cap.waitFor((v) => v.me.sideRoom !== null);
    expect(await send(cap, { line: 2, text: 'Aside', final: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    // A new socket of the captioner, opened while aside, is not in the audience either.
    const cap2 = await connect(s, { invite: m.people.cap!.token });
    clients.push(cap2);
    await cap2.waitFor((v) => v.me.sideRoom !== null);
    expect(await send(cap2, { line: 2, text: 'Aside', final: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
  });
});
