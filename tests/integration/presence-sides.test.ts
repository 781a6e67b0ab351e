import { fdatasync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeLiveKitGateway } from '../../server/src/livekit/gateway';
import type { Fdatasync } from '../../server/src/store/commandLog';
import {
  connect,
  createMeeting,
  startTestServer,
  type Client,
  type ScriptedMeeting,
  type TestServer,
} from '../support/server';
import { useTestServer } from '../support/lifecycle';

/**
 * Issue 12, findings 6, 7 and 8 against the real server: presence decided in the meeting's queue,
 * party-grace deadlines as data (a stale timer does nothing), side rooms that close without their
 * facilitator, and what someone still waiting may send.
 */
describe('presence, deadlines, side rooms and the lobby (issue 12)', () => {
  let s: TestServer;
  const clients: Client[] = [];
  /** While true, the command log's fsync takes 300 ms: the meeting's queue stays busy. */
  let slowDisk = false;
  const sync: Fdatasync = (fd, done) =>
    slowDisk ? setTimeout(() => fdatasync(fd, done), 300) : fdatasync(fd, done);

  useTestServer((x) => (s = x), clients, {
    options: () => ({ livekit: createFakeLiveKitGateway(), fdatasync: sync }),
  });

  const room = (m: ScriptedMeeting) => s.app.rooms.loaded(m.meetingId)!;

  async function live(people = PEOPLE) {
    const m = await createMeeting(s, people);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    clients.push(fac);
    const by: Record<string, Client> = {};
    for (const p of people) {
      const c = await connect(s, { invite: m.people[p.key]!.token });
      clients.push(c);
      by[p.key] = c;
      expect((await c.command({ type: 'lobby.join' })).ok).toBe(true);
      expect((await fac.command({ type: 'lobby.admit', memberId: m.people[p.key]!.id })).ok).toBe(
        true,
      );
    }
    expect((await fac.command({ type: 'meeting.start' })).ok).toBe(true);
    return { m, fac, by };
  }

  const PEOPLE = [
    { key: 'patient', name: 'Pat', party: 'patient', role: 'patient' },
    { key: 'clinician', name: 'Casey', party: 'hcw', role: 'hcw' },
    { key: 'interpreter', name: 'Ira', party: 'other', role: 'interpreter' },
  ] as const satisfies Parameters<typeof createMeeting>[1];

  it('finding 7: drop, return, drop pauses only a full grace after the second drop', async () => {
    const { m, fac, by } = await live();
    const actor = room(m);
    const grace = () => actor.state.deadlines.partyGrace.find((d) => d.party === 'patient');
    by.patient!.close();
    await expect.poll(() => grace()).toBeTruthy();
    const first = grace()!;
    const back = await connect(s, { invite: m.people.patient!.token });
    clients.push(back);
    await expect.poll(() => grace()).toBeUndefined();
    back.close();
    await expect.poll(() => grace()?.id ?? first.id).not.toBe(first.id);
    const second = grace()!;
    expect(second.at).toBeGreaterThan(first.at);
    const paused = await fac.waitFor((v) => v.pause !== null, 5000);
    expect(paused.pause!.cause).toBe('party-dropped');
    // The pause comes from the second drop's deadline, never the first's.
    expect(paused.pause!.since).toBeGreaterThanOrEqual(second.at);
    expect(actor.state.deadlines.partyGrace).toEqual([{ ...second, expired: true }]);
  });

  it('finding 7: a socket that connects and drops while its connect is queued leaves the person disconnected', async () => {
    const { m, fac, by } = await live();
    const actor = room(m);
    const id = m.people.clinician!.id;
    by.clinician!.close();
    await expect.poll(() => actor.state.members[id]!.connected).toBe(false);
    // The meeting's queue is busy with a command waiting for a slow disk: the new socket's connect
    // is queued behind it, and the socket is gone before the connect is decided.
    slowDisk = true;
    const busy = fac.command({ type: 'lobby.lock', locked: true });
    const blip = await connect(s, { invite: m.people.clinician!.token });
    // The race this is about: the socket is open, its connect not decided yet.
    expect(actor.state.members[id]!.connected).toBe(false);
    blip.close();
    expect((await busy).ok).toBe(true);
    slowDisk = false;
    await actor.idle();
    expect(actor.state.members[id]!.connected).toBe(false);
    // The facilitator's, the patient's and the interpreter's: none of the clinician's.
    expect(actor.socketCount).toBe(3);
  });

  it('finding 8: a side room with the patient and the interpreter closes when its facilitator drops', async () => {
    const { m, fac } = await live();
    const actor = room(m);
    const [pat, int] = [m.people.patient!.id, m.people.interpreter!.id];
    const opened = await fac.command({
      type: 'sideRoom.open',
      memberIds: [pat, int],
      facilitatorIds: [],
      purpose: 'caucus',
    });
    expect(opened.ok).toBe(true);
    expect(actor.state.sideRooms).toHaveLength(1);
    fac.close();
    await expect.poll(() => actor.state.sideRooms).toEqual([]);
    expect(actor.state.members[pat]!.sideRoomId).toBeNull();
    expect(actor.state.members[int]!.sideRoomId).toBeNull();
    // Back in the main room with the clinician and no facilitator: the room has paused itself.
    expect(actor.state.pause?.cause).toBe('no-facilitator');
  });

  it('finding 8: a side room closes when its facilitator leaves it', async () => {
    const { m, fac } = await live();
    const actor = room(m);
    const cli = m.people.clinician!.id;
    expect(
      (
        await fac.command({
          type: 'sideRoom.open',
          memberIds: [cli],
          facilitatorIds: [],
          purpose: 'caucus',
        })
      ).ok,
    ).toBe(true);
    expect((await fac.command({ type: 'self.leave' })).ok).toBe(true);
    expect(actor.state.sideRooms).toEqual([]);
    expect(actor.state.members[cli]!.sideRoomId).toBeNull();
  });

  it('finding 6: someone waiting sends one message a minute, one pause request, and nothing else', async () => {
    const m = await createMeeting(s, [...PEOPLE]);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    const pat = await connect(s, { invite: m.people.patient!.token });
    clients.push(fac, pat);
    expect((await pat.command({ type: 'lobby.join' })).ok).toBe(true);
    const message = { type: 'message.toFacilitators', text: 'I am here' };
    expect((await pat.command(message)).ok).toBe(true);
    const again = await pat.command({ ...message, text: 'Still here' });
    expect(again).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const long = await pat.command({ ...message, text: 'a'.repeat(281) });
    expect(long.ok).toBe(false);
    expect((await pat.command({ type: 'pause.request', reason: null })).ok).toBe(true);
    const second = await pat.command({ type: 'pause.request', reason: null });
    expect(second).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    for (const command of [
      { type: 'floor.request' },
      { type: 'self.stepOut' },
      { type: 'lobby.lock', locked: true },
      { type: 'board.reorder', itemIds: [] },
    ]) {
      expect(await pat.command(command)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    const inbox = await fac.waitFor((v) => (v.facilitator?.pauseRequests.length ?? 0) > 0);
    expect(inbox.facilitator!.messages).toHaveLength(1);
    expect(inbox.facilitator!.pauseRequests).toHaveLength(1);
  });

  it('finding 7: after a restart, a party-grace deadline pending in the stored state still pauses the room', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cg-grace-'));
    const env = { PARTY_GRACE_SECONDS: '3' };
    const first = await startTestServer({ dataDir, env });
    const m = await createMeeting(first, [...PEOPLE]);
    const fac = await connect(first, { meetingId: m.meetingId, cookie: first.facilitator.cookie });
    const people: Client[] = [];
    for (const key of ['patient', 'clinician'] as const) {
      const c = await connect(first, { invite: m.people[key]!.token });
      people.push(c);
      expect((await c.command({ type: 'lobby.join' })).ok).toBe(true);
      expect((await fac.command({ type: 'lobby.admit', memberId: m.people[key]!.id })).ok).toBe(
        true,
      );
    }
    expect((await fac.command({ type: 'meeting.start' })).ok).toBe(true);
    const before = (await first.app.rooms.get(m.meetingId))!;
    people[0]!.close();
    await expect.poll(() => before.state.deadlines.partyGrace.length).toBe(1);
    const due = before.state.deadlines.partyGrace[0]!;
    await before.idle();
    fac.close();
    people[1]!.close();
    await first.close();

    const second = await startTestServer({ dataDir, env });
    try {
      await second.app.rooms.restoreLive();
      const after = (await second.app.rooms.get(m.meetingId))!;
      expect(after.state.deadlines.partyGrace).toContainEqual(due);
      expect(after.pendingDeadline).toEqual({ id: due.id, at: due.at });
      await expect.poll(() => after.state.pause?.cause, { timeout: 8000 }).toBe('party-dropped');
      expect(after.state.pause!.since).toBeGreaterThanOrEqual(due.at);
      expect(after.state.alerts).toContainEqual(
        expect.objectContaining({ kind: 'party-dropped', party: 'patient' }),
      );
    } finally {
      await second.close();
    }
  });
});
