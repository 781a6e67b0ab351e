import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createLiveKitGateway } from '../../../server/src/livekit/gateway';
import { startLiveKit, type LiveKitServer } from '../../support/livekit';
import { startTestServer, type TestServer } from '../../support/server';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Chromium as this machine runs it: headless, no network beyond loopback, fake camera and mic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Stack {
  lk: LiveKitServer;
  server: TestServer;
  browser: Browser;
  /** Every request any page made that did not go to loopback (must stay empty). */
  offLoopback: string[];
  newPage(name: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Records every RTCPeerConnection a page creates, so the test can read the selected ICE pairs.
 * Runs before any page script.
 */
const RECORD_PEER_CONNECTIONS = () => {
  const w = window as unknown as { __pcs: RTCPeerConnection[] };
  w.__pcs = [];
  const Orig = window.RTCPeerConnection;
  const Wrapped = function (
    this: unknown,
    ...args: ConstructorParameters<typeof RTCPeerConnection>
  ) {
    const pc = new Orig(...args);
    w.__pcs.push(pc);
    return pc;
  } as unknown as typeof RTCPeerConnection;
  Wrapped.prototype = Orig.prototype;
  Object.setPrototypeOf(Wrapped, Orig);
  window.RTCPeerConnection = Wrapped;
};

export async function startStack(): Promise<Stack> {
  if (!existsSync(path.join(ROOT, 'client/dist/index.html'))) {
    throw new Error('client/dist is missing: run "npm run build" first (npm test does).');
  }
  const lk = await startLiveKit();
  const server = await startTestServer({ livekit: createLiveKitGateway(lk) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const contexts: BrowserContext[] = [];
  const offLoopback: string[] = [];
  return {
    lk,
    server,
    browser,
    offLoopback,
    async newPage(name) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      await context.grantPermissions(['camera', 'microphone'], { origin: server.url });
      await context.addInitScript(RECORD_PEER_CONNECTIONS);
      const page = await context.newPage();
      page.on('request', (req) => {
        const u = new URL(req.url());
        if (
          !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) &&
          !['data:', 'blob:'].includes(u.protocol)
        ) {
          offLoopback.push(`${name}: ${req.url()}`);
        }
      });
      page.on('pageerror', (e) => process.stderr.write(`[${name}] page error: ${e.message}\n`));
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
      await lk.stop();
    },
  };
}

/** The selected ICE candidate pairs of every peer connection on the page (local and remote address). */
export async function selectedPairs(page: Page): Promise<{ local: string; remote: string }[]> {
  return page.evaluate(async () => {
    const w = window as unknown as { __pcs: RTCPeerConnection[] };
    const out: { local: string; remote: string }[] = [];
    for (const pc of w.__pcs) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s: Record<string, unknown>) => byId.set(s.id as string, s));
      stats.forEach((s: Record<string, unknown>) => {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
        const pair = byId.get(s.selectedCandidatePairId as string);
        if (!pair) return;
        const local = byId.get(pair.localCandidateId as string);
        const remote = byId.get(pair.remoteCandidateId as string);
        out.push({
          local: String(local?.address ?? local?.ip),
          remote: String(remote?.address ?? remote?.ip),
        });
      });
    }
    return out;
  });
}

/** Member ids whose remote video is decoding frames on this page (videoWidth > 0, time advancing). */
export async function playingVideos(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLVideoElement>('video[data-participant-id]')]
      .filter((v) => v.videoWidth > 0 && v.readyState >= 2 && !v.paused)
      .map((v) => v.dataset.participantId!),
  );
}

/** Member ids whose remote audio track is live on this page. */
export async function liveAudio(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLAudioElement>('audio[data-participant-id]')]
      .filter((a) => {
        const s = a.srcObject as MediaStream | null;
        return !!s && s.getAudioTracks().some((t) => t.readyState === 'live');
      })
      .map((a) => a.dataset.participantId!),
  );
}

/**
 * Member ids whose remote video is decoding new frames now: a size, and a new frame (through
 * requestVideoFrameCallback, or the playback time moving) within `ms`. A still picture fails.
 */
export async function decodingVideos(page: Page, ms = 2_000): Promise<string[]> {
  return page.evaluate(async (wait) => {
    const videos = [...document.querySelectorAll<HTMLVideoElement>('video[data-participant-id]')];
    const fresh = await Promise.all(
      videos.map(
        (v) =>
          new Promise<boolean>((resolve) => {
            if (v.videoWidth === 0) return resolve(false);
            const t0 = v.currentTime;
            const timer = setTimeout(() => resolve(v.currentTime > t0), wait);
            v.requestVideoFrameCallback?.(() => {
              clearTimeout(timer);
              resolve(true);
            });
          }),
      ),
    );
    return videos.filter((_, i) => fresh[i]).map((v) => v.dataset.participantId!);
  }, ms);
}

/** Member ids whose remote audio this page plays and receives now (a live, unmuted track). */
export async function heardAudio(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLAudioElement>('audio[data-participant-id]')]
      .filter((a) => {
        const s = a.srcObject as MediaStream | null;
        return (
          !!s && s.getAudioTracks().some((t) => t.readyState === 'live' && !t.muted && t.enabled)
        );
      })
      .map((a) => a.dataset.participantId!),
  );
}
