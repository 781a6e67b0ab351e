import type { MediaIce } from '../../../shared/protocol/events';

/**
 * Whether `url` names this machine only (127.0.0.0/8, ::1, localhost): the embedded LiveKit dev
 * server that npm start and the tests run. A malformed URL is not loopback.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The ICE mode browsers are told to use (MediaGrant.ice). An explicit MEDIA_ICE wins; otherwise a
 * LiveKit that browsers reach on loopback is the local dev/test server, which needs no STUN/TURN
 * (and must not look outside the machine), while any other address is a real deployment whose
 * STUN/TURN servers the browser has to take from LiveKit.
 */
export function decideMediaIce(browserUrl: string, explicit?: MediaIce): MediaIce {
  return explicit ?? (isLoopbackUrl(browserUrl) ? 'loopback' : 'server');
}
