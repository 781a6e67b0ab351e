import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { announce } from '../../components/Announcer';
import { phaseName } from '../../lib/labels';
import { floorStatus } from './floorText';

interface Heard {
  phase: string | null;
  floor: string | null;
  paused: boolean;
  waiting: Set<string>;
  members: Set<string>;
}

/**
 * What changed in the room, said once, politely, in the one live region: the phase, the floor,
 * the pause and its end, and (for facilitators) who is waiting or has come in. Changes that arrive
 * in the same view are said together, so one never cuts the other off.
 */
export function useRoomAnnouncements(view: RoomView): void {
  const { t } = useTranslation();
  const fac = view.me.isFacilitator;
  const live = view.status === 'live';
  const phase = live ? view.phases[view.phaseIndex] : undefined;
  const phaseText = phase ? t('roomAnnounce.phase', { name: phaseName(t, phase) }) : null;
  const paused = view.pause !== null;
  const floor = live && !paused ? floorStatus(t, view) : null;
  const lobby = view.facilitator?.lobby ?? [];
  const waitingKey = lobby
    .filter((l) => l.status === 'waiting')
    .map((l) => `${l.id}\u0000${l.name}`)
    .join('\u0001');
  const membersKey = view.members
    .filter((m) => m.id !== view.me.id)
    .map((m) => `${m.id}\u0000${m.name}`)
    .join('\u0001');
  const last = useRef<Heard | null>(null);
  useEffect(() => {
    const pairs = (key: string) =>
      new Map(key ? key.split('\u0001').map((x) => x.split('\u0000') as [string, string]) : []);
    const waiting = pairs(waitingKey);
    const members = pairs(membersKey);
    const before = last.current;
    const now: Heard = {
      phase: phaseText,
      // While paused the floor is not said; after the pause it is said again only if it moved.
      floor: floor ?? before?.floor ?? null,
      paused,
      waiting: new Set(waiting.keys()),
      members: new Set(members.keys()),
    };
    last.current = now;
    const parts: string[] = [];
    if (!before) {
      if (!fac) parts.push(t('roomAnnounce.inRoom'));
      if (phaseText) parts.push(phaseText);
      if (floor) parts.push(floor);
    } else {
      // The facilitator's own pause controls say "paused" and "resumed" to them.
      if (!fac && paused && !before.paused) parts.push(t('floor.paused'));
      if (!fac && !paused && before.paused) parts.push(t('room.resumed'));
      if (phaseText && phaseText !== before.phase) parts.push(phaseText);
      if (floor && floor !== before.floor) parts.push(floor);
      if (fac) {
        for (const [id, name] of waiting) {
          if (!before.waiting.has(id)) parts.push(t('roomAnnounce.waiting', { name }));
        }
        for (const [id, name] of members) {
          if (!before.members.has(id)) parts.push(t('roomAnnounce.joined', { name }));
        }
      }
    }
    if (parts.length) announce(parts.join(' '));
  }, [t, fac, phaseText, floor, paused, waitingKey, membersKey]);
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
      // Said by useRoomAnnouncements, with whatever else changed at the same time.
      setPrompt('resumed');
    } else if (!before.canAudio && canAudio) {
      // The prompt itself is a polite status region; the floor change is announced too.
      setPrompt('unmute');
    } else if (!canAudio) {
      setPrompt(null);
    }
  }, [paused, canAudio, t]);
  return [prompt, () => setPrompt(null)];
}
