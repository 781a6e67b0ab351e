import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { announce } from '../../components/Announcer';
import { announcement, heardOf, type Heard } from './announcements';

/**
 * What changed in the room, said once, politely, in the one live region: the phase, the floor,
 * the pause and its end, and (for facilitators) who is waiting or has come in (announcements.ts).
 */
export function useRoomAnnouncements(view: RoomView): void {
  const { t } = useTranslation();
  const last = useRef<Heard | null>(null);
  const fac = view.me.isFacilitator;
  useEffect(() => {
    const before = last.current;
    const now = heardOf(t, view, before);
    last.current = now;
    const text = announcement(t, before, now, fac);
    if (text) announce(text);
  }, [t, view, fac]);
}

export type MediaPrompt = 'resumed' | 'unmute' | null;

/**
 * The gentle prompts after the server gives the microphone back: "The meeting has resumed…" after
 * a pause, "You can unmute now" when the floor comes to this person. Never unmutes anyone.
 */
export function useMediaPrompt(view: RoomView): [MediaPrompt, () => void] {
  const [prompt, setPrompt] = useState<MediaPrompt>(null);
  const paused = view.pause !== null;
  const canAudio = view.me.media?.canPublishAudio ?? false;
  const prev = useRef({ paused, canAudio });
  useEffect(() => {
    const before = prev.current;
    prev.current = { paused, canAudio };
    if (paused) {
      setPrompt(null);
    } else if (before.paused && !paused) {
      // Said by useRoomAnnouncements, with whatever else changed at the same time.
      setPrompt('resumed');
    } else if (!before.canAudio && canAudio) {
      // Said by useRoomAnnouncements, as the floor change that gave the microphone back.
      setPrompt('unmute');
    } else if (!canAudio) {
      setPrompt(null);
    }
  }, [paused, canAudio]);
  return [prompt, () => setPrompt(null)];
}
