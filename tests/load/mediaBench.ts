/**
 * npm run bench:media: the bytes each person's page receives in a five-person meeting (facilitator,
 * patient, patient's support, clinician, clinician's support), with LiveKit's adaptive stream and
 * dynacast off and on. Five real Chromium pages with the fake camera (1280x720 asked, as the app
 * asks) and microphone, four at 1366x768 and the patient's support on a phone (390x844, pixel ratio
 * 3), through the real app and the real LiveKit server (the e2e stack). Everyone admitted, the
 * meeting started, everyone unmuted, all cameras on: the even grid of an open discussion.
 *
 *   npm run bench:media                          off then on, once each
 *   npm run bench:media -- --runs 2              off, on, off, on (the machine is shared)
 *   npm run bench:media -- --modes on            only the app as it is now
 *   npm run bench:media -- --settle 10 --window 30
 *
 * Per page, over the window (after the settle): inbound-rtp bytesReceived for video and for audio
 * (payload bytes, from RTCPeerConnection.getStats), everything the transports received (headers,
 * RTCP and the SFU's probing padding too), the frame sizes it decodes and the size of the tiles
 * they play in, and what its camera sends (simulcast layers, and why the encoder held back).
 *
 * How "off" and "on" are set: the app has one place for its LiveKit room options
 * (client/src/lib/roomOptions.ts), and the bench serves the built client with those two booleans
 * set to the mode (a rewrite of the served JavaScript, counted: the run fails when it finds
 * nothing to rewrite). Everything else is the app as built. Bounded: every wait has a deadline,
 * each run stops by itself within RUN_DEADLINE_MS, and the stack (LiveKit, the app, Chromium) is
 * closed on every way out.
 */
import os from 'node:os';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { createMeeting } from '../support/server';
import { startStack, type Stack } from '../e2e/support/stack';
import { formatTable, round } from './stats';
import { admit, button, enterAsFacilitator, joinWaitingArea, reveal, until } from './pageSteps';

type Mode = 'off' | 'on';

function argOf(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? '') : fallback;
}
function intArg(name: string, fallback: number, min: number, max: number): number {
  const v = Number(argOf(name, String(fallback)));
  if (!Number.isInteger(v) || v < min || v > max) {
    process.stderr.write(`--${name} must be an integer from ${min} to ${max}\n`);
    process.exit(2);
  }
  return v;
}
const MODES = argOf('modes', 'off,on').split(',') as Mode[];
if (!MODES.length || MODES.some((m) => m !== 'off' && m !== 'on')) {
  process.stderr.write('--modes must be off, on, or both separated by a comma\n');
  process.exit(2);
}
const RUNS = intArg('runs', 1, 1, 4);
const SETTLE_S = intArg('settle', 10, 0, 60);
const WINDOW_S = intArg('window', 30, 5, 120);
const SAMPLE_MS = 5_000;
/** Set-up (up to ~90 s on a loaded machine), settle, window, and closing. */
const RUN_DEADLINE_MS = 150_000 + (SETTLE_S + WINDOW_S) * 1000;

const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/** The four invited people: the key in createMeeting, the name, and the screen they use. */
const INVITEES = [
  { key: 'patient', name: 'Pat Doe', role: 'patient', party: 'patient', screen: 'laptop' },
  { key: 'support', name: 'Robin Doe', role: 'patient_support', party: 'patient', screen: 'phone' },
  { key: 'clinician', name: 'Dr Casey Lee', role: 'hcw', party: 'hcw', screen: 'laptop' },
  { key: 'colleague', name: 'Alex Kim', role: 'hcw_support', party: 'hcw', screen: 'laptop' },
] as const;
const PEOPLE = [
  { key: 'facilitator', name: 'Facilitator', screen: 'laptop' },
  ...INVITEES,
] as const;

/** What one page's peer connections say at one moment (see STATS). */
interface Snapshot {
  at: number;
  inbound: {
    id: string;
    kind: string;
    bytes: number;
    w: number | null;
    h: number | null;
    fps: number | null;
  }[];
  outbound: {
    id: string;
    kind: string;
    rid: string | null;
    bytes: number;
    w: number | null;
    h: number | null;
    qlr: string | null;
  }[];
  transportRx: number;
  tiles: { w: number; h: number }[];
}

