import express, { type Router } from 'express';
import {
  CREATE_MEETING_BODY,
  type InviteInfoDto,
  type PreparedAccess,
} from '../../../shared/protocol/http';
import { PREP_RECORD_BODY } from '../../../shared/protocol/prep';
import { randomId } from '../auth/crypto';
import type { Dtos } from './dtos';
import { HttpError, parseBody, route } from './errors';
import { requireInvite, type ApiDeps, type Guards } from './guards';
import { chooseMembers } from './prepMembers';

/**
 * Meetings of a case and their personal links: creating a meeting, a link for one person (which
 * withdraws their older ones), withdrawing a link, and what a link's page shows before joining.
 */
export function createMeetingRouter(deps: ApiDeps, guards: Guards, dtos: Dtos): Router {
  const { repo, config, now } = deps;
  const { requireFacilitator, ownCase, requireOpenCase, ownMeeting } = guards;
  const { inviteDto } = dtos;
  const r = express.Router();

  r.post(
    '/cases/:caseId/meetings',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(CREATE_MEETING_BODY, req.body);
      // Issue 15: the meeting's own people, checked before anything is written.
      const memberIds = await chooseMembers(repo, c.id, body.kind, body.memberIds);
      const id = randomId();
      await repo.insertMeeting({
        id,
        caseId: c.id,
        title: body.title,
        floorMode: body.floorMode,
        now: now(),
        kind: body.kind,
      });
      await repo.setMeetingMembers(id, memberIds);
      await deps.rooms.handle(id);
      await repo.audit(id, now(), 'meeting.created', f.id, 'facilitator');
      res.status(201).json((await repo.meetingsByCase(c.id)).find((m) => m.id === id));
    }),
  );

  r.post(
    '/meetings/:meetingId/invites/:personId',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const m = await ownMeeting(f, String(req.params.meetingId));
      requireOpenCase((await repo.caseById(m.caseId))!);
      const person = await repo.personById(String(req.params.personId));
      if (!person || person.caseId !== m.caseId)
        throw new HttpError(404, 'NOT_FOUND', 'That person is not part of this case.');
      // Issue 15: a link only for someone the facilitator chose for this meeting.
      if (!(await repo.memberIdsOf(m.id)).includes(person.id))
        throw new HttpError(403, 'FORBIDDEN', 'That person is not part of this meeting.');
      const id = randomId(18);
      await repo.insertInvite({
        id,
        meetingId: m.id,
        personId: person.id,
        now: now(),
        expiresAt: now() + config.inviteTtlMs,
      });
      await repo.audit(m.id, now(), 'invite.created', f.id, 'facilitator');
      // One live link per person and meeting: a new one withdraws the older ones, and whoever is
      // connected with an older one is disconnected (they come back with the new link).
      for (const old of await repo.revokeOtherInvites(m.id, person.id, id, now())) {
        await repo.audit(m.id, now(), 'invite.revoked', f.id, 'facilitator');
        deps.disconnect.invite(old);
      }
      res.status(201).json(inviteDto(req, (await repo.inviteById(id))!));
    }),
  );

  r.post(
    '/invites/:inviteId/revoke',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const invite = await repo.inviteById(String(req.params.inviteId));
      if (!invite) throw new HttpError(404, 'NOT_FOUND', 'That link was not found.');
      await ownMeeting(f, invite.meeting_id);
      await repo.revokeInvite(invite.id, now());
      await repo.audit(invite.meeting_id, now(), 'invite.revoked', f.id, 'facilitator');
      // Withdrawn means gone now: every socket opened with this link is closed at once.
      deps.disconnect.invite(invite.id);
      res.json(inviteDto(req, (await repo.inviteById(invite.id))!));
    }),
  );

  /** The access needs a side's preparation record asked for, as defaults for its people. */
  const preparedAccess = async (caseId: string, party: string): Promise<PreparedAccess> => {
    const row = (await repo.prepRecords(caseId)).find((x) => x.party === party);
    const record = row ? PREP_RECORD_BODY.safeParse(JSON.parse(row.body_json)) : null;
    const access = record?.success ? record.data.access : null;
    return { captions: access?.captions ?? false, audioOnly: access?.audioOnly ?? false };
  };

  r.get(
    '/invite/:token',
    route(async (req, res) => {
      const invite = await requireInvite(deps, String(req.params.token));
      const m = (await repo.meetingById(invite.meeting_id))!;
      const person = (await repo.personById(invite.person_id))!;
      const owner = (await repo.facilitatorById((await repo.caseById(m.caseId))!.owner_id))!;
      const body: InviteInfoDto = {
        meetingId: m.id,
        meetingTitle: m.title,
        person: {
          id: person.id,
          displayName: person.displayName,
          party: person.party,
          role: person.role,
          language: person.language,
        },
        invitedBy: owner.name,
        meetingStatus: m.status,
        access: await preparedAccess(m.caseId, person.party),
      };
      res.json(body);
    }),
  );

  return r;
}
