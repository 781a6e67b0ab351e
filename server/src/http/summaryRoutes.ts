import express, { type Router } from 'express';
import type { Language } from '../../../shared/i18n/languages';
import { SUMMARY_QUERY } from '../../../shared/protocol/http';
import { HttpError, parseBody, route } from './errors';
import { canFacilitateCase, requireInvite, type ApiDeps, type Guards } from './guards';
import { summaryFor } from './summary';

/**
 * The agreed summary and follow-up of a meeting: for each party through their own link, and for
 * the case's facilitators; 409 until the board is final and every party agreed to it.
 */
export function createSummaryRouter(deps: ApiDeps, guards: Guards): Router {
  const { repo } = deps;
  const r = express.Router();

  const summaryOr409 = async (
    title: string,
    meetingId: string,
    memberId: string,
    lang: Language,
  ) => {
    const actor = await deps.rooms.handle(meetingId);
    const viewer = actor?.state.members[memberId];
    if (!actor || !viewer) throw new HttpError(404, 'NOT_FOUND', 'That meeting was not found.');
    const summary = summaryFor(title, actor.state, viewer, lang);
    if (!summary) {
      throw new HttpError(
        409,
        'INVALID_STATE',
        'The summary opens once the board is final and every party has agreed to it.',
      );
    }
    return summary;
  };

  r.get(
    '/summary/:token',
    route(async (req, res) => {
      const invite = await requireInvite(deps, String(req.params.token));
      const m = (await repo.meetingById(invite.meeting_id))!;
      const member = (await deps.rooms.handle(m.id))?.state.members[invite.person_id];
      if (!member || member.status === 'denied' || member.status === 'removed') {
        throw new HttpError(403, 'FORBIDDEN', 'This summary is not available to you.');
      }
      res.setHeader('Cache-Control', 'no-store');
      // The Markdown in the language the reader chose on the page, else the one set for them.
      const lang = parseBody(SUMMARY_QUERY, req.query).lang;
      const person = await repo.personById(invite.person_id);
      res.json(await summaryOr409(m.title, m.id, member.id, lang ?? person?.language ?? 'en'));
    }),
  );

  r.get(
    '/meetings/:meetingId/summary',
    route(async (req, res) => {
      const f = await guards.requireFacilitator(req);
      const m = await repo.meetingById(String(req.params.meetingId));
      if (!m || !(await canFacilitateCase(repo, m.caseId, f.id)))
        throw new HttpError(404, 'NOT_FOUND', 'That meeting was not found.');
      res.setHeader('Cache-Control', 'no-store');
      const lang = parseBody(SUMMARY_QUERY, req.query).lang ?? 'en';
      res.json(await summaryOr409(m.title, m.id, f.id, lang));
    }),
  );

  return r;
}
