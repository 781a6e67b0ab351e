import { mkdirSync } from 'node:fs';
import { RoomServiceClient, TrackSource, TrackType } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  admit,
  button,
  byTestId,
  CONSOLE,
  createMeetingThroughUi,
  enterMeetingRoom,
  holdsFor,
  openTab,
  poll,
  readyToStart,
  present,
  signIn,
  textOf,
  unmute,
  waitForPresence,
  waitForScreen,
  waitForText,
} from './support/actors';
import { decodingVideos, heardAudio, startStack, type Stack } from './support/stack';

/**
 * Issue 14, findings 1, 2 and 4, in real Chromium against the real LiveKit server: everyone enters
 * muted (checked at the SFU); a private conversation with the patient, which leaves the main room
 * unattended and so paused, shows the two people in it each other's video and sound; the pause
 * screen says who can still be heard.
 */

const FACILITATOR = 'Fran Facilitator';
const PATIENT = 'Pat Doe';
const SUPPORT = 'Robin Doe';
const CLINICIAN = 'Dr Casey Lee';
const PEOPLE = [
  { name: PATIENT, party: 'patient', role: 'patient' },
  { name: SUPPORT, party: 'patient', role: 'patient_support' },
  { name: CLINICIAN, party: 'hcw', role: 'hcw' },
];
const MIC_PAUSED =
  'Your microphone is off while the meeting is paused. You can unmute again when it resumes.';
const YOUR_MIC_OFF = 'Your microphone is off until the meeting resumes.';
/** "Who can hear me", always beside each person's own controls. */
const HEAR = byTestId('who-can-hear');
const HEARD_BY = {
  nobodyMicOff: 'Your microphone is off: nobody can hear you.',
  everyone: 'Everyone in the meeting room can hear you.',
  facilitatorOnly: 'Only the facilitator can hear you (private conversation).',
  privateRoom: 'Only the people in this private conversation can hear you.',
  nobodyPaused: 'Nobody can hear you while the meeting is paused.',
  mainRoomDuringPause: 'The meeting is paused, but everyone in the main room can hear you.',
};

type Mic = 'live' | 'muted' | 'none';

