import { describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../shared/protocol/http';
import {
  createFakeLiveKitGateway,
  type FakeLiveKitGateway,
} from '../../server/src/livekit/gateway';
import { api, connect, createMeeting, type Client, type TestServer } from '../support/server';
import { useTestServer } from '../support/lifecycle';

const PEOPLE = [
  { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
  { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
  { key: 'stranger', name: 'Sam Other', party: 'other', role: 'org_rep' },
] as const;

describe('lobby and admission over real sockets', () => {
  let s: TestServer;
  let lk: FakeLiveKitGateway;
  const clients: Client[] = [];

  useTestServer((x) => (s = x), clients, {
    each: true,
    options: () => ({ livekit: (lk = createFakeLiveKitGateway()) }),
  });

  /** A new meeting, its facilitator connected. */
  async function withFacilitator() {
    const m = await createMeeting(s, [...PEOPLE]);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    clients.push(fac);
    return { m, fac };
  }

  /** A new meeting, its facilitator connected and its patient admitted from the lobby. */
  async function withAdmittedPatient() {
    const { m, fac } = await withFacilitator();
    const patient = await connect(s, { invite: m.people.patient!.token });
    clients.push(patient);
    await patient.command({ type: 'lobby.join' });
    await fac.command({ type: 'lobby.admit', memberId: m.people.patient!.id });
    return { m, fac, patient };
  }

  it('admits people from the lobby; only then are media tokens issued', async () => {
    const { m, fac } = await withFacilitator();
    const facView = await fac.waitFor((v) => v.me.status === 'admitted');
    expect(facView.me.isFacilitator).toBe(true);

    const patient = await connect(s, { invite: m.people.patient!.token });
    clients.push(patient);
    const waitingView = await patient.waitFor((v) => v.me.status === 'invited');
    expect(waitingView.members.map((x) => x.id)).toEqual([m.people.patient!.id]);
    expect(waitingView.facilitator).toBeNull();

    // Before admission: no token.
    const early = await patient.socket.timeout(5000).emitWithAck('media:token', {});
    expect(early).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(lk.tokens).toHaveLength(0);

    expect(await patient.command({ type: 'lobby.join' })).toMatchObject({ ok: true });
    const lobby = await fac.waitFor(
      (v) =>
        !!v.facilitator?.lobby.some((e) => e.id === m.people.patient!.id && e.status === 'waiting'),
    );
    expect(lobby.facilitator!.lobby.find((e) => e.id === m.people.patient!.id)!.party).toBe(
      'patient',
    );

    expect(
      await fac.command({ type: 'lobby.admit', memberId: m.people.patient!.id }),
    ).toMatchObject({ ok: true });
    await patient.waitFor((v) => v.me.status === 'admitted');
    const grant = await patient.socket.timeout(5000).emitWithAck('media:token', {});
    expect(grant.ok).toBe(true);
    expect(lk.tokens).toEqual([
      {
        room: `cg_${m.meetingId}`,
        identity: m.people.patient!.id,
        publish: { audio: true, video: true },
      },
    ]);
  });

  it('a command retried with the same id, after a reconnect, is applied once and answered alike', async () => {
    const { m, fac, patient } = await withAdmittedPatient();
    await patient.waitFor((v) => v.me.status === 'admitted');

    const note = { type: 'message.toFacilitators', text: 'retry-note' };
    const first = await patient.command(note, 'retry-1-abcdef');
    expect(first).toMatchObject({ ok: true });
    patient.close();
    const again = await connect(s, { invite: m.people.patient!.token });
    clients.push(again);
    expect(await again.command(note, 'retry-1-abcdef')).toEqual(first);
    const view = await fac.waitFor((v) => (v.version ?? 0) >= first.data!.version);
    expect(view.facilitator!.messages.filter((x) => x.text === 'retry-note')).toHaveLength(1);
    // A new id is a new command.
    expect(await again.command(note, 'retry-2-abcdef')).toMatchObject({ ok: true });
    await fac.waitFor(
      (v) => v.facilitator!.messages.filter((x) => x.text === 'retry-note').length === 2,
    );
  });

  it('a denied person never receives a token nor any room state, and cannot reconnect', async () => {
    const { m, fac } = await withAdmittedPatient();

    const stranger = await connect(s, { invite: m.people.stranger!.token });
    clients.push(stranger);
    await stranger.command({ type: 'lobby.join' });
    await fac.waitFor(
      (v) =>
        !!v.facilitator?.lobby.some(
          (e) => e.id === m.people.stranger!.id && e.status === 'waiting',
        ),
    );
    const closed = new Promise<string>((r) =>
      stranger.socket.once('room:closed', (c) => r(c.reason)),
    );
    expect(
      await fac.command({ type: 'lobby.deny', memberId: m.people.stranger!.id }),
    ).toMatchObject({ ok: true });
    expect(await closed).toBe('denied');

    // Nothing the denied person ever received names anyone else or holds room content.
    for (const v of stranger.views) {
      expect(v.members.map((x) => x.id)).toEqual([m.people.stranger!.id]);
      expect(v.facilitator).toBeNull();
      expect(v.board).toBeNull();
      expect(JSON.stringify(v)).not.toContain('Pat Doe');
    }
    expect(lk.tokens.some((t) => t.identity === m.people.stranger!.id)).toBe(false);

    // The socket is dropped, and the same link is refused at the socket and token level: it
    // was withdrawn with the denial.
    await expect(connect(s, { invite: m.people.stranger!.token })).rejects.toMatchObject({
      data: { code: 'INVITE_REVOKED' },
    });
    // HTTP: the link was withdrawn with the denial: it opens none of the pages around the
    // meeting either (its welcome, the case's questions, the written exchange, practice).
    for (const p of ['', '/questions', '/relay', '/consent', '/timing']) {
      const res = await fetch(`${s.url}/api/invite/${m.people.stranger!.token}${p}`);
      expect(res.status, p).toBe(410);
    }
    const practice = await fetch(`${s.url}/api/invite/${m.people.stranger!.token}/practice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: '{}',
    });
    expect(practice.status).toBe(410);
  });

  it('rejects bad payloads with a typed error and changes nothing', async () => {
    const { fac } = await withFacilitator();
    const before = (await fac.waitFor((v) => v.me.status === 'admitted')).version;
    const res = await fac.socket
      .timeout(5000)
      .emitWithAck('room:command', { id: 'x', command: { type: 'nope' } } as never);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    const sync = await fac.socket.timeout(5000).emitWithAck('room:sync', {});
    expect(sync.ok && sync.data.version).toBe(before);
  });

  it('refuses revoked and forged invite links', async () => {
    const m = await createMeeting(s, [...PEOPLE]);
    const p = m.people.patient!;
    await api(s, 'POST', `/invites/${p.invite.id}/revoke`);
    await expect(connect(s, { invite: p.token })).rejects.toMatchObject({
      data: { code: 'INVITE_REVOKED' },
    });
    await expect(connect(s, { invite: p.token.slice(0, -2) + 'xx' })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    await expect(api(s, 'GET', `/invite/${p.token}`)).rejects.toMatchObject({ status: 410 });
  });
});
