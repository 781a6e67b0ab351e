import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, type ScriptedMeeting } from '../support/server';
import {
  admit,
  enterMeetingRoom,
  joinAndWait,
  poll,
  signIn,
  waitForScreen,
} from './support/actors';
import { playingVideos, startStack, type Stack } from './support/stack';

/**
 * Issue 18, item 6: adaptive stream and dynacast (client/src/lib/roomOptions.ts). A person on a
 * phone receives a camera at the size of its small tile, not the 720p it is captured at, and the
 * camera then stops encoding the layer nobody receives. Read from the pages' own
 * RTCPeerConnections (recorded by the stack's init script). The bytes this saves are measured by
 * npm run bench:media (BENCHMARKS.md).
 */

interface Layer {
  rid: string | null;
  active: boolean | null;
  height: number | null;
}

/** The simulcast layers this page's camera sends (outbound-rtp video). */
async function sentLayers(page: Page): Promise<Layer[]> {
  return page.evaluate(async () => {
    const w = window as unknown as { __pcs: RTCPeerConnection[] };
    const out: Layer[] = [];
    for (const pc of w.__pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type !== 'outbound-rtp' || s.kind !== 'video') return;
        out.push({
          rid: (s.rid as string | undefined) ?? null,
          active: (s.active as boolean | undefined) ?? null,
          height: (s.frameHeight as number | undefined) ?? null,
        });
      });
    }
    return out;
  });
}

/** Frame heights of the remote videos this page decodes (inbound-rtp video). */
async function receivedHeights(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const w = window as unknown as { __pcs: RTCPeerConnection[] };
    const out: number[] = [];
    for (const pc of w.__pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video' && s.frameHeight) {
          out.push(s.frameHeight as number);
        }
      });
    }
    return out;
  });
}

describe('adaptive stream and dynacast (issue 18): each page receives what its tiles show', () => {
  let stack: Stack;
  let m: ScriptedMeeting;
  let fac: Page;
  let phone: Page;

  beforeAll(async () => {
    stack = await startStack();
    m = await createMeeting(stack.server, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
    ]);
    [fac, phone] = await Promise.all([
      stack.newPage('facilitator', { viewport: { width: 1366, height: 768 } }),
      stack.newPage('patient', { viewport: { width: 390, height: 844 } }),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('a phone receives the 720p camera at its small tile size, and the 720p layer is paused', async () => {
    await signIn(fac, stack.server);
    await fac.goto(`${stack.server.url}/cases/${m.caseId}`);
    await waitForScreen(fac, 'case');
    await enterMeetingRoom(fac);
    await joinAndWait(phone, m.people.pat!.invite.url);
    await admit(fac, phone, 'Pat Doe');
    await poll(
      () => playingVideos(phone),
      (v) => v.includes(stack.server.facilitator.id),
      'the phone plays the facilitator',
      60_000,
    );

    // The facilitator's camera is captured at 720p and sent in three simulcast layers.
    const layers = await poll(
      () => sentLayers(fac),
      (l) => l.length === 3 && l.some((x) => x.height === 720),
      'three layers, the top one 720p',
      60_000,
    );
    expect(layers.map((l) => l.rid).sort()).toEqual(['f', 'h', 'q']);

    // The phone's tile is about 110 px wide: it receives a small layer, never the 720p one...
    const tile = await phone.evaluate(() => {
      const v = document.querySelector<HTMLVideoElement>('video[data-participant-id]')!;
      return { w: v.clientWidth, h: v.clientHeight };
    });
    expect(tile.h).toBeLessThan(360);
    await poll(
      () => receivedHeights(phone),
      (h) => h.length === 1 && h[0]! <= 360,
      'the phone decodes a layer of 360p or less',
      60_000,
    );
    // ...and as nobody receives the 720p layer, the facilitator's camera stops encoding it. Without
    // adaptive stream the phone would ask for the top layer; without dynacast it is always sent.
    await poll(
      () => sentLayers(fac),
      (l) => l.find((x) => x.rid === 'f')?.active === false,
      'the 720p layer paused',
      60_000,
    );
    stack.assertCleanConsole();
    expect(stack.offLoopback).toEqual([]);
  });
});
