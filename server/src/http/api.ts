import express, { type Request, type Response, type Router } from 'express';
import { summaryItems } from '../../../shared/room/board/summary';
import { isFacilitatorRole } from '../../../shared/room/roles';
import type { RoomState } from '../../../shared/room/state';
import {
  ADD_PERSON_BODY,
  ASSIGN_FACILITATOR_BODY,
  COLLEAGUE_SETUP_BODY,
  CREATE_CASE_BODY,
  CREATE_MEETING_BODY,
  CSRF_HEADER,
  HANDOVER_BODY,
  LOGIN_BODY,
  SETUP_BODY,
  type AccountInviteDto,
  type AppConfigDto,
  type CaseDto,
  type CaseSummaryDto,
  type FacilitatorDto,
  type InviteDto,
  type InviteInfoDto,
} from '../../../shared/protocol/http';
import {
  hashPassword,
  randomId,
  sha256,
  signToken,
  verifyPassword,
  verifyToken,
} from '../auth/crypto';
import { LoginThrottle } from '../auth/loginThrottle';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import type { Repo, CaseRow, FacilitatorRow, InviteRow } from '../store/repo';
import { HttpError, parseBody, route } from './errors';
import { summaryFor } from './summary';

export const SESSION_COOKIE = 'cg_session';
/** A facilitator's session lasts twelve hours; the socket sweep ends its sockets after that. */
export const SESSION_TTL_MS = 12 * 3600_000;
/** A colleague's one-time account set-up link lasts a week. */
export const ACCOUNT_INVITE_TTL_MS = 7 * 24 * 3600_000;
const CASE_CLOSED = 'This case is closed, so nothing can be added to it.';

/**
 * Whether a facilitator account may run a case's meetings: its lead (owner) or a facilitator
 * assigned to it. The one rule the REST API and the socket handshake share.
 */
export function canFacilitateCase(
  repo: Pick<Repo, 'caseById' | 'isAssigned'>,
  caseId: string,
  facilitatorId: string,
): boolean {
  const c = repo.caseById(caseId);
  return !!c && (c.owner_id === facilitatorId || repo.isAssigned(caseId, facilitatorId));
}

