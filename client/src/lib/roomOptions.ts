import type { RoomOptions } from 'livekit-client';

/**
 * LiveKit's room options for every call (the meeting and the practice room), in one place.
 *
 * Adaptive stream: each remote camera is received at the size of the tile it plays in, and not
 * at all while no tile shows it or the tab is in the background, so a phone or a small grid tile
 * does not download 720p. It sees only tracks played through track.attach() (useAttachedTrack).
 * Dynacast: a camera stops encoding the simulcast layers nobody receives, sparing the sender's
 * upload and processor. Both rest on simulcast (three layers of a 720p camera: 180p, 360p, 720p).
 * Measured in BENCHMARKS.md, "Media: bytes received per page in a five-person call" (npm run
 * bench:media, which sets these two booleans to compare).
 */
export function roomOptions(): RoomOptions {
  return {
    adaptiveStream: true,
    dynacast: true,
    publishDefaults: { simulcast: true },
  };
}
