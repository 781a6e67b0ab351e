// Two app nodes, one PostgreSQL, one Redis, all real and on loopback (no LiveKit: media is not
// what these test). A node that runs a meeting is killed with SIGKILL, and the other takes the
// meeting over:
// - with nobody connected to it and a party's grace deadline pending: no node has a socket in
//   it, yet the survivor takes it over and the deadline still fires (timers are data);
// - with a person whose socket stayed on the survivor all along: the new owner counts that
//   socket in, so the views of later changes reach it.
// And a node that does NOT run the meeting is killed: the owner counts its people out (they show
// as gone, and their party's grace starts) instead of present for ever.
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDto } from '../../shared/protocol/http';
import type { RoomState } from '../../shared/room/state';
import { NODE_ALIVE_MS } from '../../server/src/cluster/cluster';
import { freeTcpPort } from '../support/livekit';
import {
  nodeClient as client,
  nodeEnv,
  seedMeeting,
  until,
  type NodeClient as Client,
} from '../support/nodes';
import { startPostgres, type PostgresServer } from '../support/postgres';
import { spawnServer, type ServerProcess } from '../support/process';
import { startRedis, type RedisServer } from '../support/redis';
import type { ClientSocket } from '../support/server';

const EMAIL = 'takeover@example.org';
const GRACE_SECONDS = 8;

const send = (x: Client, command: object, id: string) => x.command(command, id);