export interface ApiDeps {
  config: Config;
  repo: Repo;
  rooms: RoomRegistry;
  logger: Logger;
  now: () => number;
  /** One-time set-up secret for the first facilitator (null once someone exists). */
  setup: { token: string | null };
  videoAvailable: boolean;
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
export function sessionFromCookie(
  deps: Pick<ApiDeps, 'repo' | 'config' | 'now'>,
  cookieHeader: string | undefined,
): { facilitator: FacilitatorRow; sessionHash: string } | undefined {
  const raw = parseCookies(cookieHeader)[SESSION_COOKIE];
  if (!raw) return undefined;
  const id = verifyToken(deps.config.sessionSecret, 'session', raw);
  if (!id) return undefined;
  const sessionHash = sha256(id);
  const session = deps.repo.sessionById(sessionHash, deps.now());
  const facilitator = session ? deps.repo.facilitatorById(session.facilitator_id) : undefined;
  return facilitator ? { facilitator, sessionHash } : undefined;
}

/** The signed-in facilitator for a cookie header, if any. */
export function facilitatorFromCookie(
  deps: Pick<ApiDeps, 'repo' | 'config' | 'now'>,
  cookieHeader: string | undefined,
) {
  return sessionFromCookie(deps, cookieHeader)?.facilitator;
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

export type InviteCheck =
  | { ok: true; invite: InviteRow }
  | { ok: false; code: 'NOT_FOUND' | 'INVITE_EXPIRED' | 'INVITE_REVOKED'; message: string };

/** An invite link is signed, bound to one person and one meeting, expiring and revocable. */
export function checkInvite(
  deps: Pick<ApiDeps, 'repo' | 'config' | 'now'>,
  token: string,
): InviteCheck {
  const id = verifyToken(deps.config.sessionSecret, 'invite', token);
  const invite = id ? deps.repo.inviteById(id) : undefined;
  // Facilitator power comes only from a signed-in account: a link for a person recorded with a
  // facilitator role (possible before issue 12) opens nothing.
  const person = invite ? deps.repo.personById(invite.person_id) : undefined;
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
  if (invite.expires_at <= deps.now())
    return {
      ok: false,
      code: 'INVITE_EXPIRED',
      message: 'This link has expired. Please ask your facilitator for a new one.',
    };
  return { ok: true, invite };
}

/** Agreed items past their due date and neither done nor marked not possible. */
export function overdueItems(states: RoomState[], now: number): number {
  const today = new Date(now).toISOString().slice(0, 10);
  return states.reduce(
    (n, s) =>
      n +
      (s.board.finalisedAt === null
        ? 0
        : summaryItems(s).filter(
            (i) =>
              i.fields.dueDate !== null &&
              i.fields.dueDate < today &&
              i.followUp.status !== 'done' &&
              i.followUp.status !== 'not_possible',
          ).length),
    0,
  );
}

/** An unusable invite link: 404 when it never existed, 410 when it expired or was withdrawn. */
function inviteHttpError(check: Extract<InviteCheck, { ok: false }>): HttpError {
  return new HttpError(check.code === 'NOT_FOUND' ? 404 : 410, check.code, check.message);
}

export function createApiRouter(deps: ApiDeps): Router {
  const { repo, config, logger, now } = deps;
  const r = express.Router();
  r.use(express.json({ limit: '32kb' }));

  // CSRF: state-changing requests must carry our header (a cross-site form cannot set it) and,
  // when the browser sends an Origin, it must be this site (a `null` or malformed one is not).
  r.use((req, _res, next) => {
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
  });

  const publicUrl = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
  const cookieSecure = (req: Request) => {
    if (config.cookieSecure !== 'auto') return config.cookieSecure;
    const host = req.hostname;
    return (
      req.secure ||
      !(host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1')
    );
  };

  const startSession = (req: Request, res: Response, f: FacilitatorRow) => {
    const id = randomId(24);
    repo.insertSession(sha256(id), f.id, now(), now() + SESSION_TTL_MS);
    res.cookie(SESSION_COOKIE, signToken(config.sessionSecret, 'session', id), {
      httpOnly: true,
      sameSite: 'strict',
      secure: cookieSecure(req),
      path: '/',
      maxAge: SESSION_TTL_MS,
    });
  };

  const requireFacilitator = (req: Request): FacilitatorRow => {
    const f = facilitatorFromCookie(deps, req.get('cookie'));
    if (!f) throw new HttpError(401, 'UNAUTHENTICATED', 'Please sign in.');
    return f;
  };

  /** A case the facilitator leads (only the lead changes a case). */
  const ownCase = (f: FacilitatorRow, caseId: string) => {
    const c = repo.caseById(caseId);
    if (!c || c.owner_id !== f.id) {
      // An assigned co-facilitator learns why; anyone else learns nothing.
      if (c && repo.isAssigned(c.id, f.id)) {
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
  const facilitatedCase = (f: FacilitatorRow, caseId: string) => {
    const c = repo.caseById(caseId);
    if (!c || !canFacilitateCase(repo, c.id, f.id))
      throw new HttpError(404, 'NOT_FOUND', 'That case was not found.');
    return c;
  };

  /** A closed case is read-only. */
  const requireOpenCase = (c: CaseRow) => {
    if (c.closed_at !== null) throw new HttpError(409, 'INVALID_STATE', CASE_CLOSED);
  };

  const ownMeeting = (f: FacilitatorRow, meetingId: string) => {
    const m = repo.meetingById(meetingId);
    if (!m) throw new HttpError(404, 'NOT_FOUND', 'That meeting was not found.');
    ownCase(f, m.caseId);
    return m;
  };

  const inviteDto = (req: Request, i: InviteRow): InviteDto => ({
    id: i.id,
    personId: i.person_id,
    meetingId: i.meeting_id,
    url: `${publicUrl(req)}/j/${signToken(config.sessionSecret, 'invite', i.id)}`,
    expiresAt: i.expires_at,
    revokedAt: i.revoked_at,
  });

  const facilitatorDto = (f: FacilitatorDto): FacilitatorDto => ({
    id: f.id,
    email: f.email,
    name: f.name,
  });

  const caseDto = (req: Request, caseId: string, viewer: FacilitatorRow): CaseDto => {
    const c = repo.caseById(caseId)!;
    return {
      id: c.id,
      title: c.title,
      createdAt: c.created_at,
      closedAt: c.closed_at,
      lead: facilitatorDto(repo.facilitatorById(c.owner_id)!),
      facilitators: repo.facilitatorsByCase(c.id).map(facilitatorDto),
      viewerIsLead: c.owner_id === viewer.id,
      people: repo.peopleByCase(c.id),
      meetings: repo.meetingsByCase(c.id),
      invites: repo.invitesByCase(c.id).map((i) => inviteDto(req, i)),
    };
  };

  r.get(
    '/config',
    route((_req, res) => {
      const body: AppConfigDto = {
        videoAvailable: deps.videoAvailable,
        videoHelp: deps.videoAvailable ? null : config.livekitHelp,
        needsSetup: repo.facilitatorCount() === 0,
      };
      res.json(body);
    }),
  );

  // ---- facilitator accounts ----------------------------------------------------------------
  r.post(
    '/setup',
    route(async (req, res) => {
      const body = parseBody(SETUP_BODY, req.body);
      const expected = deps.setup.token;
      if (!expected || repo.facilitatorCount() > 0 || sha256(body.token) !== sha256(expected)) {
        throw new HttpError(
          403,
          'FORBIDDEN',
          'This set-up link has already been used or is not valid.',
        );
      }
      const f = {
        id: randomId(),
        email: body.email,
        name: body.name,
        passwordHash: await hashPassword(body.password),
        now: now(),
      };
      repo.insertFacilitator(f);
      deps.setup.token = null;
      logger.info('facilitator.created');
      startSession(req, res, repo.facilitatorById(f.id)!);
      res.status(201).json({ id: f.id, email: f.email, name: f.name });
    }),
  );

  /**
   * A colleague's one-time account set-up link. Any signed-in facilitator may create one (a small
   * team of trained facilitators vouches for its own; kept simple on purpose). Only the token's
   * hash is stored; the link expires after a week and works once.
   */
  r.post(
    '/account-invites',
    route((req, res) => {
      const f = requireFacilitator(req);
      const token = randomId(24);
      const expiresAt = now() + ACCOUNT_INVITE_TTL_MS;
      repo.insertAccountInvite(sha256(token), f.id, now(), expiresAt);
      repo.audit(null, now(), 'account_invite.created', f.id, 'facilitator');
      const body: AccountInviteDto = {
        url: `${publicUrl(req)}/setup/colleague#token=${encodeURIComponent(token)}`,
        expiresAt,
      };
      res.status(201).json(body);
    }),
  );

  r.post(
    '/setup/colleague',
    route(async (req, res) => {
      const body = parseBody(COLLEAGUE_SETUP_BODY, req.body);
      const unusable = () =>
        new HttpError(
          403,
          'FORBIDDEN',
          'This set-up link has already been used, has expired or is not valid. Please ask your colleague for a new one.',
        );
      const emailTaken = () =>
        new HttpError(
          409,
          'CONFLICT',
          'There is already an account with that email. Please sign in instead.',
        );
      if (repo.facilitatorByEmail(body.email)) throw emailTaken();
      const f = {
        id: randomId(),
        email: body.email,
        name: body.name,
        passwordHash: await hashPassword(body.password),
        now: now(),
      };
      // Checked again after the await: the link is spent and the account created in one
      // transaction, so two uses at once create one account.
      if (repo.facilitatorByEmail(body.email)) throw emailTaken();
      if (!repo.redeemAccountInvite(sha256(body.token), f)) throw unusable();
      repo.audit(null, now(), 'facilitator.created', f.id, 'facilitator');
      logger.info('facilitator.created');
      startSession(req, res, repo.facilitatorById(f.id)!);
      res.status(201).json({ id: f.id, email: f.email, name: f.name });
    }),
  );

  /** Facilitator accounts a lead may assign to a case (names and emails only). */
  r.get(
    '/facilitators',
    route((req, res) => {
      const f = requireFacilitator(req);
      const out: FacilitatorDto[] = repo
        .allFacilitators()
        .filter((x) => x.id !== f.id)
        .map(facilitatorDto);
      res.json(out);
    }),
  );

  const throttle = new LoginThrottle(config.login);
  const tooMany = (res: Response, retryAfterMs: number) => {
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    return new HttpError(
      429,
      'RATE_LIMITED',
      'Too many attempts. Please wait a few minutes and try again.',
    );
  };
  r.post(
    '/auth/login',
    route(async (req, res) => {
      const body = parseBody(LOGIN_BODY, req.body);
      const ip = req.ip ?? 'unknown';
      // The attempt is counted before the password is checked (see LoginThrottle).
      const ticket = await throttle.take(body.email, ip);
      if (!ticket.ok) {
        logger.info('auth.throttled');
        throw tooMany(res, ticket.retryAfterMs);
      }
      const f = repo.facilitatorByEmail(body.email);
      // An unknown email costs the same hash as a known one, so timing does not tell them apart.
      const ok = f
        ? await verifyPassword(body.password, f.password_hash)
        : (await hashPassword(body.password), false);
      if (!f || !ok) {
        logger.info('auth.failed');
        throw new HttpError(401, 'UNAUTHENTICATED', 'That email and password do not match.');
      }
      await throttle.succeeded(body.email, ip);
      startSession(req, res, f);
      res.json({ id: f.id, email: f.email, name: f.name });
    }),
  );

  r.post(
    '/auth/logout',
    route((req, res) => {
      const raw = parseCookies(req.get('cookie'))[SESSION_COOKIE];
      const id = raw ? verifyToken(config.sessionSecret, 'session', raw) : null;
      if (id) {
        // The session ends everywhere at once: its open room connections too.
        repo.deleteSession(sha256(id));
        deps.disconnect.session(sha256(id));
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    }),
  );

  r.get(
    '/auth/me',
    route((req, res) => {
      const f = requireFacilitator(req);
      res.json({ id: f.id, email: f.email, name: f.name });
    }),
  );

  // ---- cases, people, meetings, invites -------------------------------------------------------
  r.get(
    '/cases',
    route((req, res) => {
      const f = requireFacilitator(req);
      const out: CaseSummaryDto[] = repo.casesForFacilitator(f.id).map((c) => ({
        id: c.id,
        title: c.title,
        createdAt: c.created_at,
        closedAt: c.closed_at,
        people: repo.peopleByCase(c.id).length,
        meetings: repo.meetingsByCase(c.id).length,
        overdueItems: overdueItems(repo.snapshotsByCase(c.id), now()),
      }));
      res.json(out);
    }),
  );

  r.post(
    '/cases',
    route((req, res) => {
      const f = requireFacilitator(req);
      const body = parseBody(CREATE_CASE_BODY, req.body);
      const id = randomId();
      repo.insertCase(id, f.id, body.title, now());
      repo.audit(null, now(), 'case.created', f.id, 'facilitator');
      res.status(201).json(caseDto(req, id, f));
    }),
  );

  r.get(
    '/cases/:caseId',
    route((req, res) => {
      const f = requireFacilitator(req);
      const c = facilitatedCase(f, String(req.params.caseId));
      res.json(caseDto(req, c.id, f));
    }),
  );

  r.post(
    '/cases/:caseId/close',
    route((req, res) => {
      const f = requireFacilitator(req);
      const c = ownCase(f, String(req.params.caseId));
      if (repo.meetingsByCase(c.id).some((m) => m.status === 'live')) {
        throw new HttpError(409, 'INVALID_STATE', 'End the meeting that is still running first.');
      }
      if (!c.closed_at) repo.closeCase(c.id, now());
      repo.audit(null, now(), 'case.closed', f.id, 'facilitator');
      res.json(caseDto(req, c.id, f));
    }),
  );

  // ---- co-facilitators: assignment and hand-over (lead only) ---------------------------------
  /**
   * Seats an assigned facilitator as a co-facilitator in every meeting of the case that has not
   * ended (a co-facilitator removed from a meeting earlier comes back in as invited).
   */
  const seatInOpenMeetings = async (caseId: string, target: FacilitatorDto) => {
    for (const m of repo.meetingsByCase(caseId)) {
      if (m.status === 'ended') continue;
      const actor = deps.rooms.get(m.id);
      const seat = actor?.state.members[target.id];
      if (!actor || (seat && seat.status !== 'removed')) continue;
      await actor.dispatch({
        type: 'system.addMember',
        member: { id: target.id, name: target.name, role: 'cofacilitator', party: 'facilitation' },
      });
    }
  };

  r.post(
    '/cases/:caseId/facilitators',
    route(async (req, res) => {
      const f = requireFacilitator(req);
      const c = ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(ASSIGN_FACILITATOR_BODY, req.body);
      const target =
        'email' in body
          ? repo.facilitatorByEmail(body.email)
          : repo.facilitatorById(body.facilitatorId);
      if (!target) {
        throw new HttpError(
          404,
          'NOT_FOUND',
          'No facilitator account was found. Send your colleague a set-up link first.',
        );
      }
      if (target.id === c.owner_id) {
        throw new HttpError(409, 'CONFLICT', 'You already lead this case.');
      }
      repo.assignFacilitator(c.id, target.id, now());
      repo.audit(null, now(), 'case.facilitator_assigned', f.id, 'facilitator');
      await seatInOpenMeetings(c.id, target);
      res.status(201).json(caseDto(req, c.id, f));
    }),
  );

  /** Takes a co-facilitator off the case: out of its list and out of every open meeting. */
  r.post(
    '/cases/:caseId/facilitators/:facilitatorId/unassign',
    route(async (req, res) => {
      const f = requireFacilitator(req);
      const c = ownCase(f, String(req.params.caseId));
      const targetId = String(req.params.facilitatorId);
      if (!repo.isAssigned(c.id, targetId)) {
        throw new HttpError(404, 'NOT_FOUND', 'That facilitator is not assigned to this case.');
      }
      repo.unassignFacilitator(c.id, targetId);
      repo.audit(null, now(), 'case.facilitator_unassigned', f.id, 'facilitator');
      for (const m of repo.meetingsByCase(c.id)) {
        if (m.status === 'ended') continue;
        const actor = deps.rooms.get(m.id);
        const seat = actor?.state.members[targetId];
        if (!actor || !seat || seat.status === 'removed') continue;
        await actor.dispatch({ type: 'system.removeFacilitator', memberId: targetId });
      }
      res.json(caseDto(req, c.id, f));
    }),
  );

  r.post(
    '/cases/:caseId/handover',
    route(async (req, res) => {
      const f = requireFacilitator(req);
      const c = ownCase(f, String(req.params.caseId));
      const body = parseBody(HANDOVER_BODY, req.body);
      if (!repo.isAssigned(c.id, body.facilitatorId)) {
        throw new HttpError(
          404,
          'NOT_FOUND',
          'That facilitator is not assigned to this case. Assign them first.',
        );
      }
      // Every open meeting's state exists before the owner changes, so each one swaps the two
      // roles exactly once (the old lead stays, as a co-facilitator).
      await seatInOpenMeetings(c.id, repo.facilitatorById(body.facilitatorId)!);
      const actors = repo
        .meetingsByCase(c.id)
        .filter((m) => m.status !== 'ended')
        .map((m) => deps.rooms.get(m.id));
      repo.handOverCase(c.id, f.id, body.facilitatorId, now());
      repo.audit(null, now(), 'case.handed_over', f.id, 'facilitator');
      for (const actor of actors) {
        const ack = await actor?.dispatch({
          type: 'system.handOver',
          fromId: f.id,
          toId: body.facilitatorId,
        });
        if (ack && !ack.ok) {
          logger.warn('case.handover.room_refused', {
            meetingId: actor!.state.meetingId,
            code: ack.error.code,
          });
        }
      }
      res.json(caseDto(req, c.id, f));
    }),
  );

  r.post(
    '/cases/:caseId/people',
    route(async (req, res) => {
      const f = requireFacilitator(req);
      const c = ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(ADD_PERSON_BODY, req.body);
      const id = randomId();
      repo.insertPerson({
        id,
        caseId: c.id,
        displayName: body.displayName,
        party: body.party,
        role: body.role,
        now: now(),
      });
      // Meetings already open learn about the new person too.
      for (const m of repo.meetingsByCase(c.id)) {
        if (m.status === 'ended') continue;
        await deps.rooms.get(m.id)?.dispatch({
          type: 'system.addMember',
          member: { id, name: body.displayName, role: body.role, party: body.party },
        });
      }
      res
        .status(201)
        .json({ id, displayName: body.displayName, party: body.party, role: body.role });
    }),
  );

  r.post(
    '/cases/:caseId/meetings',
    route((req, res) => {
      const f = requireFacilitator(req);
      const c = ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(CREATE_MEETING_BODY, req.body);
      const id = randomId();
      repo.insertMeeting({
        id,
        caseId: c.id,
        title: body.title,
        floorMode: body.floorMode,
        now: now(),
      });
      deps.rooms.get(id);
      repo.audit(id, now(), 'meeting.created', f.id, 'facilitator');
      res.status(201).json(repo.meetingsByCase(c.id).find((m) => m.id === id));
    }),
  );

  r.post(
    '/meetings/:meetingId/invites/:personId',
    route((req, res) => {
      const f = requireFacilitator(req);
      const m = ownMeeting(f, String(req.params.meetingId));
      requireOpenCase(repo.caseById(m.caseId)!);
      const person = repo.personById(String(req.params.personId));
      if (!person || person.caseId !== m.caseId)
        throw new HttpError(404, 'NOT_FOUND', 'That person is not part of this case.');
      const id = randomId(18);
      repo.insertInvite({
        id,
        meetingId: m.id,
        personId: person.id,
        now: now(),
        expiresAt: now() + config.inviteTtlMs,
      });
      repo.audit(m.id, now(), 'invite.created', f.id, 'facilitator');
      // One live link per person and meeting: a new one withdraws the older ones, and whoever is
      // connected with an older one is disconnected (they come back with the new link).
      for (const old of repo.revokeOtherInvites(m.id, person.id, id, now())) {
        repo.audit(m.id, now(), 'invite.revoked', f.id, 'facilitator');
        deps.disconnect.invite(old);
      }
      res.status(201).json(inviteDto(req, repo.inviteById(id)!));
    }),
  );

  r.post(
    '/invites/:inviteId/revoke',
    route((req, res) => {
      const f = requireFacilitator(req);
      const invite = repo.inviteById(String(req.params.inviteId));
      if (!invite) throw new HttpError(404, 'NOT_FOUND', 'That link was not found.');
      ownMeeting(f, invite.meeting_id);
      repo.revokeInvite(invite.id, now());
      repo.audit(invite.meeting_id, now(), 'invite.revoked', f.id, 'facilitator');
      // Withdrawn means gone now: every socket opened with this link is closed at once.
      deps.disconnect.invite(invite.id);
      res.json(inviteDto(req, repo.inviteById(invite.id)!));
    }),
  );

  r.get(
    '/invite/:token',
    route((req, res) => {
      const check = checkInvite(deps, String(req.params.token));
      if (!check.ok) throw inviteHttpError(check);
      const m = repo.meetingById(check.invite.meeting_id)!;
      const person = repo.personById(check.invite.person_id)!;
      const owner = repo.facilitatorById(repo.caseById(m.caseId)!.owner_id)!;
      const body: InviteInfoDto = {
        meetingId: m.id,
        meetingTitle: m.title,
        person: {
          id: person.id,
          displayName: person.displayName,
          party: person.party,
          role: person.role,
        },
        invitedBy: owner.name,
        meetingStatus: m.status,
      };
      res.json(body);
    }),
  );

  // ---- summary and follow-up ---------------------------------------------------------------
  const summaryOr409 = (title: string, meetingId: string, memberId: string) => {
    const actor = deps.rooms.get(meetingId);
    const viewer = actor?.state.members[memberId];
    if (!actor || !viewer) throw new HttpError(404, 'NOT_FOUND', 'That meeting was not found.');
    const summary = summaryFor(title, actor.state, viewer);
    if (!summary) {
      throw new HttpError(
        409,
        'INVALID_STATE',
        'The summary opens once the board is final and every party has agreed to it.',
      );
    }
    return summary;
  };

  r.get(
    '/summary/:token',
    route((req, res) => {
      const check = checkInvite(deps, String(req.params.token));
      if (!check.ok) throw inviteHttpError(check);
      const m = repo.meetingById(check.invite.meeting_id)!;
      const member = deps.rooms.get(m.id)?.state.members[check.invite.person_id];
      if (!member || member.status === 'denied' || member.status === 'removed') {
        throw new HttpError(403, 'FORBIDDEN', 'This summary is not available to you.');
      }
      res.setHeader('Cache-Control', 'no-store');
      res.json(summaryOr409(m.title, m.id, member.id));
    }),
  );

  r.get(
    '/meetings/:meetingId/summary',
    route((req, res) => {
      const f = requireFacilitator(req);
      const m = repo.meetingById(String(req.params.meetingId));
      if (!m || !canFacilitateCase(repo, m.caseId, f.id))
        throw new HttpError(404, 'NOT_FOUND', 'That meeting was not found.');
      res.setHeader('Cache-Control', 'no-store');
      res.json(summaryOr409(m.title, m.id, f.id));
    }),
  );

  r.use((_req, _res, next) => next(new HttpError(404, 'NOT_FOUND', 'Not found.')));
  return r;
}
