import express, { type Router } from 'express';
import {
  PREP_RECORD_BODY,
  PREP_PARTIES,
  READINESS_BODY,
  SAFETY_PLAN_BODY,
  SET_MEMBERS_BODY,
  type CasePrepDto,
  type MeetingPrepDto,
  type PrepParty,
  type PrepRecord,
  type QuestionDto,
  type ReadinessDto,
  type SafetyPlan,
} from '../../../shared/protocol/prep';
import type { ReadinessDecision } from '../../../shared/room/prep/gate';
import { consentStatus, consentVersion, gateItems, newMembersOf } from '../rooms/prepGate';
import { HttpError, parseBody, route } from './errors';
import type { ApiDeps, Guards } from './guards';
import { chooseMembers, syncCaseGates, syncGate } from './prepMembers';

/**
 * The facilitators' side of preparing a case (issue 15): a meeting's members, readiness per
 * party, the consents at a glance, the preparation record per party and each person's safety
 * plan. Facilitators of the case only (lead or assigned); the meeting's members are the lead's to
 * choose, like the meeting itself. Bodies are never logged (the access log has no bodies).
 */
export function createPrepRouter(deps: ApiDeps, guards: Guards): Router {
  const { repo, now } = deps;
  const { requireFacilitator, facilitatedCase, requireOpenCase, ownMeeting } = guards;
  const r = express.Router();

  /** A meeting of a case this facilitator runs (lead or assigned). */
  const facilitatedMeeting = async (req: express.Request) => {
    const f = await requireFacilitator(req);
    const m = await repo.meetingById(String(req.params.meetingId));
    if (!m) throw new HttpError(404, 'NOT_FOUND', 'That meeting was not found.');
    return { f, m, c: await facilitatedCase(f, m.caseId) };
  };

  const readinessOf = async (caseId: string): Promise<ReadinessDto[]> =>
    (await repo.latestReadiness(caseId)).map((x) => ({
      party: x.party as PrepParty,
      decision: x.decision as ReadinessDecision,
      decidedOn: x.decided_on,
      note: x.note,
      at: x.at,
    }));

  const meetingPrep = async (meetingId: string): Promise<MeetingPrepDto> => {
    const m = (await repo.meetingById(meetingId))!;
    const memberIds = await repo.memberIdsOf(m.id);
    const version = await consentVersion(repo, m.id);
    return {
      meetingId: m.id,
      kind: m.kind,
      status: m.status,
      memberIds,
      readiness: await readinessOf(m.caseId),
      consents: await Promise.all(
        memberIds.map(async (id) => ({
          personId: id,
          ...(await consentStatus(repo, m.id, id, version)),
        })),
      ),
      missing: await gateItems(repo, m.id),
    };
  };

  r.get(
    '/meetings/:meetingId/prep',
    route(async (req, res) => {
      const { m } = await facilitatedMeeting(req);
      res.json(await meetingPrep(m.id));
    }),
  );

  r.post(
    '/meetings/:meetingId/members',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const m = await ownMeeting(f, String(req.params.meetingId));
      requireOpenCase((await repo.caseById(m.caseId))!);
      if (m.status !== 'open')
        throw new HttpError(409, 'INVALID_STATE', 'People can be changed before the start only.');
      const body = parseBody(SET_MEMBERS_BODY, req.body);
      const ids = await chooseMembers(repo, m.caseId, m.kind, body.memberIds);
      const before = await repo.memberIdsOf(m.id);
      await repo.setMeetingMembers(m.id, ids);
      const members = await newMembersOf(repo, m.id);
      await (await deps.rooms.handle(m.id))?.dispatch({ type: 'system.setMembers', members });
      // Whoever is no longer in it loses their link and any open connection at once.
      for (const gone of before.filter((id) => !ids.includes(id))) {
        for (const i of await repo.invitesByCase(m.caseId)) {
          if (i.meeting_id !== m.id || i.person_id !== gone || i.revoked_at) continue;
          await repo.revokeInvite(i.id, now());
          deps.disconnect.invite(i.id);
        }
        deps.disconnect.member(m.id, gone);
      }
      await repo.audit(m.id, now(), 'meeting.members_changed', f.id, 'facilitator');
      await syncGate(deps, m.id);
      res.json(await meetingPrep(m.id));
    }),
  );

  r.get(
    '/cases/:caseId/readiness',
    route(async (req, res) => {
      const c = await facilitatedCase(await requireFacilitator(req), String(req.params.caseId));
      res.json(await readinessOf(c.id));
    }),
  );

  r.post(
    '/cases/:caseId/readiness',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await facilitatedCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(READINESS_BODY, req.body);
      await repo.insertReadiness({ caseId: c.id, ...body, facilitatorId: f.id, now: now() });
      await repo.audit(null, now(), 'case.readiness_recorded', f.id, 'facilitator');
      await syncCaseGates(deps, c.id);
      res.status(201).json(await readinessOf(c.id));
    }),
  );

  const casePrep = async (caseId: string): Promise<CasePrepDto> => {
    const out: CasePrepDto = { records: {}, safety: {} };
    for (const x of await repo.prepRecords(caseId)) {
      out.records[x.party as PrepParty] = {
        ...(JSON.parse(x.body_json) as PrepRecord),
        updatedAt: x.updated_at,
      };
    }
    for (const x of await repo.safetyPlans(caseId)) {
      out.safety[x.person_id] = {
        ...(JSON.parse(x.body_json) as SafetyPlan),
        updatedAt: x.updated_at,
      };
    }
    return out;
  };

  r.get(
    '/cases/:caseId/prep',
    route(async (req, res) => {
      const c = await facilitatedCase(await requireFacilitator(req), String(req.params.caseId));
      res.setHeader('Cache-Control', 'no-store');
      res.json(await casePrep(c.id));
    }),
  );

  /** The same, reached from a meeting (the room knows its meeting, not its case). */
  r.get(
    '/meetings/:meetingId/case-prep',
    route(async (req, res) => {
      const { c } = await facilitatedMeeting(req);
      res.setHeader('Cache-Control', 'no-store');
      res.json(await casePrep(c.id));
    }),
  );

  r.post(
    '/cases/:caseId/prep/:party',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await facilitatedCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const party = String(req.params.party);
      if (!(PREP_PARTIES as readonly string[]).includes(party))
        throw new HttpError(404, 'NOT_FOUND', 'Not found.');
      const body = parseBody(PREP_RECORD_BODY, req.body);
      await repo.putPrepRecord(c.id, party, JSON.stringify(body), now());
      await repo.audit(null, now(), 'case.prep_updated', f.id, 'facilitator');
      res.json(await casePrep(c.id));
    }),
  );

  r.post(
    '/cases/:caseId/people/:personId/safety',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await facilitatedCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const person = await repo.personById(String(req.params.personId));
      if (!person || person.caseId !== c.id)
        throw new HttpError(404, 'NOT_FOUND', 'That person is not part of this case.');
      const body = parseBody(SAFETY_PLAN_BODY, req.body);
      await repo.putSafetyPlan(person.id, JSON.stringify(body), now());
      await repo.audit(null, now(), 'case.safety_plan_updated', f.id, 'facilitator');
      res.json(await casePrep(c.id));
    }),
  );

  /** The patient side's questions, all of them (shared or not), for the facilitators. */
  r.get(
    '/cases/:caseId/questions',
    route(async (req, res) => {
      const c = await facilitatedCase(await requireFacilitator(req), String(req.params.caseId));
      const body: QuestionDto[] = (await repo.questions(c.id, 'patient')).map((q) => ({
        id: q.id,
        text: q.text,
        shared: q.shared === 1,
        at: q.created_at,
      }));
      res.setHeader('Cache-Control', 'no-store');
      res.json(body);
    }),
  );

  return r;
}
