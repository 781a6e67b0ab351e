import express, { type Request, type Router } from 'express';
import type { ZodType } from 'zod';
import type { RoomState } from '../../../shared/room/state';
import {
  ADD_PERSON_BODY,
  PERSON_LANGUAGE_BODY,
  PERSON_INTERPRETER_BODY,
  type PersonDto,
  ASSIGN_FACILITATOR_BODY,
  CREATE_CASE_BODY,
  HANDOVER_BODY,
  type CaseSummaryDto,
  type FacilitatorDto,
} from '../../../shared/protocol/http';
import { interpreterLink } from './interpreterLink';
import { syncGate } from './prepMembers';
import { randomId } from '../auth/crypto';
import { lateItems, todayIn } from '../followup/overdue';
import type { Dtos } from './dtos';
import { HttpError, parseBody, route } from './errors';
import type { ApiDeps, Guards } from './guards';

/**
 * Agreed items past their due date and neither done nor marked not possible, counting days in
 * the case's time zone (followup/overdue.ts).
 */
export function overdueItems(states: RoomState[], now: number, timeZone = 'UTC'): number {
  const today = todayIn(timeZone, now);
  return states.reduce((n, s) => n + lateItems(s, today).length, 0);
}

/**
 * Cases and their people, and the facilitator accounts on them: assignment, taking off and
 * hand-over, all by the lead. Open meetings of the case follow each change at once.
 */
