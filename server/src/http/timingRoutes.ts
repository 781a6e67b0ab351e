import express, { type Router } from 'express';
import {
  CHOOSE_TIME_BODY,
  PROPOSE_TIMES_BODY,
  type TimeProposalDto,
  type TimingDto,
} from '../../../shared/protocol/prep';
import { SERVER_TEXT } from '../../../shared/i18n/server';
import { randomId } from '../auth/crypto';
import type { PersonRecord, TimeProposalRow } from '../store/ports';
import { HttpError, parseBody, route } from './errors';
import { requireInvite, type ApiDeps, type Guards } from './guards';
import { meetingIcs } from './ics';

const toDto = (p: TimeProposalRow): TimeProposalDto => ({
  id: p.id,
  startsAt: p.starts_at,
  minutes: p.minutes,
});

/**
 * The calendar entry's words: the same for everyone, naming nobody and nothing clinical; in each
 * person's language (shared/i18n/server, issue 17). These are the English ones.
 */
export const ICS_WORDS = SERVER_TEXT.en.ics;

/**
 * The patient's timing (issue 15, PRE-5): the facilitator proposes times; the patient's side
 * chooses one, or says none suits, through its own link; the others see (and can add to their
 * calendar) only the chosen time, never the proposals, and only once the patient chose.
 */
export function createTimingRouter(deps: ApiDeps, guards: Guards): Router {
  const { repo, now } = deps;
  const { requireFacilitator, facilitatedCase, requireOpenCase } = guards;
  const r = express.Router();

  const timing = async (
    meetingId: string,
    viewer: PersonRecord | 'facilitator',
  ): Promise<TimingDto> => {
    const proposals = (await repo.timeProposals(meetingId)).map(toDto);
    const choice = await repo.timeChoice(meetingId);
    const chosen = choice?.proposal_id
      ? (proposals.find((p) => p.id === choice.proposal_id) ?? null)
      : null;
    const patientSide = viewer === 'facilitator' || viewer.party === 'patient';
    return {
      proposals: patientSide ? proposals : [],
      chosen,
      noneSuits: patientSide && choice !== undefined && choice.proposal_id === null,
      canChoose: viewer !== 'facilitator' && viewer.party === 'patient' && proposals.length > 0,
    };
  };

  const facilitatedMeeting = async (req: express.Request) => {
    const f = await requireFacilitator(req);
    const m = await repo.meetingById(String(req.params.meetingId));
    if (!m) throw new HttpError(404, 'NOT_FOUND', 'That meeting was not found.');
    return { f, m, c: await facilitatedCase(f, m.caseId) };
  };

  r.get(
    '/meetings/:meetingId/timing',
    route(async (req, res) => {
      const { m } = await facilitatedMeeting(req);
      res.json(await timing(m.id, 'facilitator'));
    }),
  );

  r.post(
    '/meetings/:meetingId/timing',
    route(async (req, res) => {
      const { f, m, c } = await facilitatedMeeting(req);
      requireOpenCase(c);
      if (m.status !== 'open')
        throw new HttpError(409, 'INVALID_STATE', 'This meeting has already started.');
      const body = parseBody(PROPOSE_TIMES_BODY, req.body);
      await repo.setTimeProposals(
        m.id,
        body.times.map((t) => ({ id: randomId(), starts_at: t.startsAt, minutes: t.minutes })),
        now(),
      );
      await repo.audit(m.id, now(), 'timing.proposed', f.id, 'facilitator');
      res.json(await timing(m.id, 'facilitator'));
    }),
  );

  const linkOf = async (token: string) => {
    const invite = await requireInvite(deps, token);
    return {
      m: (await repo.meetingById(invite.meeting_id))!,
      person: (await repo.personById(invite.person_id))!,
    };
  };

  r.get(
    '/invite/:token/timing',
    route(async (req, res) => {
      const { m, person } = await linkOf(String(req.params.token));
      res.setHeader('Cache-Control', 'no-store');
      res.json(await timing(m.id, person));
    }),
  );

  r.post(
    '/invite/:token/timing',
    route(async (req, res) => {
      const { m, person } = await linkOf(String(req.params.token));
      if (person.party !== 'patient')
        throw new HttpError(403, 'FORBIDDEN', 'The time is chosen by the patient’s side.');
      if (m.status !== 'open')
        throw new HttpError(409, 'INVALID_STATE', 'This meeting has already started.');
      const body = parseBody(CHOOSE_TIME_BODY, req.body);
      let proposalId: string | null = null;
      if ('proposalId' in body) {
        if (!(await repo.timeProposals(m.id)).some((p) => p.id === body.proposalId))
          throw new HttpError(404, 'NOT_FOUND', 'That time is no longer proposed.');
        proposalId = body.proposalId;
      }
      await repo.chooseTime(m.id, proposalId, person.id, now());
      await repo.audit(
        m.id,
        now(),
        proposalId ? 'timing.chosen' : 'timing.none_suits',
        person.id,
        person.role,
      );
      res.json(await timing(m.id, person));
    }),
  );

  r.get(
    '/invite/:token/calendar.ics',
    route(async (req, res) => {
      const { m, person } = await linkOf(String(req.params.token));
      const chosen = (await timing(m.id, person)).chosen;
      if (!chosen) throw new HttpError(404, 'NOT_FOUND', 'No time has been chosen yet.');
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="meeting.ics"');
      res.setHeader('Cache-Control', 'no-store');
      res.send(
        meetingIcs({
          uid: chosen.id,
          startsAt: chosen.startsAt,
          minutes: chosen.minutes,
          now: now(),
          ...SERVER_TEXT[person.language].ics,
        }),
      );
    }),
  );

  return r;
}