// Plain JavaScript text: tsx would add its own helpers (__name) to a function passed to the page.
// window.__pcs is every RTCPeerConnection the page made (tests/e2e/support/stack.ts records them).
const STATS = `(async () => {
  const out = { at: Date.now(), inbound: [], outbound: [], transportRx: 0, tiles: [] };
  let n = 0;
  for (const pc of window.__pcs) {
    n++;
    if (pc.connectionState === 'closed') continue;
    const stats = await pc.getStats();
    stats.forEach((s) => {
      const id = n + ':' + s.id;
      if (s.type === 'inbound-rtp') {
        out.inbound.push({ id, kind: s.kind, bytes: s.bytesReceived ?? 0,
          w: s.frameWidth ?? null, h: s.frameHeight ?? null, fps: s.framesPerSecond ?? null });
      } else if (s.type === 'outbound-rtp') {
        out.outbound.push({ id, kind: s.kind, rid: s.rid ?? null, bytes: s.bytesSent ?? 0,
          w: s.frameWidth ?? null, h: s.frameHeight ?? null,
          qlr: s.qualityLimitationReason ?? null });
      } else if (s.type === 'transport') {
        out.transportRx += s.bytesReceived ?? 0;
      }
    });
  }
  for (const v of document.querySelectorAll('video[data-participant-id]')) {
    out.tiles.push({ w: Math.round(v.clientWidth), h: Math.round(v.clientHeight) });
  }
  return out;
})()`;

const remoteVideosDecoding = (page: Page) =>
  page.evaluate(
    `[...document.querySelectorAll('video[data-participant-id]')].filter((v) => v.videoWidth > 0).length`,
  ) as Promise<number>;

/**
 * Serves the app's JavaScript with its LiveKit room options set to `mode`. Only the app's own
 * object is touched: livekit-client's defaults object (followed by stopLocalTrackOnUnpublish)
 * is left alone. Counts the rewrites in `rewrites`.
 */
async function setMode(stack: Stack, page: Page, mode: Mode, rewrites: { n: number }) {
  const flag = mode === 'on' ? '!0' : '!1';
  const OPTIONS = /adaptiveStream:(?:!0|!1),dynacast:(?:!0|!1)(?![,\w]*stopLocalTrackOnUnpublish)/g;
  await page.context().route(`${stack.server.url}/assets/*.js`, async (route) => {
    const res = await route.fetch();
    const body = await res.text();
    const out = body.replace(OPTIONS, () => {
      rewrites.n++;
      return `adaptiveStream:${flag},dynacast:${flag}`;
    });
    await route.fulfill({ response: res, body: out });
  });
}

interface PageResult {
  person: string;
  screen: string;
  videoKBs: number;
  audioKBs: number;
  totalKBs: number;
  /** Frame sizes decoded at the end of the window, e.g. "320x180 x3, 640x360 x1". */
  received: string;
  /** Share of the samples (every remote video, every SAMPLE_MS) at each frame height. */
  share: string;
  tiles: string;
  sentKBs: number;
  /** The camera's simulcast layers with their sizes and kB/s, e.g. "q 320x180 20, h off". */
  layers: string;
  limited: string;
}

/** LiveKit's simulcast layers, smallest first (quarter, half, full). */
const RIDS = ['q', 'h', 'f'];

const tally = (xs: string[]) => {
  const c = new Map<string, number>();
  for (const x of xs) c.set(x, (c.get(x) ?? 0) + 1);
  return [...c].map(([k, n]) => (n > 1 ? `${k} x${n}` : k)).join(', ') || '-';
};

