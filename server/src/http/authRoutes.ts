import express, { type Response, type Router } from 'express';
import {
  COLLEAGUE_SETUP_BODY,
  LOGIN_BODY,
  SETUP_BODY,
  type AccountInviteDto,
  type FacilitatorDto,
  type SessionDto,
} from '../../../shared/protocol/http';
import { hashPassword, randomId, sha256, verifyPassword, verifyToken } from '../auth/crypto';
import { LoginThrottle } from '../auth/loginThrottle';
import type { Dtos } from './dtos';
import { HttpError, parseBody, route } from './errors';
import {
  ACCOUNT_INVITE_TTL_MS,
  facilitatorFromCookie,
  parseCookies,
  SESSION_COOKIE,
  type ApiDeps,
  type Guards,
} from './guards';

/**
 * Facilitator accounts: the first account's set-up, colleagues' one-time set-up links, signing in
 * and out, and who is signed in.
 */
export function createAuthRouter(deps: ApiDeps, guards: Guards, dtos: Dtos): Router {
  const { repo, config, logger, now } = deps;
  const { startSession, requireFacilitator, publicUrl } = guards;
  const r = express.Router();

  r.post(
    '/setup',
    route(async (req, res) => {
      const body = parseBody(SETUP_BODY, req.body);
      const expected = deps.setup.token;
      if (
        !expected ||
        (await repo.facilitatorCount()) > 0 ||
        sha256(body.token) !== sha256(expected)
      ) {
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
      await repo.insertFacilitator(f);
      deps.setup.token = null;
      logger.info('facilitator.created');
      await startSession(req, res, (await repo.facilitatorById(f.id))!);
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
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const token = randomId(24);
      const expiresAt = now() + ACCOUNT_INVITE_TTL_MS;
      await repo.insertAccountInvite(sha256(token), f.id, now(), expiresAt);
      await repo.audit(null, now(), 'account_invite.created', f.id, 'facilitator');
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
      if (await repo.facilitatorByEmail(body.email)) throw emailTaken();
      const f = {
        id: randomId(),
        email: body.email,
        name: body.name,
        passwordHash: await hashPassword(body.password),
        now: now(),
      };
      // Checked again after the await: the link is spent and the account created in one
      // transaction, so two uses at once create one account.
      if (await repo.facilitatorByEmail(body.email)) throw emailTaken();
      if (!(await repo.redeemAccountInvite(sha256(body.token), f))) throw unusable();
      await repo.audit(null, now(), 'facilitator.created', f.id, 'facilitator');
      logger.info('facilitator.created');
      await startSession(req, res, (await repo.facilitatorById(f.id))!);
      res.status(201).json({ id: f.id, email: f.email, name: f.name });
    }),
  );

  /** Facilitator accounts a lead may assign to a case (names and emails only). */
  r.get(
    '/facilitators',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const out: FacilitatorDto[] = (await repo.allFacilitators())
        .filter((x) => x.id !== f.id)
        .map(dtos.facilitatorDto);
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
      const f = await repo.facilitatorByEmail(body.email);
      // An unknown email costs the same hash as a known one, so timing does not tell them apart.
      const ok = f
        ? await verifyPassword(body.password, f.password_hash)
        : (await hashPassword(body.password), false);
      if (!f || !ok) {
        logger.info('auth.failed');
        throw new HttpError(401, 'UNAUTHENTICATED', 'That email and password do not match.');
      }
      await throttle.succeeded(body.email, ip);
      await startSession(req, res, f);
      res.json({ id: f.id, email: f.email, name: f.name });
    }),
  );

  r.post(
    '/auth/logout',
    route(async (req, res) => {
      const raw = parseCookies(req.get('cookie'))[SESSION_COOKIE];
      const id = raw ? verifyToken(config.sessionSecret, 'session', raw) : null;
      if (id) {
        // The session ends everywhere at once: its open room connections too.
        await repo.deleteSession(sha256(id));
        deps.disconnect.session(sha256(id));
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    }),
  );

  r.get(
    '/auth/me',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      res.json({ id: f.id, email: f.email, name: f.name });
    }),
  );

  /**
   * Who is signed in, if anyone: 200 either way. The sign-in page asks this on load; a 401 there
   * (as `/auth/me` answers when signed out) would be logged by the browser as a console error on
   * every visit, although being signed out is the normal case on that page.
   */
  r.get(
    '/auth/session',
    route(async (req, res) => {
      const f = await facilitatorFromCookie(deps, req.get('cookie'));
      const body: SessionDto = {
        facilitator: f ? { id: f.id, email: f.email, name: f.name } : null,
      };
      res.setHeader('Cache-Control', 'no-store');
      res.json(body);
    }),
  );

  return r;
}
