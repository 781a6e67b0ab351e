import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { en } from '../../client/src/i18n/en';
import { connect, createMeeting, type Client, type ScriptedMeeting } from '../support/server';
import { button, joinAndWait, poll, present, unmute, waitForScreen } from './support/actors';
import { expectNoAxeViolations } from './support/axe';
import {
  BROWSER_NOISE,
  CHROMIUM,
  CHROMIUM_ARGS,
  heardAudio,
  playingVideos,
  startStack,
  type Stack,
} from './support/stack';

/**
 * Issue 17 item 4, "Nobody needs a camera": a patient whose computer has no camera at all. Their
 * Chromium runs with fake media and no video device (`device-count=0`: getUserMedia with video
 * fails with NotFoundError, as on a real machine without a camera; the microphone works). The
 * device check says calmly that they can join with sound only, and they join: nothing in the room
 * tries a camera, no error shows, and the clinician hears them (and sees no video of them).
 */

const NO_CAMERA_ARGS = CHROMIUM_ARGS.map((a) =>
  a === '--use-fake-device-for-media-stream' ? `${a}=device-count=0` : a,
);

describe('joining with no camera (real Chromium without a video device + LiveKit)', () => {
  let stack: Stack;
  let m: ScriptedMeeting;
  let noCamBrowser: Browser;
  let patient: Page;
  let clinician: Page;
  const problems: string[] = [];
  const sockets: Client[] = [];

  beforeAll(async () => {
    stack = await startStack();
    m = await createMeeting(stack.server, [
      { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
    noCamBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      args: NO_CAMERA_ARGS,
      headless: true,
    });
    const context = await noCamBrowser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.grantPermissions(['camera', 'microphone'], { origin: stack.server.url });
    patient = await context.newPage();
    patient.on('console', (msg) => {
      const type = msg.type();
      if (type !== 'error' && type !== 'warning') return;
      if (BROWSER_NOISE.some((n) => n.pattern.test(msg.text()))) return;
      problems.push(`${type}: ${msg.text()}`);
    });
    patient.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    clinician = await stack.newPage('clinician');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await noCamBrowser?.close().catch(() => undefined);
    await stack?.close();
  });

  it('the device check says "no camera, join with sound only"; they join and are heard', async () => {
    // The browser really has no camera (and a microphone).
    await patient.goto(m.people.patient!.invite.url);
    await waitForScreen(patient, 'welcome');
    const kinds = await patient.evaluate(async () =>
      (await navigator.mediaDevices.enumerateDevices()).map((d) => d.kind),
    );
    expect(kinds).toContain('audioinput');
    expect(kinds).not.toContain('videoinput');

    await button(patient, en.welcome.continue).click();
    await waitForScreen(patient, 'device-check');
    await patient.getByText(en.devices.problem.noCamera).waitFor();
    // The microphone is found and works: its level moves with the fake microphone's tone.
    await poll(
      () => patient.locator('#mic-level').evaluate((el) => (el as HTMLMeterElement).value),
      (v) => v > 0,
      'the microphone level moves',
    );
    const cameraOff = patient.getByLabel(en.devices.joinCameraOff);
    expect(await cameraOff.isChecked()).toBe(true);
    expect(await cameraOff.isDisabled()).toBe(true);
    expect(await present(patient, 'video.self-preview')).toBe(false);
    await expectNoAxeViolations(patient, 'device check with no camera');
    await button(patient, en.devices.join).click();
    await waitForScreen(patient, 'waiting');

    await joinAndWait(clinician, m.people.clinician!.invite.url);
    const lead = await connect(stack.server, {
      meetingId: m.meetingId,
      cookie: stack.server.facilitator.cookie,
    });
    sockets.push(lead);
    for (const who of [m.people.patient!, m.people.clinician!]) {
      expect(await lead.command({ type: 'lobby.admit', memberId: who.id })).toMatchObject({
        ok: true,
      });
    }
    await Promise.all([waitForScreen(patient, 'room'), waitForScreen(clinician, 'room')]);
    await poll(
      () => patient.locator('[data-testid="room"]').getAttribute('data-connection-state'),
      (s) => s === 'connected',
      'the patient connected to the call',
      60_000,
    );

    // Sound only: the patient speaks and the clinician hears them; no video of them anywhere.
    await unmute(patient);
    await poll(
      () => heardAudio(clinician),
      (a) => a.includes(m.people.patient!.id),
      'the clinician hears the patient',
      60_000,
    );
    expect(await playingVideos(clinician)).not.toContain(m.people.patient!.id);
    // Nothing tried a camera the computer does not have: no "could not turn on your camera", and
    // the camera button says why it cannot be used instead of failing when pressed.
    expect(await patient.getByText(en.call.device.camera).count()).toBe(0);
    expect(await button(patient, en.media.cameraOn).isDisabled()).toBe(true);
    expect(await patient.locator('#camera-hint').textContent()).toBe(en.media.noCamera);
    await expectNoAxeViolations(patient, 'room with no camera');
    expect(problems).toEqual([]);
    stack.assertCleanConsole();
  });
});
