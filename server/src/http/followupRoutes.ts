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

  const overdueOf = async (c: CaseRow): Promise<OverdueItemDto[]> => {
    const timeZone = await repo.caseTimeZone(c.id);
    const today = todayIn(timeZone, now());
    const titles = new Map((await repo.meetingsByCase(c.id)).map((m) => [m.id, m.title]));
    return (await repo.snapshotsByCase(c.id)).flatMap((state) =>
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

  const caseFollowUp = async (c: CaseRow): Promise<CaseFollowUpDto> => {
    const timeZone = await repo.caseTimeZone(c.id);
    return { timeZone, today: todayIn(timeZone, now()), overdue: await overdueOf(c) };
  };

  r.get(
    '/follow-up/overdue',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const items = (await Promise.all((await repo.openCasesForFacilitator(f.id)).map(overdueOf)))
        .flat()
        .sort((a, b) => b.daysLate - a.daysLate);
      res.json(items);
    }),
  );

  r.get(
    '/cases/:caseId/follow-up',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      res.json(await caseFollowUp(await facilitatedCase(f, String(req.params.caseId))));
    }),
  );

  r.post(
    '/cases/:caseId/time-zone',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(TIME_ZONE_BODY, req.body);
      await repo.setCaseTimeZone(c.id, body.timeZone);
      await repo.audit(null, now(), 'case.time_zone_set', f.id, 'facilitator');
      res.json(await caseFollowUp(c));
    }),
  );

  r.get(
    '/invite/:token/follow-up',
    route(async (req, res) => {
      const invite = await requireInvite(deps, String(req.params.token));
      const m = (await repo.meetingById(invite.meeting_id))!;
      const timeZone = await repo.caseTimeZone(m.caseId);
      const today = todayIn(timeZone, now());
      const state = await repo.loadSnapshot(m.id);
      const viewer = state?.members[invite.person_id];
      const late = state && viewer ? lateItems(state, today, viewer).map((i) => i.id) : [];
      const body: LinkFollowUpDto = { timeZone, today, late };
      res.json(body);
    }),
  );

  return r;
}
