import type { Track } from 'livekit-client';
import { useAttachedTrack } from '../../../lib/useAttachedTrack';

/** A remote (or local) video track in a <video>; remote ones carry data-participant-id. */
export function TrackVideo({
  track,
  participantId,
  label,
  self,
}: {
  track: Track;
  participantId?: string;
  label: string;
  self?: boolean;
}) {
  const ref = useAttachedTrack<HTMLVideoElement>(track);
  return (
    <video
      ref={ref}
      className={self ? 'tile__video tile__video--self' : 'tile__video'}
      data-participant-id={participantId}
      data-self-view={self ? '' : undefined}
      aria-label={label}
      autoPlay
      playsInline
      muted
    />
  );
}

/** A remote audio track in an <audio> element (the only sound the app ever plays). */
export function TrackAudio({ track, participantId }: { track: Track; participantId: string }) {
  const ref = useAttachedTrack<HTMLAudioElement>(track);
  return <audio ref={ref} autoPlay data-participant-id={participantId} />;
}