describe('private conversations that work, entering muted, a truthful pause (real Chromium + LiveKit)', () => {
  let stack: Stack;
  let lk: RoomServiceClient;
  let fac: Page;
  let patient: Page;
  let support: Page;
  let clinician: Page;
  let meetingId: string;
  const id: Record<string, string> = {};

  const all = () => [fac, patient, support, clinician];
  const mainRoom = () => `cg_${meetingId}`;

  /** Each participant's microphone as the SFU reports it, in one LiveKit room. */
  async function mics(room: string): Promise<Record<string, Mic>> {
    const ps = await lk.listParticipants(room).catch(() => []);
    return Object.fromEntries(
      ps.map((p) => {
        const audio = p.tracks.filter((t) => t.type === TrackType.AUDIO);
        const mic: Mic = audio.some((t) => !t.muted) ? 'live' : audio.length ? 'muted' : 'none';
        return [p.identity, mic];
      }),
    );
  }

  /** Identities publishing a camera in a LiveKit room (so they are connected and publishing). */
  async function withCamera(room: string): Promise<string[]> {
    const ps = await lk.listParticipants(room).catch(() => []);
    return ps
      .filter((p) => p.tracks.some((t) => t.source === TrackSource.CAMERA))
      .map((p) => p.identity);
  }

  /** Opens the invite, checks that "join muted" is ticked by default, and waits to be admitted. */
  async function joinMuted(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await waitForScreen(page, 'welcome');
    await button(page, 'Continue').click();
    await waitForScreen(page, 'device-check');
    expect(await page.getByLabel('Join with my microphone muted').isChecked()).toBe(true);
    await button(page, 'Join the waiting area').click();
    await waitForScreen(page, 'waiting');
  }

  beforeAll(async () => {
    stack = await startStack();
    lk = new RoomServiceClient(
      `http://127.0.0.1:${stack.lk.port}`,
      stack.lk.apiKey,
      stack.lk.apiSecret,
    );
    [fac, patient, support, clinician] = await Promise.all([
      stack.newPage('facilitator'),
      stack.newPage('patient'),
      stack.newPage('support'),
      stack.newPage('clinician'),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('after admission nobody publishes a live microphone, the facilitator included, until they unmute', async () => {
    await signIn(fac, stack.server);
    const created = await createMeetingThroughUi(fac, PEOPLE);
    const { invites } = created;
    await readyToStart(stack.server, created);
    // The facilitator, too, checks camera and microphone first and goes in muted (issue 14).
    await enterMeetingRoom(fac);
    meetingId = new URL(fac.url()).pathname.split('/').pop()!;
    await Promise.all([
      joinMuted(patient, invites[PATIENT]!),
      joinMuted(support, invites[SUPPORT]!),
      joinMuted(clinician, invites[CLINICIAN]!),
    ]);
    await admit(fac, patient, PATIENT);
    await admit(fac, support, SUPPORT);
    await admit(fac, clinician, CLINICIAN);

    const personId = (name: string) =>
      (
        stack.server.app.db!.prepare('SELECT id FROM people WHERE display_name = ?').get(name) as {
          id: string;
        }
      ).id;
    Object.assign(id, {
      fac: stack.server.facilitator.id,
      patient: personId(PATIENT),
      support: personId(SUPPORT),
      clinician: personId(CLINICIAN),
    });
    const everyone = [id.fac!, id.patient!, id.support!, id.clinician!];

    // Everyone is in the main room and publishing their camera: connected, and done publishing.
    await poll(
      () => withCamera(mainRoom()),
      (ids) => everyone.every((p) => ids.includes(p)),
      'every camera at the SFU',
      60_000,
    );
    const silent = (s: Record<string, Mic>) =>
      everyone.every((p) => s[p] !== undefined && s[p] !== 'live');
    await holdsFor(() => mics(mainRoom()), silent, 'no live microphone after admission', 3_000);
    for (const p of all()) {
      expect(await button(p, 'Unmute').isEnabled()).toBe(true);
      expect(await button(p, 'Mute').count()).toBe(0);
      // Everyone is told, in words, that nobody hears them yet.
      expect(await textOf(p, HEAR)).toBe(HEARD_BY.nobodyMicOff);
      expect(await p.getAttribute(HEAR, 'role')).toBe('status');
    }

    // One person unmutes: the SFU shows their microphone, and only theirs.
    await unmute(patient);
    const after = await poll(
      () => mics(mainRoom()),
      (s) => s[id.patient!] === 'live',
      "the patient's microphone live at the SFU",
    );
    for (const p of [id.fac!, id.support!, id.clinician!]) expect(after[p]).not.toBe('live');
    await waitForText(patient, HEAR, HEARD_BY.everyone);
    expect(await textOf(clinician, HEAR)).toBe(HEARD_BY.nobodyMicOff);
    await poll(
      () => heardAudio(clinician),
      (a) => a.includes(id.patient!),
      'the clinician hears the patient',
      60_000,
    );
    await unmute(fac);
    await poll(
      () => mics(mainRoom()),
      (s) => s[id.fac!] === 'live',
      "the facilitator's microphone live",
    );
  });

  it('a private conversation with the patient: they see and hear each other while the main room shows the pause', async () => {
    await openTab(fac, CONSOLE.start);
    await button(fac, 'Start the meeting').click();
    await openTab(fac, CONSOLE.private);
    await fac.getByLabel('Who to talk with').selectOption({ label: PATIENT });
    await button(fac, 'Start a private conversation').click();

    // The support person and the clinician are left together without a facilitator: paused.
    for (const p of [support, clinician]) {
      await waitForPresence(p, byTestId('pause-screen'));
      expect(await textOf(p, byTestId('pause-screen'))).toContain(
        'The facilitator will be back in a moment.',
      );
      // True: nobody in the main room can be heard, and their own Unmute says why it is off.
      await waitForText(p, byTestId('pause-heard'), `Nobody can be heard now. ${YOUR_MIC_OFF}`);
      expect(await button(p, 'Unmute').isDisabled()).toBe(true);
      expect(await textOf(p, '#mic-hint')).toBe(MIC_PAUSED);
      await waitForText(p, HEAR, HEARD_BY.nobodyPaused);
    }

    // The patient is in the private conversation: no pause screen, the facilitator's video.
    await waitForText(
      patient,
      byTestId('side-room-notice'),
      new RegExp(`You are talking privately with ${FACILITATOR}\\.`),
    );
    expect(await present(patient, byTestId('pause-screen'))).toBe(false);
    expect(await present(patient, byTestId('floor-status'))).toBe(false);
    for (const [page, other] of [
      [patient, id.fac!],
      [fac, id.patient!],
    ] as const) {
      await poll(
        () => decodingVideos(page),
        (v) => v.includes(other),
        `${page === fac ? 'facilitator' : 'patient'} decodes the other's video`,
        60_000,
      );
      await poll(
        () => heardAudio(page),
        (a) => a.includes(other),
        `${page === fac ? 'facilitator' : 'patient'} hears the other`,
        60_000,
      );
    }
    // Everything the patient sees is true: their microphone is theirs to use.
    expect(await button(patient, 'Mute').isEnabled()).toBe(true);
    expect(await present(patient, '#mic-hint')).toBe(false);
    // And each of the two is told that only the other hears them.
    await waitForText(patient, HEAR, HEARD_BY.facilitatorOnly);
    await waitForText(fac, HEAR, HEARD_BY.privateRoom);
    // Nobody in the main room sees or hears them.
    expect(await decodingVideos(clinician)).not.toContain(id.patient);
    expect(await heardAudio(clinician)).not.toContain(id.patient);
    expect(await heardAudio(clinician)).not.toContain(id.fac);

    mkdirSync('test-results', { recursive: true });
    await patient.screenshot({ path: 'test-results/private-patient.png' });
    await clinician.screenshot({ path: 'test-results/private-main-paused.png' });

    // Closing it: everyone back, the pause lifted by itself (its cause is gone), and no console
    // error or warning on any page, on the way in or out of the private room.
    await button(fac, `Close the private conversation with ${PATIENT}`).click();
    for (const p of all()) await waitForPresence(p, byTestId('pause-screen'), false);
    await waitForPresence(patient, byTestId('side-room-notice'), false);
    await poll(
      () => decodingVideos(patient),
      (v) => [id.fac!, id.support!, id.clinician!].every((o) => v.includes(o)),
      'the patient back in the main room, seeing everyone',
      60_000,
    );
    stack.assertCleanConsole();
  });

  it('the pause screen says exactly who can still be heard', async () => {
    await poll(
      () => mics(mainRoom()),
      (s) => s[id.fac!] === 'live',
      "the facilitator's microphone live in the main room",
    );
    await button(fac, 'Pause the meeting').click();
    for (const p of [patient, support, clinician]) {
      await waitForText(
        p,
        byTestId('pause-heard'),
        `Only the facilitator can be heard now (${FACILITATOR}). ${YOUR_MIC_OFF}`,
      );
      expect(await button(p, 'Unmute').isDisabled()).toBe(true);
      expect(await textOf(p, '#mic-hint')).toBe(MIC_PAUSED);
      await waitForText(p, HEAR, HEARD_BY.nobodyPaused);
    }
    await waitForText(fac, HEAR, HEARD_BY.mainRoomDuringPause);
    await waitForText(
      fac,
      '#mic-hint',
      'The meeting is paused, and everyone in the main room can still hear you.',
    );
    await clinician.screenshot({ path: 'test-results/private-pause-facilitator-heard.png' });

    // The facilitator mutes: the screens say so.
    await button(fac, 'Mute').click();
    for (const p of [patient, support, clinician]) {
      await waitForText(p, byTestId('pause-heard'), `Nobody can be heard now. ${YOUR_MIC_OFF}`);
    }
    await waitForPresence(fac, '#mic-hint', false);
    await waitForText(fac, HEAR, HEARD_BY.nobodyMicOff);
    await fac.screenshot({ path: 'test-results/private-who-can-hear-facilitator.png' });
    await button(fac, 'Resume').click();
    for (const p of [patient, support, clinician]) {
      await waitForPresence(p, byTestId('pause-screen'), false);
      // The pause turned their microphones off; they stay off until each person unmutes.
      await waitForText(p, HEAR, HEARD_BY.nobodyMicOff);
    }
  });
});
