import type { NextFunction, Request, Response } from 'express';
import { isFacilitatorRole } from '../../../shared/room/roles';
import { CSRF_HEADER } from '../../../shared/protocol/http';
import { randomId, sha256, signToken, verifyToken } from '../auth/crypto';
import type { Config } from '../config';
import type { LiveKitGateway } from '../livekit/gateway';
import type { Logger } from '../logger';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import type { CaseRow, FacilitatorRow, InviteRow, Store } from '../store/ports';
import { HttpError } from './errors';

/*
 * What every router of the API shares: its dependencies, the session cookie, the CSRF and Origin
 * check, and the guards that say who may touch which case, meeting or link (the sockets use some
 * of them too: realtime/io.ts).
 */

export const SESSION_COOKIE = 'cg_session';
/** A facilitator's session lasts twelve hours; the socket sweep ends its sockets after that. */
export const SESSION_TTL_MS = 12 * 3600_000;
/** A colleague's one-time account set-up link lasts a week. */
export const ACCOUNT_INVITE_TTL_MS = 7 * 24 * 3600_000;
const CASE_CLOSED = 'This case is closed, so nothing can be added to it.';

export interface ApiDeps {
  config: Config;
  repo: Store;
  rooms: RoomRegistry;
  logger: Logger;
  now: () => number;
  /** One-time set-up secret for the first facilitator (null once someone exists). */
  setup: { token: string | null };
  videoAvailable: boolean;
  /** The media server, for what is not a meeting's call (the practice room); null without video. */
  livekit?: LiveKitGateway | null;
  /**
   * Ends open room connections at once (realtime/io.ts): every socket that authenticated with an
   * invite, or with a facilitator's session (by the session's stored hash).
   */
  disconnect: SocketDisconnect;
}

/** How the API reaches open sockets when a link is withdrawn or a session ends. */
export interface SocketDisconnect {
  invite(inviteId: string): void;
  session(sessionHash: string): void;
  /** Every socket of one member of one meeting (e.g. a co-facilitator taken off the case). */
  member(meetingId: string, memberId: string): void;
}

/**
 * Whether a facilitator account may run a case's meetings: its lead (owner) or a facilitator
 * assigned to it. The one rule the REST API and the socket handshake share.
 */
export async function canFacilitateCase(
  repo: Pick<Store, 'caseById' | 'isAssigned'>,
  caseId: string,
  facilitatorId: string,
): Promise<boolean> {
  const c = await repo.caseById(caseId);
  return !!c && (c.owner_id === facilitatorId || (await repo.isAssigned(caseId, facilitatorId)));
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/**
 * The live session for a cookie header, if any: the facilitator and the session's stored hash
 * (sockets opened with it join a channel named after the hash, so signing out can end them).
 */
export async function sessionFromCookie(
  deps: Pick<ApiDeps, 'repo' | 'config' | 'now'>,
  cookieHeader: string | undefined,
): Promise<{ facilitator: FacilitatorRow; sessionHash: string } | undefined> {
  const raw = parseCookies(cookieHeader)[SESSION_COOKIE];
  if (!raw) return undefined;
  const id = verifyToken(deps.config.sessionSecret, 'session', raw);
  if (!id) return undefined;
  const sessionHash = sha256(id);
  const session = await deps.repo.sessionById(sessionHash, deps.now());
  const facilitator = session ? await deps.repo.facilitatorById(session.facilitator_id) : undefined;
  return facilitator ? { facilitator, sessionHash } : undefined;
}

/** The signed-in facilitator for a cookie header, if any. */
export async function facilitatorFromCookie(
  deps: Pick<ApiDeps, 'repo' | 'config' | 'now'>,
  cookieHeader: string | undefined,
) {
  return (await sessionFromCookie(deps, cookieHeader))?.facilitator;
}

/**
 * Whether a browser's Origin header names this site: its host is the Host the request came to, or
 * PUBLIC_URL's host when that is set (behind a proxy that rewrites Host). A browser always sends
 * the target's own Host, so a foreign page cannot make the two match. A malformed Origin, or the
 * `null` a sandboxed frame or a redirect sends, is not this site.
 */
export function sameOrigin(
  origin: string,
  host: string | undefined,
  publicUrl: string | null,
): boolean {
  let originHost: string;
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    originHost = u.host;
  } catch {
    return false;
  }
  return originHost === host || (!!publicUrl && originHost === new URL(publicUrl).host);
}

/**
 * CSRF: state-changing requests must carry our header (a cross-site form cannot set it) and, when
 * the browser sends an Origin, it must be this site (a `null` or malformed one is not).
 */
export function csrfGuard(config: Pick<Config, 'publicUrl'>) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const origin = req.get('origin');
    if (
      !req.get(CSRF_HEADER) ||
      (origin !== undefined && !sameOrigin(origin, req.get('host'), config.publicUrl))
    ) {
      return next(
        new HttpError(
          403,
          'FORBIDDEN',
          'This request was blocked for your safety. Please reload the page.',
        ),
      );
    }
    next();
  };
}

export type InviteCheck =
  | { ok: true; invite: InviteRow }
  | { ok: false; code: 'NOT_FOUND' | 'INVITE_EXPIRED' | 'INVITE_REVOKED'; message: string };