function analyse(person: string, screen: string, first: Snapshot, samples: Snapshot[]): PageResult {
  const last = samples[samples.length - 1]!;
  const secs = (last.at - first.at) / 1000;
  const before = new Map([...first.inbound, ...first.outbound].map((s) => [s.id, s.bytes]));
  const rate = (xs: { id: string; bytes: number }[]) =>
    xs.reduce((sum, s) => sum + s.bytes - (before.get(s.id) ?? 0), 0) / 1000 / secs;
  const video = last.inbound.filter((s) => s.kind === 'video');
  const size = (s: { w: number | null; h: number | null }) => (s.w ? `${s.w}x${s.h}` : 'none');
  const heights = samples.flatMap((x) =>
    x.inbound.filter((s) => s.kind === 'video' && s.h).map((s) => s.h!),
  );
  const share = [...new Set(heights)]
    .sort((a, b) => a - b)
    .map(
      (h) => `${h}p ${Math.round((100 * heights.filter((x) => x === h).length) / heights.length)}%`,
    )
    .join(' ');
  const sentVideo = last.outbound.filter((s) => s.kind === 'video');
  const layers = sentVideo
    .slice()
    .sort((a, b) => RIDS.indexOf(a.rid ?? '') - RIDS.indexOf(b.rid ?? ''))
    .map((s) => {
      const kBs = rate([s]);
      return `${s.rid ?? '-'} ${kBs < 0.5 ? 'paused' : `${size(s)} ${round(kBs, 0)}`}`;
    })
    .join(', ');
  return {
    person,
    screen,
    videoKBs: rate(video),
    audioKBs: rate(last.inbound.filter((s) => s.kind === 'audio')),
    totalKBs: (last.transportRx - first.transportRx) / 1000 / secs,
    received: tally(video.filter((s) => s.w).map(size)),
    share: share || '-',
    tiles: tally(last.tiles.map((t) => `${t.w}x${t.h}`)),
    sentKBs: rate(sentVideo),
    layers: layers || '-',
    limited: [...new Set(sentVideo.map((s) => s.qlr ?? 'none'))].join('/'),
  };
}

interface RunResult {
  mode: Mode;
  run: number;
  pages: PageResult[];
  load: { start: number; end: number };
  setupS: number;
  rewrites: number;
}

async function oneRun(mode: Mode, run: number, onStack: (s: Stack) => void): Promise<RunResult> {
  const load0 = os.loadavg()[0]!;
  const started = Date.now();
  const stack = await startStack();
  onStack(stack);
  const s = stack.server;
  const invitees = INVITEES;
  const m = await createMeeting(
    s,
    invitees.map((p) => ({ key: p.key, name: p.name, role: p.role, party: p.party })),
  );
  const rewrites = { n: 0 };
  const pages = await Promise.all(
    PEOPLE.map((p) => stack.newPage(p.key, p.screen === 'phone' ? PHONE : LAPTOP)),
  );
  for (const page of pages) await setMode(stack, page, mode, rewrites);
  const [fac, ...others] = pages as [Page, ...Page[]];

  await enterAsFacilitator(fac, {
    url: s.url,
    cookie: s.facilitator.cookie,
    meetingId: m.meetingId,
  });

  // Each person opens their link, passes the device check (camera on, microphone muted) and waits.
  await Promise.all(
    others.map((page, i) => joinWaitingArea(page, m.people[invitees[i]!.key]!.invite.url)),
  );
  for (const [i, page] of others.entries()) await admit(fac, page, invitees[i]!.name);
  await reveal(fac, 'Start the meeting');
  await button(fac, 'Start the meeting').click();
  for (const page of others) {
    await until(
      () => page.evaluate(`document.querySelector('[data-testid="floor-status"]') !== null`),
      (x) => x === true,
      'the meeting started',
    );
  }
  // Everyone speaks in an open discussion: the fake microphone's beeps are sent by all five.
  for (const page of pages) {
    await button(page, 'Unmute').click();
    await button(page, 'Mute').waitFor({ timeout: 30_000 });
  }
  for (const [i, page] of pages.entries()) {
    await until(
      () => remoteVideosDecoding(page),
      (n) => n >= 4,
      `${PEOPLE[i]!.name}: four remote videos decoding`,
      90_000,
    );
  }
  const setupS = (Date.now() - started) / 1000;
  if (rewrites.n === 0) {
    throw new Error('no LiveKit room options found in the served client to set the mode');
  }

  await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
  const snap = (page: Page) => page.evaluate(STATS) as Promise<Snapshot>;
  const firsts = await Promise.all(pages.map(snap));
  const samples: Snapshot[][] = pages.map(() => []);
  const end = Date.now() + WINDOW_S * 1000;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, Math.min(SAMPLE_MS, Math.max(0, end - Date.now()))));
    const now = await Promise.all(pages.map(snap));
    now.forEach((x, i) => samples[i]!.push(x));
  }
  const results = PEOPLE.map((p, i) => analyse(p.name, p.screen, firsts[i]!, samples[i]!));
  const problems = [...stack.console];
  await stack.close();
  for (const p of problems) {
    process.stderr.write(`console [${p.page}] ${p.type}: ${p.text.slice(0, 300)}\n`);
  }
  return {
    mode,
    run,
    pages: results,
    load: { start: load0, end: os.loadavg()[0]! },
    setupS,
    rewrites: rewrites.n,
  };
}