export function createCaseRouter(deps: ApiDeps, guards: Guards, dtos: Dtos): Router {
  const { repo, logger, now } = deps;
  const { requireFacilitator, ownCase, facilitatedCase, requireOpenCase } = guards;
  const { caseDto } = dtos;
  const r = express.Router();

  r.get(
    '/cases',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const out: CaseSummaryDto[] = await Promise.all(
        (await repo.casesForFacilitator(f.id)).map(async (c) => ({
          id: c.id,
          title: c.title,
          createdAt: c.created_at,
          closedAt: c.closed_at,
          people: (await repo.peopleByCase(c.id)).length,
          meetings: (await repo.meetingsByCase(c.id)).length,
          overdueItems: overdueItems(
            await repo.snapshotsByCase(c.id),
            now(),
            await repo.caseTimeZone(c.id),
          ),
        })),
      );
      res.json(out);
    }),
  );

  r.post(
    '/cases',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const body = parseBody(CREATE_CASE_BODY, req.body);
      const id = randomId();
      await repo.insertCase(id, f.id, body.title, now());
      await repo.audit(null, now(), 'case.created', f.id, 'facilitator');
      res.status(201).json(await caseDto(req, id, f));
    }),
  );

  r.get(
    '/cases/:caseId',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await facilitatedCase(f, String(req.params.caseId));
      res.json(await caseDto(req, c.id, f));
    }),
  );

  r.post(
    '/cases/:caseId/close',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await ownCase(f, String(req.params.caseId));
      if ((await repo.meetingsByCase(c.id)).some((m) => m.status === 'live')) {
        throw new HttpError(409, 'INVALID_STATE', 'End the meeting that is still running first.');
      }
      if (!c.closed_at) await repo.closeCase(c.id, now());
      await repo.audit(null, now(), 'case.closed', f.id, 'facilitator');
      res.json(await caseDto(req, c.id, f));
    }),
  );

  // ---- co-facilitators: assignment and hand-over (lead only) ---------------------------------
  /**
   * Seats an assigned facilitator as a co-facilitator in every meeting of the case that has not
   * ended (a co-facilitator removed from a meeting earlier comes back in as invited).
   */
  const seatInOpenMeetings = async (caseId: string, target: FacilitatorDto) => {
    for (const m of await repo.meetingsByCase(caseId)) {
      if (m.status === 'ended') continue;
      const actor = await deps.rooms.handle(m.id);
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
      const f = await requireFacilitator(req);
      const c = await ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(ASSIGN_FACILITATOR_BODY, req.body);
      const target =
        'email' in body
          ? await repo.facilitatorByEmail(body.email)
          : await repo.facilitatorById(body.facilitatorId);
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
      await repo.assignFacilitator(c.id, target.id, now());
      await repo.audit(null, now(), 'case.facilitator_assigned', f.id, 'facilitator');
      await seatInOpenMeetings(c.id, target);
      res.status(201).json(await caseDto(req, c.id, f));
    }),
  );

  /** Takes a co-facilitator off the case: out of its list and out of every open meeting. */
  r.post(
    '/cases/:caseId/facilitators/:facilitatorId/unassign',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await ownCase(f, String(req.params.caseId));
      const targetId = String(req.params.facilitatorId);
      if (!(await repo.isAssigned(c.id, targetId))) {
        throw new HttpError(404, 'NOT_FOUND', 'That facilitator is not assigned to this case.');
      }
      await repo.unassignFacilitator(c.id, targetId);
      await repo.audit(null, now(), 'case.facilitator_unassigned', f.id, 'facilitator');
      for (const m of await repo.meetingsByCase(c.id)) {
        if (m.status === 'ended') continue;
        const actor = await deps.rooms.handle(m.id);
        const seat = actor?.state.members[targetId];
        if (!actor || !seat || seat.status === 'removed') continue;
        await actor.dispatch({ type: 'system.removeFacilitator', memberId: targetId });
      }
      res.json(await caseDto(req, c.id, f));
    }),
  );

  r.post(
    '/cases/:caseId/handover',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await ownCase(f, String(req.params.caseId));
      const body = parseBody(HANDOVER_BODY, req.body);
      if (!(await repo.isAssigned(c.id, body.facilitatorId))) {
        throw new HttpError(
          404,
          'NOT_FOUND',
          'That facilitator is not assigned to this case. Assign them first.',
        );
      }
      // Every open meeting's state exists before the owner changes, so each one swaps the two
      // roles exactly once (the old lead stays, as a co-facilitator).
      await seatInOpenMeetings(c.id, (await repo.facilitatorById(body.facilitatorId))!);
      const actors = await Promise.all(
        (await repo.meetingsByCase(c.id))
          .filter((m) => m.status !== 'ended')
          .map((m) => deps.rooms.handle(m.id)),
      );
      await repo.handOverCase(c.id, f.id, body.facilitatorId, now());
      await repo.audit(null, now(), 'case.handed_over', f.id, 'facilitator');
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
      res.json(await caseDto(req, c.id, f));
    }),
  );

  r.post(
    '/cases/:caseId/people',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(ADD_PERSON_BODY, req.body);
      const interpretsFor = await interpreterLink(repo, c.id, body.interpretsFor);
      const id = randomId();
      await repo.insertPerson({
        id,
        caseId: c.id,
        displayName: body.displayName,
        party: body.party,
        role: body.role,
        language: body.language,
        interpretsFor,
        now: now(),
      });
      // Joint and follow-up meetings not ended take the new person in too (a preparation
      // meeting's people are chosen one by one: issue 15).
      for (const m of await repo.meetingsByCase(c.id)) {
        if (m.status === 'ended' || m.kind === 'prep') continue;
        await repo.addMeetingMember(m.id, id);
        await (
          await deps.rooms.handle(m.id)
        )?.dispatch({
          type: 'system.addMember',
          member: {
            id,
            name: body.displayName,
            role: body.role,
            party: body.party,
            interpretsFor,
          },
        });
        await syncGate(deps, m.id);
      }
      const person: PersonDto = {
        id,
        displayName: body.displayName,
        party: body.party,
        role: body.role,
        language: body.language,
        ...(interpretsFor ? { interpretsFor } : {}),
      };
      res.status(201).json(person);
    }),
  );

  /**
   * The route's person (:personId) on an open case the facilitator leads (:caseId), and the body
   * parsed with `schema`: 404 when the person is not on this case.
   */
  const openCasePerson = async <T>(req: Request, schema: ZodType<T>) => {
    const f = await requireFacilitator(req);
    const c = await ownCase(f, String(req.params.caseId));
    requireOpenCase(c);
    const body = parseBody(schema, req.body);
    const p = await repo.personById(String(req.params.personId));
    if (!p || p.caseId !== c.id) {
      throw new HttpError(404, 'NOT_FOUND', 'That person is not part of this case.');
    }
    return { f, c, p, body };
  };

  // Issue 17: the facilitator sets each person's language (their link, screens and summary).
  r.post(
    '/cases/:caseId/people/:personId/language',
    route(async (req, res) => {
      const { p, body } = await openCasePerson(req, PERSON_LANGUAGE_BODY);
      await repo.setPersonLanguage(p.id, body.language);
      const { caseId: _caseId, ...person } = { ...p, language: body.language };
      res.json(person satisfies PersonDto);
    }),
  );

  // Issue 17: the facilitator changes whom an interpreter interprets for, on the case page. The
  // meetings not ended that have the interpreter follow at once (system.linkInterpreter); the
  // room's change is stored with its command, as a change made in the room is.
  r.post(
    '/cases/:caseId/people/:personId/interpreter',
    route(async (req, res) => {
      const { f, c, p, body } = await openCasePerson(req, PERSON_INTERPRETER_BODY);
      if (p.role !== 'interpreter') {
        throw new HttpError(400, 'INVALID_STATE', 'Only an interpreter can be linked to someone.');
      }
      if (body.interpretsFor?.memberId === p.id) {
        throw new HttpError(
          400,
          'INVALID_PAYLOAD',
          'An interpreter cannot interpret for themselves.',
        );
      }
      const interpretsFor = await interpreterLink(repo, c.id, body.interpretsFor ?? undefined);
      await repo.setInterpreterLink(p.id, interpretsFor);
      await repo.audit(null, now(), 'case.interpreter_linked', f.id, 'facilitator');
      for (const m of await repo.meetingsByCase(c.id)) {
        if (m.status === 'ended') continue;
        const actor = await deps.rooms.handle(m.id);
        const seat = actor?.state.members[p.id];
        if (!actor || !seat) continue;
        const ack = await actor.dispatch({
          type: 'system.linkInterpreter',
          memberId: p.id,
          interpretsFor,
        });
        if (!ack.ok) {
          logger.warn('case.interpreter.room_refused', { meetingId: m.id, code: ack.error.code });
        }
      }
      const { caseId: _caseId, interpretsFor: _old, ...rest } = p;
      const person: PersonDto = { ...rest, ...(interpretsFor ? { interpretsFor } : {}) };
      res.json(person);
    }),
  );

  return r;
}
