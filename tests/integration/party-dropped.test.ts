import { describe, expect, it } from 'vitest';
import { connect, createMeeting, type Client, type TestServer } from '../support/server';
import { useTestServer } from '../support/lifecycle';

/**
 * When every member of a party has dropped off, the room pauses itself after the grace period
 * (PARTY_GRACE_SECONDS, 1 s in tests) and tells the facilitators; a party back in time does not.
 */
describe('the room pauses itself when a whole party drops off', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients);

  it('pauses after the grace period, with a notice for the facilitators only', async () => {
    const m = await createMeeting(s, [
      { key: 'patient', name: 'Pat', party: 'patient', role: 'patient' },
      { key: 'clinician', name: 'Casey', party: 'hcw', role: 'hcw' },
    ]);
    const fac = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    const pat = await connect(s, { invite: m.people.patient!.token });
    const cli = await connect(s, { invite: m.people.clinician!.token });
    clients.push(fac, cli);
    for (const [c, key] of [
      [pat, 'patient'],
      [cli, 'clinician'],
    ] as const) {
      await c.command({ type: 'lobby.join' });
      await fac.command({ type: 'lobby.admit', memberId: m.people[key]!.id });
    }
    await fac.command({ type: 'meeting.start' });

    // A short drop-out within the grace period changes nothing: its deadline is set in the state
    // and cleared on the return, and no timer is left that could pause the room.
    const actor = (await s.app.rooms.get(m.meetingId))!;
    pat.close();
    await expect.poll(() => actor.state.deadlines.partyGrace.length).toBe(1);
    expect(actor.pendingDeadline?.id).toBe(actor.state.deadlines.partyGrace[0]!.id);
    const back = await connect(s, { invite: m.people.patient!.token });
    clients.push(back);
    await expect.poll(() => actor.state.deadlines.partyGrace).toEqual([]);
    expect(actor.pendingDeadline).toBeNull();
    expect(actor.state.pause).toBeNull();

    // The whole patient party gone for longer than the grace period: the room pauses itself.
    back.close();
    const paused = await fac.waitFor((v) => v.pause !== null, 5000);
    expect(paused.pause!.cause).toBe('party-dropped');
    expect(
      paused.facilitator!.alerts.some((a) => a.kind === 'party-dropped' && a.party === 'patient'),
    ).toBe(true);
    const seen = await cli.waitFor((v) => v.pause !== null);
    expect(seen.facilitator).toBeNull();
    expect(seen.timers.meeting.runningSince).toBeNull();
  });
});
