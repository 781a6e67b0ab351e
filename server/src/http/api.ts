import express, { type Request, type Response, type Router } from 'express';
import { summaryItems } from '../../../shared/room/board/summary';
import type { RoomState } from '../../../shared/room/state';
import {
  ADD_PERSON_BODY,
  CREATE_CASE_BODY,
  CREATE_MEETING_BODY,
  CSRF_HEADER,
  LOGIN_BODY,
  SETUP_BODY,
  type AppConfigDto,
  type CaseDto,
  type CaseSummaryDto,
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
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { RoomRegistry } from '../rooms/RoomRegistry';
import type { Repo, FacilitatorRow, InviteRow } from '../store/repo';
import { HttpError, parseBody, route } from './errors';
import { summaryFor } from './summary';

export const SESSION_COOKIE = 'cg_session';
const SESSION_TTL_MS = 12 * 3600_000;
const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MS = 15 * 60_000;

export interface ApiDeps {
  config: Config;
  repo: Repo;
  rooms: RoomRegistry;
  logger: Logger;
  now: () => number;
  /** One-time set-up secret for the first facilitator (null once someone exists). */
  setup: { token: string | null };
  videoAvailable: boolean;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** The signed-in facilitator for a cookie header, if any. */
export function facilitatorFromCookie(
  deps: Pick<ApiDeps, 'repo' | 'config' | 'now'>,
  cookieHeader: string | undefined,
) {
  const raw = parseCookies(cookieHeader)[SESSION_COOKIE];
  if (!raw) return undefined;
  const id = verifyToken(deps.config.sessionSecret, 'session', raw);
  if (!id) return undefined;
  const session = deps.repo.sessionById(sha256(id), deps.now());
  return session ? deps.repo.facilitatorById(session.facilitator_id) : undefined;
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
  if (!invite)
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
  // when the browser sends an Origin, it must be this site.
  r.use((req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const origin = req.get('origin');
    if (!req.get(CSRF_HEADER) || (origin && new URL(origin).host !== req.get('host'))) {
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

  const ownCase = (f: FacilitatorRow, caseId: string) => {
    const c = repo.caseById(caseId);
    if (!c || c.owner_id !== f.id)
      throw new HttpError(404, 'NOT_FOUND', 'That case was not found.');
    return c;
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

  const caseDto = (req: Request, caseId: string): CaseDto => {
    const c = repo.caseById(caseId)!;
    return {
      id: c.id,
      title: c.title,
      createdAt: c.created_at,
      closedAt: c.closed_at,
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

  const ipFailures = new Map<string, { n: number; until: number }>();
  r.post(
    '/auth/login',
    route(async (req, res) => {
      const body = parseBody(LOGIN_BODY, req.body);
      const ip = req.ip ?? 'unknown';
      const t = now();
      const ipState = ipFailures.get(ip);
      if (ipState && ipState.until > t) {
        throw new HttpError(
          429,
          'RATE_LIMITED',
          'Too many attempts. Please wait a few minutes and try again.',
        );
      }
      const f = repo.facilitatorByEmail(body.email);
      if (f && f.locked_until > t) {
        throw new HttpError(
          429,
          'RATE_LIMITED',
          'Too many attempts. Please wait a few minutes and try again.',
        );
      }
      const ok = f
        ? await verifyPassword(body.password, f.password_hash)
        : (await hashPassword(body.password), false);
      if (!f || !ok) {
        if (f) {
          const n = f.failed_logins + 1;
          repo.setLoginFailures(
            f.id,
            n >= MAX_FAILED_LOGINS ? 0 : n,
            n >= MAX_FAILED_LOGINS ? t + LOCKOUT_MS : 0,
          );
        }
        const s = ipFailures.get(ip) ?? { n: 0, until: 0 };
        s.n += 1;
        if (s.n >= MAX_FAILED_LOGINS * 4) {
          s.until = t + LOCKOUT_MS;
          s.n = 0;
        }
        ipFailures.set(ip, s);
        logger.info('auth.failed');
        throw new HttpError(401, 'UNAUTHENTICATED', 'That email and password do not match.');
      }
      repo.setLoginFailures(f.id, 0, 0);
      startSession(req, res, f);
      res.json({ id: f.id, email: f.email, name: f.name });
    }),
  );

  r.post(
    '/auth/logout',
    route((req, res) => {
      const raw = parseCookies(req.get('cookie'))[SESSION_COOKIE];
      const id = raw ? verifyToken(config.sessionSecret, 'session', raw) : null;
      if (id) repo.deleteSession(sha256(id));
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
      const out: CaseSummaryDto[] = repo.casesByOwner(f.id).map((c) => ({
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
      res.status(201).json(caseDto(req, id));
    }),
  );

  r.get(
    '/cases/:caseId',
    route((req, res) => {
      const f = requireFacilitator(req);
      ownCase(f, String(req.params.caseId));
      res.json(caseDto(req, String(req.params.caseId)));
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
      res.json(caseDto(req, c.id));
    }),
  );

  r.post(
    '/cases/:caseId/people',
    route(async (req, res) => {
      const f = requireFacilitator(req);
      const c = ownCase(f, String(req.params.caseId));
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
      const m = ownMeeting(f, String(req.params.meetingId));
      res.setHeader('Cache-Control', 'no-store');
      res.json(summaryOr409(m.title, m.id, f.id));
    }),
  );

  r.use((_req, _res, next) => next(new HttpError(404, 'NOT_FOUND', 'Not found.')));
  return r;
}