describe('several app nodes: a meeting taken over after its owner is killed', () => {
  let pgServer: PostgresServer;
  let redis: RedisServer;
  const procs: ServerProcess[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    [pgServer, redis] = await Promise.all([startPostgres(), startRedis()]);
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const p of procs) await p.kill('SIGKILL');
    await Promise.all([redis?.stop(), pgServer?.stop()]);
  });

  /** Two nodes on a new database; a meeting created through node 1 (so node 1 runs it). */
  async function cluster() {
    const databaseUrl = await pgServer.createDatabase();
    const env = (i: number) =>
      nodeEnv(
        i,
        { databaseUrl, redisUrl: redis.url, email: EMAIL },
        { PARTY_GRACE_SECONDS: String(GRACE_SECONDS) },
      );
    // No LiveKit: the nodes do not inherit this process's LIVEKIT_* variables.
    const spawnNode = async (i: number) => {
      const p = await spawnServer(env(i), await freeTcpPort(), {
        inherit: (k) => !k.startsWith('LIVEKIT_'),
      });
      procs.push(p);
      return p;
    };
    const node1 = await spawnNode(1);
    const node2 = await spawnNode(2);
    const seeded = await seedMeeting(node1.url, EMAIL, [
      { displayName: 'Pat', party: 'patient', role: 'patient' },
      { displayName: 'Casey', party: 'hcw', role: 'hcw' },
    ]);
    const [pat, cli] = seeded.people as [PersonDto, PersonDto];
    const [patToken, cliToken] = seeded.tokens as [string, string];
    return {
      node1,
      node2,
      databaseUrl,
      cookie: seeded.cookie,
      meetingId: seeded.meeting.id,
      pat,
      cli,
      patToken,
      cliToken,
    };
  }

  /** Everyone admitted and the meeting live. */
  async function start(
    fac: Client,
    patient: Client,
    clinician: Client,
    patId: string,
    cliId: string,
  ) {
    const all = [fac, patient, clinician];
    await until(() => all.every((x) => !!x.state.view), 'first views');
    expect(await send(patient, { type: 'lobby.join' }, 'join-patient')).toMatchObject({ ok: true });
    expect(await send(clinician, { type: 'lobby.join' }, 'join-clinic')).toMatchObject({
      ok: true,
    });
    expect(await send(fac, { type: 'lobby.admit', memberId: patId }, 'admit-pat')).toMatchObject({
      ok: true,
    });
    expect(await send(fac, { type: 'lobby.admit', memberId: cliId }, 'admit-cli')).toMatchObject({
      ok: true,
    });
    expect(await send(fac, { type: 'meeting.start' }, 'start-meeting')).toMatchObject({ ok: true });
    await until(() => all.every((x) => x.state.view?.status === 'live'), 'the meeting live');
  }

  async function killed(p: ServerProcess) {
    await p.kill('SIGKILL');
  }

  /** The facilitator and the clinician on node 1 (the owner), the patient on `patientNode`, live. */
  async function live(t: Awaited<ReturnType<typeof cluster>>, patientNode: ServerProcess) {
    const fac = client(t.node1.url, { meetingId: t.meetingId }, t.cookie);
    const patient = client(patientNode.url, { invite: t.patToken });
    const clinician = client(t.node1.url, { invite: t.cliToken });
    sockets.push(fac.socket, patient.socket, clinician.socket);
    await start(fac, patient, clinician, t.pat.id, t.cli.id);
    return { fac, patient, clinician };
  }

  it('takes over a meeting nobody is connected to, and its party-grace deadline still fires', async () => {
    const t = await cluster();
    const { fac, patient, clinician } = await live(t, t.node1);

    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    const stored = async () =>
      JSON.parse(
        (
          await db.query<{ state_json: string }>(
            'SELECT state_json FROM room_snapshots WHERE meeting_id = $1',
            [t.meetingId],
          )
        ).rows[0]!.state_json,
      ) as RoomState;
    try {
      // The patient's side drops: its grace deadline is set. Then everyone else leaves too.
      patient.socket.disconnect();
      await until(
        async () => (await stored()).deadlines.partyGrace.some((d) => !d.expired),
        'the grace deadline in the store',
      );
      fac.socket.disconnect();
      clinician.socket.disconnect();
      await until(
        async () => Object.values((await stored()).members).every((m) => !m.connected),
        'nobody connected',
      );
      // The owner has published the pending deadline (its lease loop does, every 500 ms).
      const r = createClient({ url: redis.url });
      await r.connect();
      await until(
        async () => (await r.zScore('cg:deadlines', t.meetingId)) !== null,
        'the deadline published',
      );
      await r.quit();
      const before = await stored();
      const due = before.deadlines.partyGrace.find((d) => !d.expired)!;
      expect(due.party).toBe('patient');
      // Killed before its deadline: only another node can fire it now.
      expect(Date.now()).toBeLessThan(due.at);
      await killed(t.node1);

      // Node 2 has no socket in this meeting; it takes it over anyway, and the room pauses for
      // the missing party when the grace runs out, as it would have on node 1.
      await until(
        async () => {
          const s = await stored();
          return s.deadlines.partyGrace.some((d) => d.id === due.id && d.expired);
        },
        'the deadline fired on the survivor',
        30_000,
      );
      const after = await stored();
      expect(after.pause).not.toBeNull();
      expect(after.status).toBe('live');
      expect(after.version).toBeGreaterThan(before.version);
    } finally {
      await db.end();
    }
  }, 120_000);

  it('after a takeover, the views reach a socket that stayed on the surviving node', async () => {
    const t = await cluster();
    // The facilitator and the clinician on node 1 (the owner), the patient on node 2.
    const { fac, patient, clinician } = await live(t, t.node2);

    await killed(t.node1);
    // The browsers on node 1 reconnect through the proxy, which now reaches node 2.
    for (const x of [fac, clinician]) (x.socket.io as unknown as { uri: string }).uri = t.node2.url;
    const all = [fac, patient, clinician];
    await until(() => {
      if (!all.every((x) => x.socket.connected)) return false;
      const v = all.map((x) => x.state.view?.version);
      return v.every((x) => x === v[0]);
    }, 'one version everywhere after the takeover');
    // A change on the new owner reaches everyone, the patient who never moved included.
    const ack = await send(fac, { type: 'floor.setMode', mode: 'protected' }, 'mode-after');
    if (!ack.ok) throw new Error(ack.error.message);
    const { version } = ack.data;
    await until(
      () => all.every((x) => (x.state.view?.version ?? -1) >= version),
      'the change seen by every socket',
      10_000,
    );
    expect(patient.state.view?.floor.mode).toBe('protected');
  }, 120_000);

  it('a node that does not run the meeting dies: its people are counted out, and their grace runs', async () => {
    const t = await cluster();
    // The facilitator and the clinician on node 1 (the owner), the patient on node 2.
    const { fac, patient, clinician } = await live(t, t.node2);
    const patientIn = () => fac.state.view?.members.find((m) => m.id === t.pat.id)?.connected;
    expect(patientIn()).toBe(true);

    // Node 2 dies with the patient's only socket; the patient's browser is gone with it.
    patient.socket.io.opts.reconnection = false;
    await killed(t.node2);
    await until(() => patientIn() === false, 'the patient shown as gone', NODE_ALIVE_MS + 10_000);
    // Their party was left with nobody: after its grace the meeting pauses for everyone.
    await until(
      () => fac.state.view?.pause !== null && fac.state.view?.pause !== undefined,
      'the meeting paused after the patient side’s grace',
      (GRACE_SECONDS + 10) * 1000,
    );
    expect(clinician.state.view?.members.find((m) => m.id === t.cli.id)?.connected).toBe(true);
  }, 120_000);
});
