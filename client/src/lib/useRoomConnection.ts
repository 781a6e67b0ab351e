import { useSyncExternalStore } from 'react';
import type { RoomConnection, RoomConnectionSnapshot } from './roomConnection';

export function useRoomConnection(conn: RoomConnection): RoomConnectionSnapshot {
  return useSyncExternalStore(conn.subscribe, conn.getSnapshot);
}
