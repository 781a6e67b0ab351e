import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { announce } from '../../components/Announcer';
import { floorStatus } from './floorText';

/** Announces floor changes in the polite live region ("Now speaking: …"). */
export function useFloorAnnouncements(view: RoomView): void {
  const { t } = useTranslation();
  const text = floorStatus(t, view);
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (view.pause || view.status !== 'live') return;
    if (last.current === text) return;
    last.current = text;
    announce(text);
  }, [text, view.pause, view.status]);
}

export type MediaPrompt = 'resumed' | 'unmute' | null;

/**
 * The gentle prompts after the server gives the microphone back: "The meeting has resumed…" after
 * a pause, "You can unmute now" when the floor comes to this person. Never unmutes anyone.
 */
export function useMediaPrompt(view: RoomView): [MediaPrompt, () => void] {
  const { t } = useTranslation();
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
      setPrompt('resumed');
      announce(t('room.resumed'));
    } else if (!before.canAudio && canAudio) {
      setPrompt('unmute');
      announce(t('room.canUnmute'));
    } else if (!canAudio) {
      setPrompt(null);
    }
  }, [paused, canAudio, t]);
  return [prompt, () => setPrompt(null)];
}
