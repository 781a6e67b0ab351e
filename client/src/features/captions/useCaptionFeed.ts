import { useEffect, useState, useSyncExternalStore } from 'react';
import { useConnection } from '../../lib/connectionContext';
import { CaptionFeed, type ShownLine } from './CaptionFeed';

/**
 * The caption lines to show while `enabled` (captions on, and the person hears the main room).
 * Turned off, out of the main room, or at the meeting's end, the lines are forgotten at once.
 */
export function useCaptionFeed(enabled: boolean): readonly ShownLine[] {
  const conn = useConnection();
  const [feed] = useState(() => new CaptionFeed());
  useEffect(() => {
    if (!enabled) return;
    const off = conn.onCaption((line) => feed.receive(line));
    return () => {
      off();
      feed.clear();
    };
  }, [conn, feed, enabled]);
  return useSyncExternalStore(feed.subscribe, feed.getSnapshot);
}
