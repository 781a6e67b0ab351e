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

  const settings = (caseId: string): CaseNotificationsDto => ({
    enabled: deps.config.smtp !== null,
    people: repo
      .peopleByCase(caseId)
      .map((p) => ({ personId: p.id, email: repo.personEmail(p.id) })),
  });

  r.get(
    '/cases/:caseId/notifications',
    route((req, res) => {
      const f = requireFacilitator(req);
      res.json(settings(facilitatedCase(f, String(req.params.caseId)).id));
    }),
  );

  r.post(
    '/cases/:caseId/people/:personId/email',
    route((req, res) => {
      const f = requireFacilitator(req);
      const c = ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const person = repo.personById(String(req.params.personId));
      if (!person || person.caseId !== c.id)
        throw new HttpError(404, 'NOT_FOUND', 'That person is not part of this case.');
      const body = parseBody(PERSON_EMAIL_BODY, req.body);
      repo.setPersonEmail(person.id, body.email);
      repo.audit(null, now(), 'person.email_set', f.id, 'facilitator');
      res.json(settings(c.id));
    }),
  );

  return r;
}
