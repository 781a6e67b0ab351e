import { RoomServiceClient } from 'livekit-server-sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PracticeGrantDto } from '../../shared/protocol/around';
import { CSRF_HEADER } from '../../shared/protocol/http';
import { createLiveKitGateway, type LiveKitGateway } from '../../server/src/livekit/gateway';
import {
  PRACTICE_IDENTITY,
  PRACTICE_MAX_PARTICIPANTS,
  PRACTICE_PREFIX,
} from '../../server/src/livekit/practiceRooms';
import { createMeeting, type ScriptedMeeting } from '../support/server';
import { poll, waitForScreen } from './support/actors';
import { expectNoAxeViolations } from './support/axe';
import { startStack, type Stack } from './support/stack';

/** The returned video is decoding new frames now (a size, and a fresh frame within 2 s). */
const returnedVideoDecoding = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const v = document.querySelector<HTMLVideoElement>(
          'video[data-testid="practice-return-video"]',
        );
        if (!v || v.videoWidth === 0) return resolve(false);
        const timer = setTimeout(() => resolve(false), 2_000);
        v.requestVideoFrameCallback(() => {
          clearTimeout(timer);
          resolve(true);
        });
      }),
  );

/** The returned audio element holds a live audio track (received from the media server). */
const returnedAudioLive = (page: Page) =>
  page.evaluate(() => {
    const a = document.querySelector<HTMLAudioElement>(
      'audio[data-testid="practice-return-audio"]',
    );
    const s = a?.srcObject as MediaStream | null | undefined;
    return !!s && s.getAudioTracks().some((t) => t.readyState === 'live');
  });

const jwtPayload = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as {
    sub: string;
    video: { room: string };
  };

describe('practice room: a private room of one person on the real LiveKit server', () => {
  let stack: Stack;
  let lk: LiveKitGateway;
  let meeting: ScriptedMeeting;
  let page: Page;

  const practiceApi = async (token: string, end = false) =>
    fetch(`${stack.server.url}/api/invite/${token}/practice${end ? '/end' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: '{}',
    });
  const practiceRooms = async () =>
    (await lk.listRooms()).filter((n) => n.startsWith(PRACTICE_PREFIX));

  beforeAll(async () => {
    stack = await startStack();
    lk = createLiveKitGateway(stack.lk);
    meeting = await createMeeting(stack.server, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'hcw', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
    page = await stack.newPage('patient');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('opens from the link, returns the person’s own video and sound, and lets nobody else in', async () => {
    await page.goto(meeting.people.pat!.invite.url);
    await waitForScreen(page, 'welcome');
    await page.getByRole('link', { name: 'Try the room on your own' }).click();
    await page.waitForURL(/\/practice$/);
    await waitForScreen(page, 'practice');
    expect(await page.getByRole('heading', { name: 'How it works' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Start', exact: true }).click();

    // The picture comes back through the SFU and decodes, and the microphone's track arrives.
    await poll(() => returnedVideoDecoding(page), Boolean, 'returned video decoding');
    await poll(() => returnedAudioLive(page), Boolean, 'returned audio live');
    await poll(
      () => page.locator('[data-testid="practice-sound"]').textContent(),
      (t) => t === 'Your microphone comes through.',
      'the SFU heard the microphone',
    );
    await expectNoAxeViolations(page, 'practice room');

    // At the SFU: one practice room, capped at two, with only this person's two connections,
    // the sending one publishing camera and microphone.
    const [room] = await practiceRooms();
    expect(await practiceRooms()).toHaveLength(1);
    const admin = new RoomServiceClient(
      stack.lk.url.replace(/^ws/, 'http'),
      stack.lk.apiKey,
      stack.lk.apiSecret,
    );
    const [info] = await admin.listRooms([room!]);
    expect(info?.maxParticipants).toBe(PRACTICE_MAX_PARTICIPANTS);
    const inRoom = await lk.listParticipants(room!);
    expect(inRoom.map((p) => p.identity).sort()).toEqual(
      [PRACTICE_IDENTITY.receive, PRACTICE_IDENTITY.send].sort(),
    );
    const sender = inRoom.find((p) => p.identity === PRACTICE_IDENTITY.send)!;
    expect(sender.tracks.map((t) => t.source).sort()).toEqual(['camera', 'microphone']);
    const receiver = inRoom.find((p) => p.identity === PRACTICE_IDENTITY.receive)!;
    expect(receiver.tracks).toEqual([]);
    expect(receiver.permission?.canPublish).toBe(false);

    // The meeting's media sweep leaves the practice room alone (it is no meeting's room).
    await stack.server.app.sweepMedia();
    expect((await lk.listParticipants(room!)).map((p) => p.identity).sort()).toEqual(
      [PRACTICE_IDENTITY.receive, PRACTICE_IDENTITY.send].sort(),
    );

    // A second person's link gets a room of their own, never this one; their token, pointed at
    // this room, is refused by LiveKit (the room is part of what the server signed).
    const res = await practiceApi(meeting.people.hcw!.token);
    expect(res.status).toBe(201);
    const other = (await res.json()) as PracticeGrantDto;
    expect(jwtPayload(other.sendToken).video.room).not.toBe(room);
    expect(jwtPayload(other.receiveToken).video.room).not.toBe(room);
    const validate = (token: string) =>
      fetch(
        `${stack.lk.url.replace(/^ws/, 'http')}/rtc/validate?access_token=${encodeURIComponent(token)}`,
      ).then((r) => r.status);
    expect(await validate(other.sendToken)).toBe(200);
    const [h, , sig] = other.sendToken.split('.');
    const forged = { ...jwtPayload(other.sendToken) };
    forged.video = { ...forged.video, room: room! };
    const forgedToken = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
    expect(await validate(forgedToken)).toBe(401);
    expect((await lk.listParticipants(room!)).map((p) => p.identity).sort()).toEqual(
      [PRACTICE_IDENTITY.receive, PRACTICE_IDENTITY.send].sort(),
    );

    // A link that is not valid opens nothing.
    expect((await practiceApi('not-a-link')).status).toBe(404);

    // Ending closes the room at the SFU.
    await page.getByRole('button', { name: 'End practice' }).click();
    await poll(
      async () => (await lk.listRooms([room!])).length,
      (n) => n === 0,
      'practice room closed',
    );
    expect(stack.offLoopback).toEqual([]);
  });
});
