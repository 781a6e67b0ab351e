import express, { type Router } from 'express';
import {
  ADD_QUESTION_BODY,
  CONSENT_BODY,
  SHARE_QUESTION_BODY,
  type ConsentTermsDto,
  type QuestionDto,
} from '../../../shared/protocol/prep';
import { randomId } from '../auth/crypto';
import { consentStatus, consentVersion } from '../rooms/prepGate';
import type { QuestionRow } from '../store/ports';
import { HttpError, parseBody, route } from './errors';
import { requireInvite, type ApiDeps } from './guards';
import { syncGate } from './prepMembers';

/**
 * A person's own side of preparing, through their personal link (issue 15): what the meeting is
 * and who will be there, their consent (given for the list of who is present, withdrawable at any
 * time from the same link), and the patient side's questions, shared with the other side only if
 * and as they choose. Withdrawing tells the facilitators at once (a notice in the room) and takes
 * the person out of the meeting's readiness (the gate).
 */
export function createConsentRouter(deps: ApiDeps): Router {
  const { repo, now } = deps;
  const r = express.Router();

  const linkOf = async (token: string) => {
    const invite = await requireInvite(deps, token);
    const m = (await repo.meetingById(invite.meeting_id))!;
    const person = (await repo.personById(invite.person_id))!;
    return { invite, m, person };
  };

  const terms = async (meetingId: string, personId: string): Promise<ConsentTermsDto> => {
    const m = (await repo.meetingById(meetingId))!;
    const c = (await repo.caseById(m.caseId))!;
    const lead = (await repo.facilitatorById(c.owner_id))!;
    const people = (
      await Promise.all((await repo.memberIdsOf(m.id)).map((id) => repo.personById(id)))
    ).map((p) => p!);
    return {
      version: await consentVersion(repo, m.id),
      meetingKind: m.kind,
      present: [
        { name: lead.name, role: 'facilitator' as const },
        ...(await repo.facilitatorsByCase(c.id)).map((f) => ({
          name: f.name,
          role: 'cofacilitator' as const,
        })),
        ...people.map((p) => ({ name: p.displayName, role: p.role })),
      ],
      ...(await consentStatus(repo, m.id, personId)),
    };
  };

  r.get(
    '/invite/:token/consent',
    route(async (req, res) => {
      const { m, person } = await linkOf(String(req.params.token));
      res.setHeader('Cache-Control', 'no-store');
      res.json(await terms(m.id, person.id));
    }),
  );

  r.post(
    '/invite/:token/consent',
    route(async (req, res) => {
      const { m, person } = await linkOf(String(req.params.token));
      const body = parseBody(CONSENT_BODY, req.body);
      if (m.status === 'ended')
        throw new HttpError(409, 'INVALID_STATE', 'This meeting has ended.');
      // Consent is to a list of who is present: if it changed while they read, they read again.
      if (body.version !== (await consentVersion(repo, m.id)))
        throw new HttpError(
          409,
          'CONFLICT',
          'Who will be there has changed. Please read the new list before agreeing.',
        );
      await repo.insertConsent(m.id, person.id, body.version, now());
      await repo.audit(m.id, now(), 'consent.given', person.id, person.role);
      await syncGate(deps, m.id);
      res.status(201).json(await terms(m.id, person.id));
    }),
  );

  r.post(
    '/invite/:token/consent/withdraw',
    route(async (req, res) => {
      const { m, person } = await linkOf(String(req.params.token));
      if (await repo.withdrawConsent(m.id, person.id, now())) {
        await repo.audit(m.id, now(), 'consent.withdrawn', person.id, person.role);
        const actor = await deps.rooms.handle(m.id);
        if (actor && actor.state.status !== 'ended' && actor.state.members[person.id])
          await actor.dispatch({ type: 'system.consentWithdrawn', memberId: person.id });
        await syncGate(deps, m.id);
      }
      res.json(await terms(m.id, person.id));
    }),
  );

  // ---- the patient side's questions (PRE-7) ----------------------------------------------------
  const toDto = (q: QuestionRow): QuestionDto => ({
    id: q.id,
    text: q.text,
    shared: q.shared === 1,
    at: q.created_at,
  });

  /** The patient's side writes and shares; the clinicians' side reads only what was shared. */
  const questionsFor = async (token: string) => {
    const { m, person } = await linkOf(token);
    return { caseId: m.caseId, person, own: person.party === 'patient' };
  };

  r.get(
    '/invite/:token/questions',
    route(async (req, res) => {
      const { caseId, own, person } = await questionsFor(String(req.params.token));
      res.setHeader('Cache-Control', 'no-store');
      if (own)
        return res.json({
          own: true,
          questions: (await repo.questions(caseId, 'patient')).map(toDto),
        });
      if (person.party !== 'hcw') return res.json({ own: false, questions: [] });
      res.json({
        own: false,
        questions: (await repo.questions(caseId, 'patient'))
          .filter((q) => q.shared === 1)
          .map(toDto),
      });
    }),
  );

  const ownQuestions = async (token: string) => {
    const q = await questionsFor(token);
    if (!q.own)
      throw new HttpError(
        403,
        'FORBIDDEN',
        'Only the patient side writes and shares these questions.',
      );
    return q;
  };

  r.post(
    '/invite/:token/questions',
    route(async (req, res) => {
      const { caseId } = await ownQuestions(String(req.params.token));
      const body = parseBody(ADD_QUESTION_BODY, req.body);
      if ((await repo.questions(caseId, 'patient')).length >= 50)
        throw new HttpError(409, 'CONFLICT', 'That is as many questions as the list can hold.');
      await repo.insertQuestion({
        id: randomId(),
        caseId,
        party: 'patient',
        text: body.text,
        now: now(),
      });
      res.status(201).json((await repo.questions(caseId, 'patient')).map(toDto));
    }),
  );

  r.post(
    '/invite/:token/questions/:questionId/share',
    route(async (req, res) => {
      const { caseId } = await ownQuestions(String(req.params.token));
      const body = parseBody(SHARE_QUESTION_BODY, req.body);
      if (
        !(await repo.setQuestionShared(
          String(req.params.questionId),
          caseId,
          'patient',
          body.shared,
        ))
      )
        throw new HttpError(404, 'NOT_FOUND', 'That question was not found.');
      res.json((await repo.questions(caseId, 'patient')).map(toDto));
    }),
  );

  r.post(
    '/invite/:token/questions/:questionId/delete',
    route(async (req, res) => {
      const { caseId } = await ownQuestions(String(req.params.token));
      if (!(await repo.deleteQuestion(String(req.params.questionId), caseId, 'patient')))
        throw new HttpError(404, 'NOT_FOUND', 'That question was not found.');
      res.json((await repo.questions(caseId, 'patient')).map(toDto));
    }),
  );

  return r;
}
