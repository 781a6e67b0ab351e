import express, { type Router } from 'express';
import type { PracticeGrantDto } from '../../../shared/protocol/around';
import type { PracticeRooms } from '../livekit/practiceRooms';
import { HttpError, route } from './errors';
import { requireInvite, type ApiDeps } from './guards';

/**
 * The API's dependencies where withdrawing a link (or replacing it, or taking its person off the
 * meeting) also closes the practice room it opened: its call is dropped at the SFU at once.
 */
export function closingPractice(deps: ApiDeps, rooms: PracticeRooms | null): ApiDeps {
  if (!rooms) return deps;
  const { disconnect, logger } = deps;
  return {
    ...deps,
    disconnect: {
      ...disconnect,
      invite: (inviteId) => {
        disconnect.invite(inviteId);
        rooms
          .close(inviteId)
          .catch(() => logger.warn('practice.close.failed', { code: 'INTERNAL' }));
      },
    },
  };
}

/**
 * A person's private practice room, opened from their own link before the meeting (PRE-9). The
 * link is the only credential; the room is named and created by the server (practiceRooms.ts).
 * Someone turned away at the lobby or removed from the meeting gets none.
 */
export function createPracticeRouter(deps: ApiDeps, rooms: PracticeRooms | null): Router {
  const { repo, now } = deps;
  const r = express.Router();

  const usableLink = async (token: string) => {
    const invite = await requireInvite(deps, token);
    const m = await repo.meetingById(invite.meeting_id);
    if (!m || m.status === 'ended')
      throw new HttpError(409, 'INVALID_STATE', 'The meeting is over, so practice is closed.');
    if (!rooms) throw new HttpError(409, 'INVALID_STATE', 'Video is not available on this server.');
    return { invite, rooms };
  };

  r.post(
    '/invite/:token/practice',
    route(async (req, res) => {
      const { invite, rooms } = await usableLink(String(req.params.token));
      const member = (await deps.rooms.handle(invite.meeting_id))?.state.members[invite.person_id];
      if (!member || member.status === 'denied' || member.status === 'removed')
        throw new HttpError(403, 'FORBIDDEN', 'You cannot join this meeting.');
      const person = (await repo.personById(invite.person_id))!;
      const grant = await rooms.open(invite.id, person.displayName);
      if (grant === 'full')
        throw new HttpError(
          429,
          'RATE_LIMITED',
          'Many people are practising right now. Please try again in a few minutes.',
        );
      if (grant === 'again')
        throw new HttpError(
          429,
          'RATE_LIMITED',
          'You started the practice a moment ago. Please wait a few seconds before starting it again.',
        );
      await repo.audit(invite.meeting_id, now(), 'practice.opened', person.id, person.role);
      const body: PracticeGrantDto = grant;
      res.status(201).json(body);
    }),
  );

  r.post(
    '/invite/:token/practice/end',
    route(async (req, res) => {
      const { invite, rooms } = await usableLink(String(req.params.token));
      await rooms.close(invite.id);
      res.json({ ok: true });
    }),
  );

  return r;
}
