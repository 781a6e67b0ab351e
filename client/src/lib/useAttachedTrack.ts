import { useEffect, useRef } from 'react';
import type { Track } from 'livekit-client';

/**
 * A ref for the <video> or <audio> element a LiveKit track plays in: attached while the element
 * and the track are there, detached when either goes (the room's tiles and the practice room).
 */
export function useAttachedTrack<E extends HTMLMediaElement>(track: Track) {
  const ref = useRef<E>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    track.attach(el);
    return () => {
      track.detach(el);
    };
  }, [track]);
  return ref;
}