function report(r: RunResult): void {
  const rows: (string | number | null)[][] = [
    [
      'page',
      'screen',
      'video kB/s',
      'audio kB/s',
      'all kB/s',
      'frames received',
      'share of samples',
      'tiles (CSS px)',
      'camera sent kB/s',
      'layers sent (rid size kB/s)',
      'limited by',
    ],
  ];
  for (const p of r.pages) {
    rows.push([
      p.person,
      p.screen,
      round(p.videoKBs, 1),
      round(p.audioKBs, 1),
      round(p.totalKBs, 1),
      p.received,
      p.share,
      p.tiles,
      round(p.sentKBs, 1),
      p.layers,
      p.limited,
    ]);
  }
  const sum = (f: (p: PageResult) => number) => r.pages.reduce((a, p) => a + f(p), 0);
  rows.push([
    'all five',
    '',
    round(
      sum((p) => p.videoKBs),
      1,
    ),
    round(
      sum((p) => p.audioKBs),
      1,
    ),
    round(
      sum((p) => p.totalKBs),
      1,
    ),
    '',
    '',
    '',
    round(
      sum((p) => p.sentKBs),
      1,
    ),
    '',
    '',
  ]);
  process.stdout.write(
    `\nAdaptive stream and dynacast ${r.mode.toUpperCase()} (run ${r.run}): ` +
      `${WINDOW_S} s window after ${SETTLE_S} s settle; load average ${round(r.load.start, 2)} -> ` +
      `${round(r.load.end, 2)} on ${os.cpus().length} CPUs; set-up ${round(r.setupS, 0)} s\n`,
  );
  process.stdout.write(formatTable(rows) + '\n');
}

async function main(): Promise<void> {
  let stack: Stack | null = null;
  const stop = async (why: string, code: number) => {
    process.stderr.write(`bench:media: ${why}, stopping\n`);
    await (stack?.close() ?? Promise.resolve()).catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('interrupted', 130));
  process.on('SIGTERM', () => void stop('terminated', 143));
  const results: RunResult[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      for (const mode of MODES) {
        const deadline = setTimeout(
          () => void stop(`deadline of ${RUN_DEADLINE_MS / 1000} s for one run reached`, 1),
          RUN_DEADLINE_MS,
        );
        const r = await oneRun(mode, run, (s) => (stack = s));
        stack = null;
        clearTimeout(deadline);
        report(r);
        results.push(r);
      }
    }
  } catch (err) {
    process.stderr.write(`bench:media failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    await stop('failed', 1);
  }
  const json = {
    bench: 'media',
    settle_s: SETTLE_S,
    window_s: WINDOW_S,
    cpus: os.cpus().length,
    runs: results.map((r) => ({
      mode: r.mode,
      run: r.run,
      load_avg_1m: { start: round(r.load.start, 2), end: round(r.load.end, 2) },
      pages: r.pages.map((p) => ({
        person: p.person,
        screen: p.screen,
        video_kBps: round(p.videoKBs, 1),
        audio_kBps: round(p.audioKBs, 1),
        all_kBps: round(p.totalKBs, 1),
        received: p.received,
        share: p.share,
        sent_video_kBps: round(p.sentKBs, 1),
      })),
    })),
  };
  process.stdout.write(JSON.stringify(json) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:media failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
