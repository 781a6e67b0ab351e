// Real networks (issue 18 item 6): a real LiveKit with its built-in TURN on (this test's own config,
// on loopback only) hands a joining client TURN servers with credentials, and the server tells
// browsers to take them ('server'); the strict-loopback dev/test LiveKit hands none, and browsers
// are told to use an empty list ('loopback'). The join is LiveKit's own signal connection
// (/rtc, protobuf SignalResponse), the first thing any client SDK reads.
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { SignalResponse, type ICEServer } from '@livekit/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLiveKitGateway, type LiveKitGateway } from '../../server/src/livekit/gateway';
import { loopbackTurnYaml, startLiveKit, type LiveKitServer } from '../support/livekit';
import { connect, createMeeting, startTestServer, type Client } from '../support/server';

/** Joins `room` with `token` as a client would and returns the ICE servers of LiveKit's answer. */
async function joinIceServers(url: string, token: string): Promise<ICEServer[]> {
  const ws = new WebSocket(`${url}/rtc?access_token=${token}&protocol=16&sdk=js&auto_subscribe=0`);
  try {
    return await new Promise<ICEServer[]>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('unexpected-response', (_req, res) =>
        reject(new Error(`LiveKit refused the join: ${res.statusCode}`)),
      );
      ws.on('message', (data: Buffer) => {
        const msg = SignalResponse.fromBinary(new Uint8Array(data)).message;
        if (msg.case === 'join') resolve(msg.value.iceServers);
      });
    });
  } finally {
    ws.close();
  }
}

/** A STUN Binding request to a UDP address; resolves with the answer's message type. */
function stunBinding(port: number): Promise<number> {
  const sock = createSocket('udp4');
  const req = Buffer.alloc(20);
  req.writeUInt16BE(0x0001, 0); // Binding request, no attributes
  req.writeUInt32BE(0x2112a442, 4); // magic cookie
  randomBytes(12).copy(req, 8);
  return new Promise<number>((resolve, reject) => {
    sock.once('error', reject);
    sock.once('message', (msg) => resolve(msg.readUInt16BE(0)));
    sock.send(req, port, '127.0.0.1');
  }).finally(() => sock.close());
}

async function grantFor(lk: LiveKitGateway, room: string): Promise<string> {
  await lk.createRoom(room);
  return lk.mintToken({
    room,
    identity: 'p1',
    name: 'Sam',
    publish: { audio: true, video: false },
  });
}

describe('ICE servers from a real LiveKit', () => {
  let turnLk: LiveKitServer;
  let plainLk: LiveKitServer;
  let turnPort: number;

  beforeAll(async () => {
    const turn = await loopbackTurnYaml();
    turnPort = turn.udpPort;
    turnLk = await startLiveKit({ extraYaml: turn.yaml });
    plainLk = await startLiveKit();
  }, 60_000);
  afterAll(async () => {
    await Promise.all([turnLk?.stop(), plainLk?.stop()]);
  });

  it('with a TURN-enabled LiveKit, the app grants ice "server" and the join brings its TURN server', async () => {
    // Browsers reach this LiveKit under a real name in a deployment; MEDIA_ICE=server says so here.
    const app = await startTestServer({
      livekit: createLiveKitGateway({ ...turnLk, ice: 'server' }),
    });
    const sockets: Client[] = [];
    try {
      const meeting = await createMeeting(app, [
        { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
      ]);
      const fac = await connect(app, {
        meetingId: meeting.meetingId,
        cookie: app.facilitator.cookie,
      });
      const pat = await connect(app, { invite: meeting.people.patient!.token });
      sockets.push(fac, pat);
      await fac.waitFor((v) => v.me.status === 'admitted');
      await pat.command({ type: 'lobby.join' });
      await fac.command({ type: 'lobby.admit', memberId: meeting.people.patient!.id });
      await pat.waitFor((v) => v.me.status === 'admitted');
      const grant = await pat.socket.timeout(5000).emitWithAck('media:token', {});
      if (!grant.ok) throw new Error(grant.error.message);
      expect(grant.data.ice).toBe('server');

      const servers = await joinIceServers(grant.data.url, grant.data.token);
      const turn = servers.find((s) => s.urls.some((u) => u.startsWith('turn:')));
      expect(turn, turnLk.logs()).toBeDefined();
      expect(turn!.urls).toContain(`turn:127.0.0.1:${turnPort}?transport=udp`);
      expect(turn!.username).not.toBe('');
      expect(turn!.credential).not.toBe('');
      // And that TURN server is really there, on loopback: it answers a STUN Binding request.
      expect(await stunBinding(turnPort)).toBe(0x0101);
    } finally {
      for (const c of sockets) c.close();
      await app.close();
    }
  });

  it('the strict-loopback dev/test LiveKit gives no TURN, and browsers are told to use none', async () => {
    const lk = createLiveKitGateway(plainLk);
    expect(lk.ice).toBe('loopback');
    const servers = await joinIceServers(plainLk.url, await grantFor(lk, 'cg_ice_plain'));
    const urls = servers.flatMap((s) => s.urls);
    expect(urls.some((u) => u.startsWith('turn'))).toBe(false);
    expect(urls.every((u) => u.includes('127.0.0.1'))).toBe(true);
  });
});
