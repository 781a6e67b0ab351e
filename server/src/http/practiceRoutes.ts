import express, { type Router } from 'express';
import type { PracticeGrantDto } from '../../../shared/protocol/around';
import { createPracticeRooms } from '../livekit/practiceRooms';
import { HttpError, route } from './errors';
import { requireInvite, type ApiDeps } from './guards';

/**
 * A person's private practice room, opened from their own link before the meeting (PRE-9). The
 * link is the only credential; the room is named and created by the server (practiceRooms.ts).
 */
export function createPracticeRouter(deps: ApiDeps): Router {
  const { repo, now } = deps;
  const r = express.Router();
  const rooms = deps.livekit ? createPracticeRooms(deps.livekit, now) : null;

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
      const person = (await repo.personById(invite.person_id))!;
      const grant = await rooms.open(invite.id, person.displayName);
      if (!grant)
        throw new HttpError(
          429,
          'RATE_LIMITED',
          'Many people are practising right now. Please try again in a few minutes.',
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
