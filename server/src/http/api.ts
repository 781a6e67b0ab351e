import express, { type Router } from 'express';
import type { AppConfigDto } from '../../../shared/protocol/http';
import { createAuthRouter } from './authRoutes';
import { createCaseRouter } from './caseRoutes';
import { createDtos } from './dtos';
import { HttpError, route } from './errors';
import { createGuards, csrfGuard, type ApiDeps } from './guards';
import { createFeedbackRouter } from './feedbackRoutes';
import { createFollowUpRouter } from './followupRoutes';
import { createMeetingRouter } from './meetingRoutes';
import { createNotifyRouter } from './notifyRoutes';
import { createPracticeRooms } from '../livekit/practiceRooms';
import { closingPractice, createPracticeRouter } from './practiceRoutes';
import { createRelayRouter } from './relayRoutes';
import { createSummaryRouter } from './summaryRoutes';
import { createPrepRouter } from './prepRoutes';
import { createConsentRouter } from './consentRoutes';
import { createTimingRouter } from './timingRoutes';

// What other modules (the sockets, tests) use of the API, from where it is defined.
export {
  ACCOUNT_INVITE_TTL_MS,
  canFacilitateCase,
  checkInvite,
  facilitatorFromCookie,
  linkExpired,
  parseCookies,
  sameOrigin,
  sessionFromCookie,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type ApiDeps,
  type InviteCheck,
  type SocketDisconnect,
} from './guards';
export { overdueItems } from './caseRoutes';

/**
 * The REST API under /api: JSON bodies, the CSRF and Origin check on every state-changing request,
 * then one router per resource (guards.ts holds what they share), then a JSON 404.
 */
export function createApiRouter(apiDeps: ApiDeps): Router {
  // Practice rooms belong to links: a link withdrawn loses its room too (practiceRoutes.ts).
  const practice = apiDeps.livekit ? createPracticeRooms(apiDeps.livekit, apiDeps.now) : null;
  const deps = closingPractice(apiDeps, practice);
  const r = express.Router();
  r.use(express.json({ limit: '32kb' }));
  r.use(csrfGuard(deps.config));
  // No answer of the API belongs in a cache: a case carries its people's links, a link's pages
  // its written exchange; a shared computer's browser cache would keep them on its disk.
  r.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const guards = createGuards(deps);
  const dtos = createDtos(deps, guards);

  r.get(
    '/config',
    route(async (_req, res) => {
      const body: AppConfigDto = {
        videoAvailable: deps.videoAvailable,
        videoHelp: deps.videoAvailable ? null : deps.config.livekitHelp,
        needsSetup: (await deps.repo.facilitatorCount()) === 0,
      };
      res.json(body);
    }),
  );
  r.use(createAuthRouter(deps, guards, dtos));
  r.use(createCaseRouter(deps, guards, dtos));
  r.use(createMeetingRouter(deps, guards, dtos));
  r.use(createSummaryRouter(deps, guards));
  r.use(createPrepRouter(deps, guards));
  r.use(createConsentRouter(deps));
  r.use(createTimingRouter(deps, guards));
  r.use(createPracticeRouter(deps, practice));
  r.use(createFollowUpRouter(deps, guards));
  r.use(createRelayRouter(deps, guards));
  r.use(createNotifyRouter(deps, guards));
  r.use(createFeedbackRouter(deps, guards));

  r.use((_req, _res, next) => next(new HttpError(404, 'NOT_FOUND', 'Not found.')));
  return r;
}
