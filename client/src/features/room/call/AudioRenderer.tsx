import { Track, type RemoteTrack } from 'livekit-client';
import { useCall, useCallVersion } from './CallContext';
import { TrackAudio } from './TrackElements';

/** Plays every subscribed remote microphone (like components-js RoomAudioRenderer). */
export function AudioRenderer() {
  const call = useCall();
  useCallVersion(call);
  const room = call.room;
  if (!room) return null;
  const tracks: { track: RemoteTrack; identity: string; sid: string }[] = [];
  for (const p of room.remoteParticipants.values()) {
    for (const pub of p.audioTrackPublications.values()) {
      if (pub.source !== Track.Source.Microphone && pub.source !== Track.Source.Unknown) continue;
      if (pub.isSubscribed && pub.track) {
        tracks.push({ track: pub.track, identity: p.identity, sid: pub.trackSid });
      }
    }
  }
  return (
    <div className="audio-renderer" aria-hidden="true">
      {tracks.map((t) => (
        <TrackAudio key={t.sid} track={t.track} participantId={t.identity} />
      ))}
    </div>
  );
}
