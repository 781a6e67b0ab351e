import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, type ScriptedMeeting } from '../support/server';
import {
  admit,
  button,
  byTestId,
  enterMeetingRoom,
  joinAndWait,
  poll,
  present,
  signIn,
  unmute,
  waitForPresence,
  waitForScreen,
} from './support/actors';
import { expectNoAxeViolations } from './support/axe';
import { heardAudio, playingVideos, startStack, type Stack } from './support/stack';

/**
 * Issue 17, "Must show", last bullet: an audio-only person receives no video track and is heard by
 * the others. What the page receives is read from its own RTCPeerConnections (recorded by the
 * stack's init script), not from the UI, so a hidden but still subscribed video would fail.
 */

interface Received {
  /** Receivers whose video track has media arriving (live and not muted). */
  videoReceivers: number;
  videoBytes: number;
  audioBytes: number;
}

async function received(page: Page): Promise<Received> {
  return page.evaluate(async () => {
    const w = window as unknown as { __pcs: RTCPeerConnection[] };
    const out = { videoReceivers: 0, videoBytes: 0, audioBytes: 0 };
    for (const pc of w.__pcs) {
      if (pc.connectionState === 'closed') continue;
      // LiveKit may negotiate video transceivers ahead of time; a remote track is muted until
      // RTP actually arrives on it, so only an unmuted, live one is video being received.
      for (const r of pc.getReceivers()) {
        const tr = r.track;
        if (tr.kind === 'video' && tr.readyState === 'live' && !tr.muted) out.videoReceivers++;
      }
      const stats = await pc.getStats();
      stats.forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp') return;
        const bytes = Number(s.bytesReceived ?? 0);
        if (s.kind === 'video') out.videoBytes += bytes;
        if (s.kind === 'audio') out.audioBytes += bytes;
      });
    }
    return out;
  });
}

describe('audio only (issue 17): no video sent or received, and still heard', () => {
  let stack: Stack;
  let m: ScriptedMeeting;
  let fac: Page;
  let patient: Page;
  let clinician: Page;
  let ids: { fac: string; patient: string; clinician: string };

  beforeAll(async () => {
    stack = await startStack();
    m = await createMeeting(stack.server, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'cli', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
    ids = {
      fac: stack.server.facilitator.id,
      patient: m.people.pat!.id,
      clinician: m.people.cli!.id,
    };
    [fac, patient, clinician] = await Promise.all([
      stack.newPage('facilitator'),
      stack.newPage('patient'),
      stack.newPage('clinician'),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('the patient chooses audio only on the device check: receives no video, and is heard', async () => {
    await signIn(fac, stack.server);
    await fac.goto(`${stack.server.url}/cases/${m.caseId}`);
    await waitForScreen(fac, 'case');
    await enterMeetingRoom(fac);

    await patient.goto(m.people.pat!.invite.url);
    await waitForScreen(patient, 'welcome');
    await button(patient, 'Continue').click();
    await waitForScreen(patient, 'device-check');
    await patient.getByLabel('Audio only (no video)').check();
    // Audio only needs no camera: the camera choice is settled (off) and the preview lets it go.
    expect(await patient.getByLabel('Join with my camera off').isChecked()).toBe(true);
    expect(await patient.getByLabel('Join with my camera off').isDisabled()).toBe(true);
    await poll(
      () => present(patient, 'video.self-preview'),
      (v) => !v,
      'no camera preview',
    );
    await expectNoAxeViolations(patient, 'device check with audio only');
    await button(patient, 'Join the waiting area').click();
    await waitForScreen(patient, 'waiting');
    await joinAndWait(clinician, m.people.cli!.invite.url);
    await admit(fac, patient, 'Pat Doe');
    await admit(fac, clinician, 'Dr Casey Lee');

    // A clear indicator, and the bottom-bar control says it is on.
    await waitForPresence(patient, byTestId('audio-only'));
    expect(await patient.getByTestId('audio-only-toggle').getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await button(patient, 'Turn camera on').isDisabled()).toBe(true);

    // The others' video flows in this room (so "none" below means something): the facilitator
    // plays the clinician's camera and the clinician the facilitator's.
    await poll(
      () => playingVideos(fac),
      (v) => v.includes(ids.clinician),
      'facilitator plays the clinician',
      60_000,
    );
    await poll(
      () => playingVideos(clinician),
      (v) => v.includes(ids.fac),
      'clinician plays the facilitator',
      60_000,
    );

    // The facilitator and the clinician speak: the audio-only patient hears both...
    await unmute(fac);
    await unmute(clinician);
    await poll(
      () => heardAudio(patient),
      (a) => a.includes(ids.fac) && a.includes(ids.clinician),
      'patient hears the facilitator and the clinician',
      60_000,
    );
    await poll(
      () => received(patient),
      (r) => r.audioBytes > 0,
      'audio bytes reach the patient',
    );
    // ...and receives no video at all: no video receiver, not one video byte, no <video> of anyone.
    const r = await received(patient);
    expect(r.videoReceivers).toBe(0);
    expect(r.videoBytes).toBe(0);
    expect(await present(patient, 'video[data-participant-id]')).toBe(false);
    expect(await patient.locator('.tile .tile__placeholder').count()).toBe(3);

    // Nobody sees a video of the patient (none is sent), and everyone hears them.
    await unmute(patient);
    for (const page of [fac, clinician]) {
      await poll(
        () => heardAudio(page),
        (a) => a.includes(ids.patient),
        'the patient is heard',
        60_000,
      );
      expect(await playingVideos(page)).not.toContain(ids.patient);
    }
    await expectNoAxeViolations(patient, 'room, audio only');
    stack.assertCleanConsole();
    expect(stack.offLoopback).toEqual([]);
  });

  it('audio only at any time from the bottom bar: the camera goes off and videos stop arriving', async () => {
    await clinician.getByTestId('audio-only-toggle').click();
    await waitForPresence(clinician, byTestId('audio-only'));
    // The clinician's camera is off for the others...
    await poll(
      () => playingVideos(fac),
      (v) => !v.includes(ids.clinician),
      'the facilitator no longer plays the clinician',
      60_000,
    );
    // ...and the clinician no longer receives the facilitator's video.
    await poll(
      () => received(clinician),
      (r) => r.videoReceivers === 0,
      'no video receiver left at the clinician',
      60_000,
    );
    expect(await present(clinician, 'video[data-participant-id]')).toBe(false);
    const before = await received(clinician);
    // Still heard, and still hearing.
    await poll(
      () => heardAudio(clinician),
      (a) => a.includes(ids.fac) && a.includes(ids.patient),
      'the clinician still hears everyone',
    );
    await poll(
      () => heardAudio(fac),
      (a) => a.includes(ids.clinician),
      'the clinician is still heard',
    );
    const after = await received(clinician);
    // Stats of a stopped receiver may go away, never grow.
    expect(after.videoBytes).toBeLessThanOrEqual(before.videoBytes);

    // Off again: the facilitator's video comes back; the clinician's camera waits for them.
    await clinician.getByTestId('audio-only-toggle').click();
    await waitForPresence(clinician, byTestId('audio-only'), false);
    await poll(
      () => playingVideos(clinician),
      (v) => v.includes(ids.fac),
      'the clinician plays the facilitator again',
      60_000,
    );
    expect(await playingVideos(fac)).not.toContain(ids.clinician);
    await button(clinician, 'Turn camera on').click();
    await poll(
      () => playingVideos(fac),
      (v) => v.includes(ids.clinician),
      'the facilitator plays the clinician again',
      60_000,
    );
    stack.assertCleanConsole();
  });
});
