// Two app nodes, one PostgreSQL, one Redis and two LiveKit nodes (LiveKit's multi-node mode on
// that Redis), all real and on loopback. The people of one meeting are on different app nodes;
// the node that runs the meeting is killed with SIGKILL mid-meeting; the other takes it over from
// the store: nothing acknowledged is lost, every client is back on one version within 5 s, and
// the SFU still holds exactly the admitted people.
import { Room } from '@livekit/rtc-node';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaGrant } from '../../shared/protocol/events';
import type { RoomView } from '../../shared/room/views';
import { freeTcpPort, startLiveKit, type LiveKitServer } from '../support/livekit';
import { nodeClient, nodeEnv, seedMeeting, until, type NodeClient } from '../support/nodes';
import { startPostgres, type PostgresServer } from '../support/postgres';
import { spawnServer, type ServerProcess } from '../support/process';
import { startRedis, type RedisServer } from '../support/redis';
import type { ClientSocket } from '../support/server';

const EMAIL = 'cluster@example.org';
const N = 20;

describe('several app nodes: the owner of a meeting is killed, another takes it over', () => {
  let pg: PostgresServer;
  let redis: RedisServer;
  const lk: LiveKitServer[] = [];
  const procs: ServerProcess[] = [];
  const sockets: ClientSocket[] = [];
  const calls: Room[] = [];

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    const keys = { apiKey: 'clusterkey', apiSecret: `cluster-secret-${Date.now()}-abcdefghijkl` };
    lk.push(await startLiveKit({ redis: redis.address, keys }));
    lk.push(await startLiveKit({ redis: redis.address, keys }));
  }, 90_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const c of calls) await c.disconnect().catch(() => undefined);
    for (const p of procs) await p.kill('SIGKILL');
    for (const l of lk) await l.stop();
    await Promise.all([redis?.stop(), pg?.stop()]);
  });

  it('loses nothing acknowledged, converges within 5 s, and the SFU holds exactly the admitted people', async () => {
    const databaseUrl = await pg.createDatabase();
    const env = (i: number) =>
      nodeEnv(
        i,
        { databaseUrl, redisUrl: redis.url, email: EMAIL },
        {
          LIVEKIT_URL: lk[i - 1]!.url,
          LIVEKIT_API_KEY: lk[i - 1]!.apiKey,
          LIVEKIT_API_SECRET: lk[i - 1]!.apiSecret,
        },
      );
    // The first node creates the facilitator account; the second finds it.
    const node1 = await spawnServer(env(1), await freeTcpPort());
    procs.push(node1);
    const node2 = await spawnServer(env(2), await freeTcpPort());
    procs.push(node2);

    // Created through node 1, so node 1 runs the meeting. Issue 15: both parties at "go" and
    // both consented, done through node 2: the gate reaches the meeting on node 1 too.
    const seeded = await seedMeeting(
      node1.url,
      EMAIL,
      [
        { displayName: 'Pat', party: 'patient', role: 'patient' },
        { displayName: 'Casey', party: 'hcw', role: 'hcw' },
      ],
      node2.url,
    );
    const { cookie, meeting: m } = seeded;
    const pat = seeded.people[0]!;
    const [patToken, cliToken] = seeded.tokens as [string, string];
    // The facilitator and the clinician on node 2, the patient on node 1 (the owner).
    const fac = nodeClient(node2.url, { meetingId: m.id }, cookie);
    const clinician = nodeClient(node2.url, { invite: cliToken });
    const patient = nodeClient(node1.url, { invite: patToken });
    const all = [fac, patient, clinician];
    sockets.push(...all.map((x) => x.socket));
    await until(() => all.every((x) => !!x.state.view), 'first views');

    const send = (x: NodeClient, command: object, id: string) => x.command(command, id);
    expect(await send(patient, { type: 'lobby.join' }, 'join-patient-1')).toMatchObject({
      ok: true,
    });
    expect(await send(clinician, { type: 'lobby.join' }, 'join-clinic-1')).toMatchObject({
      ok: true,
    });
    expect(
      await send(fac, { type: 'lobby.admit', memberId: pat.id }, 'admit-patient'),
    ).toMatchObject({
      ok: true,
    });
    expect(await send(fac, { type: 'meeting.start' }, 'start-meeting')).toMatchObject({ ok: true });
    // Every change reaches everyone, in order, whichever node their socket is on.
    await until(
      () => all.every((x) => x.state.view?.status === 'live'),
      'the start seen on both nodes',
    );

    // The admitted people join the call: the facilitator through node 2's LiveKit, the patient
    // through node 1's. The clinician waits in the lobby and has no call.
    const mint = async (x: NodeClient) => {
      const r = (await x.socket.timeout(5000).emitWithAck('media:token', {})) as {
        ok: boolean;
        data?: MediaGrant;
      };
      if (!r.ok || !r.data) throw new Error('no media token');
      const room = new Room();
      calls.push(room);
      await room.connect(r.data.url, r.data.token, { autoSubscribe: false, dynacast: false });
      return room;
    };
    await mint(fac);
    await mint(patient);
    const svc = new RoomServiceClient(
      lk[1]!.url.replace('ws', 'http'),
      lk[1]!.apiKey,
      lk[1]!.apiSecret,
    );
    const inCall = async () =>
      (await svc.listParticipants(`cg_${m.id}`).catch(() => [])).map((p) => p.identity).sort();
    const admitted = [fac.state.view!.me.id, pat.id].sort();
    await until(
      async () => JSON.stringify(await inCall()) === JSON.stringify(admitted),
      'both in the call',
    );

    // A stream of commands from both nodes; node 1 is killed right after the N-th acknowledgement.
    const acked: string[] = [];
    let k = 0;
    let killed = false;
    let killedAt = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (killed) return;
        const text = `note-${++k}`;
        const from = k % 2 ? patient : clinician;
        void send(from, { type: 'message.toFacilitators', text }, `msg-${k}-abcdef`)
          .then((r) => {
            if (r.ok && !killed) acked.push(text);
            if (acked.length >= N && !killed) {
              killed = true;
              killedAt = Date.now();
              clearInterval(timer);
              node1.child.kill('SIGKILL');
              resolve();
            }
          })
          .catch(() => undefined);
      }, 60);
    });
    await new Promise<void>((r) =>
      node1.child.exitCode !== null || node1.child.signalCode
        ? r()
        : node1.child.once('exit', () => r()),
    );
    // The patient's browser reconnects through the proxy, which now reaches node 2.
    (patient.socket.io as unknown as { uri: string }).uri = node2.url;

    // Every client is back on one version, on the surviving node, within 5 s of the kill.
    await until(
      async () => {
        if (!all.every((x) => x.socket.connected)) return false;
        const versions = all.map((x) => x.state.view?.version);
        const patientSeen = fac.state.view?.members.find((x) => x.id === pat.id)?.connected;
        return versions.every((v) => v === versions[0]) && !!patientSeen;
      },
      'one version everywhere after the takeover',
      5_000 - (Date.now() - killedAt),
    );

    const sync = (await fac.socket.timeout(5000).emitWithAck('room:sync', {})) as {
      ok: true;
      data: RoomView;
    };
    const texts = sync.data.facilitator!.messages.map((x) => x.text);
    for (const text of acked) expect(texts).toContain(text);
    expect(sync.data.status).toBe('live');
    // A retried command (same client id) applies once, across the takeover too.
    expect(
      await send(patient, { type: 'message.toFacilitators', text: 'note-1' }, 'msg-1-abcdef'),
    ).toMatchObject({ ok: true });
    const again = (await fac.socket.timeout(5000).emitWithAck('room:sync', {})) as {
      ok: true;
      data: RoomView;
    };
    expect(again.data.facilitator!.messages.filter((x) => x.text === 'note-1')).toHaveLength(1);

    // The SFU holds exactly the admitted people (the lobby's clinician is not in the call).
    expect(await inCall()).toEqual(admitted);
    // ...with the rights the state gives them, driven by the new owner: a pause takes the
    // patient's microphone away at the SFU, not the facilitator's.
    const mic = async (identity: string) =>
      (await svc.getParticipant(`cg_${m.id}`, identity)).permission?.canPublishSources.includes(
        TrackSource.MICROPHONE,
      );
    expect(await mic(pat.id)).toBe(true);
    expect(
      await send(fac, { type: 'pause.start', message: null, breakMinutes: 5 }, 'pause-after'),
    ).toMatchObject({ ok: true });
    await until(async () => (await mic(pat.id)) === false, 'the pause reaches the SFU');
    expect(await mic(fac.state.view!.me.id)).toBe(true);
  }, 120_000);
});
