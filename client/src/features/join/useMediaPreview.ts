import { useEffect, useState } from 'react';
import { openSoundMeter } from '../../lib/soundLevel';

/** `noCamera`: the microphone works and there is no camera (join with sound only). */
export type PreviewProblem = 'blocked' | 'none' | 'noCamera' | 'unavailable' | null;

export interface MediaPreview {
  stream: MediaStream | null;
  problem: PreviewProblem;
  cameras: MediaDeviceInfo[];
  mics: MediaDeviceInfo[];
  /** The microphone level, 0..1. */
  level: number;
}

/** What a getUserMedia failure means for the person (its error's name). */
export function problemOf(e: unknown): PreviewProblem {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'blocked';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  return 'unavailable';
}

/**
 * The problem when camera and microphone together failed with `e` but the microphone alone
 * works: a missing camera is no problem to join with (sound only), anything else still is.
 */
export function problemWithMicrophone(e: unknown): PreviewProblem {
  const problem = problemOf(e);
  return problem === 'none' ? 'noCamera' : problem;
}

async function open(cameraOn: boolean, cameraId: string | null, micId: string | null) {
  const audio: MediaTrackConstraints | boolean = micId ? { deviceId: { exact: micId } } : true;
  const video: MediaTrackConstraints | boolean = cameraOn
    ? cameraId
      ? { deviceId: { exact: cameraId } }
      : { width: { ideal: 640 }, height: { ideal: 480 } }
    : false;
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio, video }), problem: null };
  } catch (e) {
    // Try the microphone alone before giving up: someone may have no camera.
    if (!video) return { stream: null, problem: problemOf(e) };
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
      return { stream, problem: problemWithMicrophone(e) };
    } catch (e2) {
      return { stream: null, problem: problemOf(e2) };
    }
  }
}

/**
 * The device check's own preview with getUserMedia (not livekit-client, which only loads when the
 * call starts). Stops every track when the choices change or the screen closes.
 */
export function useMediaPreview(
  cameraOn: boolean,
  cameraId: string | null,
  micId: string | null,
): MediaPreview {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<PreviewProblem>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [mics, setMics] = useState<MediaDeviceInfo[]>([]);
  const [level, setLevel] = useState(0);

  useEffect(() => {
    let live = true;
    let current: MediaStream | null = null;
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('unavailable');
      return;
    }
    void open(cameraOn, cameraId, micId).then(async (r) => {
      if (!live) {
        r.stream?.getTracks().forEach((tr) => tr.stop());
        return;
      }
      current = r.stream;
      setStream(r.stream);
      setProblem(r.problem);
      try {
        const devices = await navigator.mediaDevices.enumerateDevices();
        if (!live) return;
        setCameras(devices.filter((d) => d.kind === 'videoinput' && d.deviceId));
        setMics(devices.filter((d) => d.kind === 'audioinput' && d.deviceId));
      } catch {
        // Device lists are a nicety; the defaults still work.
      }
    });
    return () => {
      live = false;
      current?.getTracks().forEach((tr) => tr.stop());
      setStream(null);
    };
  }, [cameraOn, cameraId, micId]);

  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    const meter = track ? openSoundMeter(track, 512) : null;
    if (!meter) {
      setLevel(0);
      return;
    }
    // Ten updates a second is enough for a level meter and keeps re-renders low.
    const id = window.setInterval(() => {
      setLevel(Math.min(1, Math.round(meter.rms() * 400) / 100));
    }, 100);
    return () => {
      window.clearInterval(id);
      meter.close();
    };
  }, [stream]);

  return { stream, problem, cameras, mics, level };
}
