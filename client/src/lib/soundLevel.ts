/**
 * Sound levels measured in the page with the Web Audio API: the device check's microphone meter
 * and the practice room's "your microphone comes through". Nothing is recorded or sent anywhere;
 * the samples are read and dropped.
 */

/** The root-mean-square of float time-domain samples, 0..1. */
export function rmsOf(data: Float32Array): number {
  if (data.length === 0) return 0;
  let sum = 0;
  for (const x of data) sum += x * x;
  return Math.min(1, Math.sqrt(sum / data.length));
}

/** The largest absolute sample of float time-domain samples, 0..1. */
export function peakOf(data: Float32Array): number {
  let peak = 0;
  for (const x of data) {
    const a = Math.abs(x);
    if (a > peak) peak = a;
  }
  return Math.min(1, peak);
}

export interface SoundMeter {
  /** The loudness (root mean square) of the last `window` samples. */
  rms(): number;
  /** The loudest sample of the last `window` samples. */
  peak(): number;
  close(): void;
}

/**
 * A meter on one audio track, over its last `window` samples (a power of two, 32 to 32,768):
 * short for a live meter, long (16,384 samples, a third of a second at 48 kHz) so that readings
 * a quarter of a second apart miss no short sound. Null where the browser has no Web Audio.
 */
export function openSoundMeter(track: MediaStreamTrack, window = 16_384): SoundMeter | null {
  if (typeof AudioContext === 'undefined') return null;
  const ctx = new AudioContext();
  void ctx.resume().catch(() => undefined);
  const source = ctx.createMediaStreamSource(new MediaStream([track]));
  const analyser = ctx.createAnalyser();
  analyser.fftSize = window;
  source.connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  const read = () => {
    analyser.getFloatTimeDomainData(data);
    return data;
  };
  return {
    rms: () => rmsOf(read()),
    peak: () => peakOf(read()),
    close: () => {
      source.disconnect();
      void ctx.close().catch(() => undefined);
    },
  };
}
