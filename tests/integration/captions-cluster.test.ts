// Issue 17 item 2 with several app nodes (issue 18): two real server processes on one PostgreSQL
// and one Redis. The meeting runs on node 1; the captioner, the facilitator, the patient and the
// support person are on node 2, the clinician on node 1. The caption audience is a Socket.IO room
// kept by the meeting's node through the Redis adapter: the captioner is let in on node 2 by node
// 1, a line sent on node 2 reaches the clinician on node 1, and once the facilitator takes the
// patient's party aside, node 1 takes their sockets on node 2 out of the audience. No node prints
// the line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptionLine } from '../../shared/protocol/captions';
import type { Ack } from '../../shared/protocol/errors';
import type { PersonDto } from '../../shared/protocol/http';
import { freeTcpPort } from '../support/livekit';
import { nodeClient, nodeEnv, seedMeeting, until } from '../support/nodes';
import { startPostgres, type PostgresServer } from '../support/postgres';
import { spawnServer, type ServerProcess } from '../support/process';
import { startRedis, type RedisServer } from '../support/redis';
import type { ClientSocket } from '../support/server';

const EMAIL = 'captions-cluster@example.org';
const SECRET = 'The second dose was never written down';

/** A client (no reconnection) that also keeps the caption lines it receives. */
function client(url: string, auth: object, cookie?: string) {
  const c = nodeClient(url, auth, cookie, null);
  const lines: CaptionLine[] = [];
  c.socket.on('caption:line', (l) => lines.push(l));
  const caption = (payload: object) =>
    c.socket.timeout(5000).emitWithAck('caption:send', payload as never) as Promise<Ack<null>>;
  return { ...c, state: Object.assign(c.state, { lines }), caption };
}

describe('captions across two app nodes (Redis adapter)', () => {
  let pg: PostgresServer;
  let redis: RedisServer;
  const procs: ServerProcess[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  }, 90_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const p of procs) await p.kill('SIGTERM');
    await Promise.all([redis?.stop(), pg?.stop()]);
  });

  it('relays a line sent on one node to the main room on both, and never to a side room', async () => {
    const databaseUrl = await pg.createDatabase();
    const env = (i: number) => nodeEnv(i, { databaseUrl, redisUrl: redis.url, email: EMAIL });
    const node1 = await spawnServer(env(1), await freeTcpPort());
    procs.push(node1);
    const node2 = await spawnServer(env(2), await freeTcpPort());
    procs.push(node2);

    // Created through node 1, so node 1 runs the meeting.
    const seeded = await seedMeeting(node1.url, EMAIL, [
      { displayName: 'Pat', party: 'patient', role: 'patient' },
      { displayName: 'Sam', party: 'patient', role: 'patient_support' },
      { displayName: 'Casey', party: 'hcw', role: 'hcw' },
      { displayName: 'Kim', party: 'other', role: 'captioner' },
    ]);
    const { cookie, meeting: m } = seeded;
    const [pat, sup, cli, cap] = seeded.people as [PersonDto, PersonDto, PersonDto, PersonDto];
    const [patToken, supToken, cliToken, capToken] = seeded.tokens as [
      string,
      string,
      string,
      string,
    ];
    const tokens = { pat: patToken, sup: supToken, cli: cliToken, cap: capToken };

    const fac = client(node2.url, { meetingId: m.id }, cookie);
    const captioner = client(node2.url, { invite: tokens.cap });
    const clinician = client(node1.url, { invite: tokens.cli });
    const patient = client(node2.url, { invite: tokens.pat });
    const support = client(node2.url, { invite: tokens.sup });
    const all = [fac, captioner, clinician, patient, support];
    sockets.push(...all.map((x) => x.socket));
    await until(() => all.every((x) => !!x.state.view), 'first views');
    for (const [x, id] of [
      [patient, pat.id],
      [support, sup.id],
      [clinician, cli.id],
      [captioner, cap.id],
    ] as const) {
      expect(await x.command({ type: 'lobby.join' }, `join-${id}`)).toMatchObject({ ok: true });
      expect(await fac.command({ type: 'lobby.admit', memberId: id }, `admit-${id}`)).toMatchObject(
        { ok: true },
      );
    }
    await until(
      () => all.every((x) => x.state.view?.me.status === 'admitted' || x === fac),
      'everyone admitted',
    );

    // Typed on node 2 (not the meeting's node): the main room hears it on both nodes.
    expect(await captioner.caption({ line: 1, text: SECRET, final: true })).toEqual({
      ok: true,
      data: null,
    });
    const main = [fac, clinician, patient, support];
    await until(() => main.every((x) => x.state.lines.length === 1), 'the line on both nodes');
    for (const x of main)
      expect(x.state.lines[0]).toEqual({ line: 1, text: SECRET, final: true, by: cap.id });
    expect(captioner.state.lines).toEqual([]);

    // The facilitator takes the patient's party aside (one party, so the clinician may stay in
    // the main room without a facilitator): their sockets on node 2 leave the audience.
    expect(
      await fac.command(
        {
          type: 'sideRoom.open',
          memberIds: [pat.id, sup.id],
          facilitatorIds: [],
          purpose: 'checkin',
        },
        'aside-the-patient-party',
      ),
    ).toMatchObject({ ok: true });
    await until(
      () => [patient, support].every((x) => !!x.state.view?.me.sideRoom),
      'the patient party aside',
    );
    expect(await captioner.caption({ line: 2, text: 'Second line', final: true })).toMatchObject({
      ok: true,
    });
    await until(() => clinician.state.lines.length === 2, 'the second line in the main room');
    // The people aside: a round trip each (anything sent to them before has arrived), then nothing.
    for (const x of [patient, support, fac]) {
      await x.socket.timeout(5000).emitWithAck('room:sync', {});
      expect(x.state.lines.map((l) => l.line)).toEqual([1]);
    }

    // Nobody else may send, on either node.
    for (const x of [patient, clinician]) {
      expect(await x.caption({ line: 3, text: 'x', final: true })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    for (const p of procs) expect(p.output()).not.toContain(SECRET);
  });
});
