import { createContext, useContext } from 'react';
import type { RoomConnection } from './roomConnection';

export const RoomConnectionContext = createContext<RoomConnection | null>(null);

/** The meeting connection; throws outside a meeting (a programming error). */
export function useConnection(): RoomConnection {
  const conn = useContext(RoomConnectionContext);
  if (!conn) throw new Error('useConnection() needs a RoomConnectionContext provider');
  return conn;
}
