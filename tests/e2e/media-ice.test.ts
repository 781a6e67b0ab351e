// Real networks (issue 18 item 6), in the browser: with a TURN-enabled LiveKit (this test's own
// config, on loopback only) and the server saying ice 'server', the real client builds its peer
// connections with the TURN server LiveKit sent, and media still flows (the practice room returns
// the person's own picture). The loopback default (every other e2e test) keeps an empty list.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, type ScriptedMeeting } from '../support/server';
import { loopbackTurnYaml } from '../support/livekit';
import { poll, waitForScreen } from './support/actors';
import { startStack, type Stack } from './support/stack';

/** The ICE server URLs of every peer connection the page made (recorded by the stack). */
const peerIceUrls = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __pcs: RTCPeerConnection[] };
    return w.__pcs.map((pc) =>
      (pc.getConfiguration().iceServers ?? []).flatMap((s) =>
        Array.isArray(s.urls) ? s.urls : [s.urls],
      ),
    );
  });

describe('ICE servers in the browser with a TURN-enabled LiveKit', () => {
  let stack: Stack;
  let meeting: ScriptedMeeting;
  let page: Page;
  let turnPort: number;

  beforeAll(async () => {
    const turn = await loopbackTurnYaml();
    turnPort = turn.udpPort;
    stack = await startStack({ livekitYaml: turn.yaml, ice: 'server' });
    meeting = await createMeeting(stack.server, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
    ]);
    page = await stack.newPage('patient');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("uses LiveKit's TURN server for every peer connection, and media comes back", async () => {
    await page.goto(meeting.people.pat!.invite.url);
    await waitForScreen(page, 'welcome');
    await page.getByRole('link', { name: 'Try the room on your own' }).click();
    await waitForScreen(page, 'practice');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    // The person's picture comes back through the SFU (a decoded size on the returned video).
    await poll(
      () =>
        page.evaluate(
          () =>
            document.querySelector<HTMLVideoElement>('video[data-testid="practice-return-video"]')
              ?.videoWidth ?? 0,
        ),
      (w) => w > 0,
      'returned video decoding',
    );
    const turnUrl = `turn:127.0.0.1:${turnPort}?transport=udp`;
    const configs = await poll(
      () => peerIceUrls(page),
      (c) => c.length > 0,
      'peer connections made',
    );
    for (const urls of configs) expect(urls).toContain(turnUrl);
    expect(stack.offLoopback).toEqual([]);
  });
});
