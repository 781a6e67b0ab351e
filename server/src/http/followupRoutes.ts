import express, { type Router } from 'express';
import {
  TIME_ZONE_BODY,
  type CaseFollowUpDto,
  type LinkFollowUpDto,
  type OverdueItemDto,
} from '../../../shared/protocol/around';
import { daysBetween, lateItems, todayIn } from '../followup/overdue';
import type { CaseRow } from '../store/ports';
import { parseBody, route } from './errors';
import { requireInvite, type ApiDeps, type Guards } from './guards';

/**
 * Follow-up that lasts (issue 16, AGR-5): each case's time zone, the overdue agreed items of a
 * case and across a facilitator's open cases, and which items a person's link shows as late. An
 * item is late from the day after its due date in the case's own time zone.
 */
export function createFollowUpRouter(deps: ApiDeps, guards: Guards): Router {
  const { repo, now } = deps;
  const { requireFacilitator, ownCase, facilitatedCase, requireOpenCase } = guards;
  const r = express.Router();

  const overdueOf = (c: CaseRow): OverdueItemDto[] => {
    const timeZone = repo.caseTimeZone(c.id);
    const today = todayIn(timeZone, now());
    const titles = new Map(repo.meetingsByCase(c.id).map((m) => [m.id, m.title]));
    return repo.snapshotsByCase(c.id).flatMap((state) =>
      lateItems(state, today).map((item) => ({
        caseId: c.id,
        caseTitle: c.title,
        meetingId: state.meetingId,
        meetingTitle: titles.get(state.meetingId) ?? '',
        itemId: item.id,
        text: item.fields.text,
        owner: item.fields.owner,
        dueDate: item.fields.dueDate!,
        status: item.followUp.status,
        daysLate: daysBetween(item.fields.dueDate!, today),
        timeZone,
      })),
    );
  };

  const caseFollowUp = (c: CaseRow): CaseFollowUpDto => {
    const timeZone = repo.caseTimeZone(c.id);
    return { timeZone, today: todayIn(timeZone, now()), overdue: overdueOf(c) };
  };

  r.get(
    '/follow-up/overdue',
    route((req, res) => {
      const f = requireFacilitator(req);
      const items = repo
        .openCasesForFacilitator(f.id)
        .flatMap(overdueOf)
        .sort((a, b) => b.daysLate - a.daysLate);
      res.json(items);
    }),
  );

  r.get(
    '/cases/:caseId/follow-up',
    route((req, res) => {
      const f = requireFacilitator(req);
      res.json(caseFollowUp(facilitatedCase(f, String(req.params.caseId))));
    }),
  );

  r.post(
    '/cases/:caseId/time-zone',
    route((req, res) => {
      const f = requireFacilitator(req);
      const c = ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(TIME_ZONE_BODY, req.body);
      repo.setCaseTimeZone(c.id, body.timeZone);
      repo.audit(null, now(), 'case.time_zone_set', f.id, 'facilitator');
      res.json(caseFollowUp(c));
    }),
  );

  r.get(
    '/invite/:token/follow-up',
    route((req, res) => {
      const invite = requireInvite(deps, String(req.params.token));
      const m = repo.meetingById(invite.meeting_id)!;
      const timeZone = repo.caseTimeZone(m.caseId);
      const today = todayIn(timeZone, now());
      const state = repo.loadSnapshot(m.id);
      const viewer = state?.members[invite.person_id];
      const late = state && viewer ? lateItems(state, today, viewer).map((i) => i.id) : [];
      const body: LinkFollowUpDto = { timeZone, today, late };
      res.json(body);
    }),
  );

  return r;
}