/** An invite link is signed, bound to one person and one meeting, expiring and revocable. */
export async function checkInvite(
  deps: Pick<ApiDeps, 'repo' | 'config' | 'now'>,
  token: string,
): Promise<InviteCheck> {
  const id = verifyToken(deps.config.sessionSecret, 'invite', token);
  const invite = id ? await deps.repo.inviteById(id) : undefined;
  // Facilitator power comes only from a signed-in account: a link for a person recorded with a
  // facilitator role (possible before issue 12) opens nothing.
  const person = invite ? await deps.repo.personById(invite.person_id) : undefined;
  if (!invite || !person || isFacilitatorRole(person.role))
    return {
      ok: false,
      code: 'NOT_FOUND',
      message: 'This link is not valid. Please ask your facilitator for a new one.',
    };
  if (invite.revoked_at)
    return {
      ok: false,
      code: 'INVITE_REVOKED',
      message: 'This link has been withdrawn. Please ask your facilitator for a new one.',
    };
  if (await linkExpired(deps.repo, invite, deps.now()))
    return {
      ok: false,
      code: 'INVITE_EXPIRED',
      message: 'This link has expired. Please ask your facilitator for a new one.',
    };
  return { ok: true, invite };
}

/**
 * Whether a link's time is over. After its meeting has ended the link is the person's follow-up
 * (AGR-5): it then stays valid as long as the case is open, whatever its expiry date (issue 16).
 */
export async function linkExpired(
  repo: Pick<Store, 'meetingById' | 'caseById'>,
  invite: InviteRow,
  now: number,
): Promise<boolean> {
  if (invite.expires_at > now) return false;
  const m = await repo.meetingById(invite.meeting_id);
  if (m?.status !== 'ended') return true;
  return (await repo.caseById(m.caseId))?.closed_at !== null;
}

/** An invite link that opens the meeting, or the HTTP error that says why not. */
export async function requireInvite(deps: Pick<ApiDeps, 'repo' | 'config' | 'now'>, token: string) {
  const check = await checkInvite(deps, token);
  // 404 when it never existed, 410 when it expired or was withdrawn.
  if (!check.ok)
    throw new HttpError(check.code === 'NOT_FOUND' ? 404 : 410, check.code, check.message);
  return check.invite;
}

/** The guards and helpers the routers share, bound to one app's dependencies. */
export function createGuards(deps: ApiDeps) {
  const { repo, config, now } = deps;

  const publicUrl = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
  const cookieSecure = (req: Request) => {
    if (config.cookieSecure !== 'auto') return config.cookieSecure;
    const host = req.hostname;
    return (
      req.secure ||
      !(host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1')
    );
  };

  /** Signs the facilitator in: a new session, stored by its hash, in an httpOnly cookie. */
  const startSession = async (req: Request, res: Response, f: FacilitatorRow) => {
    const id = randomId(24);
    await repo.insertSession(sha256(id), f.id, now(), now() + SESSION_TTL_MS);
    res.cookie(SESSION_COOKIE, signToken(config.sessionSecret, 'session', id), {
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure(req),
      path: '/',
      maxAge: SESSION_TTL_MS,
    });
  };

  const requireFacilitator = async (req: Request): Promise<FacilitatorRow> => {
    const f = await facilitatorFromCookie(deps, req.get('cookie'));
    if (!f) throw new HttpError(401, 'UNAUTHENTICATED', 'Please sign in.');
    return f;
  };

  /** A case the facilitator leads (only the lead changes a case). */
  const ownCase = async (f: FacilitatorRow, caseId: string) => {
    const c = await repo.caseById(caseId);
    if (!c || c.owner_id !== f.id) {
      // An assigned co-facilitator learns why; anyone else learns nothing.
      if (c && (await repo.isAssigned(c.id, f.id))) {
        throw new HttpError(
          403,
          'FORBIDDEN',
          'Only the lead facilitator of this case can do this.',
        );
      }
      throw new HttpError(404, 'NOT_FOUND', 'That case was not found.');
    }
    return c;
  };

  /** A case the facilitator leads or is assigned to (to read it and run its meetings). */
  const facilitatedCase = async (f: FacilitatorRow, caseId: string) => {
    const c = await repo.caseById(caseId);
    if (!c || !(await canFacilitateCase(repo, c.id, f.id)))
      throw new HttpError(404, 'NOT_FOUND', 'That case was not found.');
    return c;
  };

  /** A closed case is read-only. */
  const requireOpenCase = (c: CaseRow) => {
    if (c.closed_at !== null) throw new HttpError(409, 'INVALID_STATE', CASE_CLOSED);
  };

  /** A meeting of a case the facilitator leads. */
  const ownMeeting = async (f: FacilitatorRow, meetingId: string) => {
    const m = await repo.meetingById(meetingId);
    if (!m) throw new HttpError(404, 'NOT_FOUND', 'That meeting was not found.');
    await ownCase(f, m.caseId);
    return m;
  };

  return {
    publicUrl,
    startSession,
    requireFacilitator,
    ownCase,
    facilitatedCase,
    requireOpenCase,
    ownMeeting,
  };
}

export type Guards = ReturnType<typeof createGuards>;
