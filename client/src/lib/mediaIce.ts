import type { RoomConnectOptions } from 'livekit-client';
import type { MediaIce } from '../../../shared/protocol/events';

/**
 * The ICE part of LiveKit's connect options, as the server decided (MediaGrant.ice).
 * livekit-client uses the STUN/TURN servers LiveKit sends on join only when no list is given, so
 * a real deployment passes no rtcConfig at all (people behind strict firewalls then reach it
 * through TURN). The local dev/test LiveKit on 127.0.0.1 gets an empty list: nothing to look up,
 * and the browser never reaches outside the machine.
 */
export function iceOptions(ice: MediaIce): Pick<RoomConnectOptions, 'rtcConfig'> {
  return ice === 'loopback' ? { rtcConfig: { iceServers: [] } } : {};
}
