import express, { type Router } from 'express';
import { PERSON_EMAIL_BODY, type CaseNotificationsDto } from '../../../shared/protocol/around';
import { HttpError, parseBody, route } from './errors';
import type { ApiDeps, Guards } from './guards';

/**
 * People's optional e-mail addresses for notifications (issue 16): only facilitators of the case
 * see them, only the lead sets them; people never see each other's.
 */
export function createNotifyRouter(deps: ApiDeps, guards: Guards): Router {
  const { repo, now } = deps;
  const { requireFacilitator, ownCase, facilitatedCase, requireOpenCase } = guards;
  const r = express.Router();

  const settings = async (caseId: string): Promise<CaseNotificationsDto> => ({
    enabled: deps.config.smtp !== null,
    people: await Promise.all(
      (await repo.peopleByCase(caseId)).map(async (p) => ({
        personId: p.id,
        email: await repo.personEmail(p.id),
      })),
    ),
  });

  r.get(
    '/cases/:caseId/notifications',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      res.json(await settings((await facilitatedCase(f, String(req.params.caseId))).id));
    }),
  );

  r.post(
    '/cases/:caseId/people/:personId/email',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const person = await repo.personById(String(req.params.personId));
      if (!person || person.caseId !== c.id)
        throw new HttpError(404, 'NOT_FOUND', 'That person is not part of this case.');
      const body = parseBody(PERSON_EMAIL_BODY, req.body);
      await repo.setPersonEmail(person.id, body.email);
      await repo.audit(null, now(), 'person.email_set', f.id, 'facilitator');
      res.json(await settings(c.id));
    }),
  );

  return r;
}
