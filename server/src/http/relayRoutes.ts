import express, { type Router } from 'express';
import {
  RELAY_OPEN_BODY,
  RELAY_RETURN_BODY,
  RELAY_WRITE_BODY,
  type CaseRelayDto,
  type LinkRelayDto,
} from '../../../shared/protocol/around';
import { STORY_PARTIES } from '../../../shared/room/roles';
import { randomId } from '../auth/crypto';
import { HttpError, parseBody, route } from './errors';
import { requireInvite, type ApiDeps, type Guards } from './guards';

/** Messages a person may have waiting for the facilitator at once. */
export const RELAY_MAX_PENDING = 10;

const isSide = (party: string) => (STORY_PARTIES as readonly string[]).includes(party);

/**
 * The indirect path (PRE-6): when a joint meeting is not right, the two sides write to each other
 * through the facilitator. Each side writes through its own link; a facilitator of the case reads
 * every message and releases it or returns it to its writer with a note; only released messages
 * reach the other side. Text lives only in the database, with the case (purged with it); it is
 * never logged, and the audit rows say only what happened.
 */
export function createRelayRouter(deps: ApiDeps, guards: Guards): Router {
  const { repo, now } = deps;
  const { requireFacilitator, ownCase, facilitatedCase, requireOpenCase } = guards;
  const r = express.Router();

  const caseRelay = async (caseId: string): Promise<CaseRelayDto> => {
    const names = new Map((await repo.peopleByCase(caseId)).map((p) => [p.id, p.displayName]));
    return {
      open: await repo.relayOpen(caseId),
      messages: (await repo.relayMessages(caseId)).map((m) => ({
        id: m.id,
        fromParty: m.from_party,
        writer: names.get(m.person_id) ?? '',
        body: m.body,
        status: m.status,
        note: m.note,
        createdAt: m.created_at,
        decidedAt: m.decided_at,
      })),
    };
  };

  /** A pending message of a case the facilitator runs (lead or assigned), still open. */
  const decidable = async (req: express.Request) => {
    const f = await requireFacilitator(req);
    const msg = await repo.relayMessageById(String(req.params.messageId));
    if (!msg) throw new HttpError(404, 'NOT_FOUND', 'That message was not found.');
    requireOpenCase(await facilitatedCase(f, msg.case_id));
    if (msg.status !== 'pending')
      throw new HttpError(409, 'CONFLICT', 'This message has already been dealt with.');
    return { msg, f };
  };

  r.get(
    '/cases/:caseId/relay',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      res.json(await caseRelay((await facilitatedCase(f, String(req.params.caseId))).id));
    }),
  );

  r.post(
    '/cases/:caseId/relay',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await ownCase(f, String(req.params.caseId));
      requireOpenCase(c);
      const body = parseBody(RELAY_OPEN_BODY, req.body);
      await repo.setRelayOpen(c.id, body.open);
      await repo.audit(
        null,
        now(),
        body.open ? 'relay.opened' : 'relay.closed',
        f.id,
        'facilitator',
      );
      res.json(await caseRelay(c.id));
    }),
  );

  r.post(
    '/relay/:messageId/release',
    route(async (req, res) => {
      const { msg, f } = await decidable(req);
      if (!(await repo.decideRelayMessage(msg.id, 'released', null, now())))
        throw new HttpError(409, 'CONFLICT', 'This message has already been dealt with.');
      await repo.audit(null, now(), 'relay.released', f.id, 'facilitator');
      res.json(await caseRelay(msg.case_id));
    }),
  );

  r.post(
    '/relay/:messageId/return',
    route(async (req, res) => {
      const { msg, f } = await decidable(req);
      const body = parseBody(RELAY_RETURN_BODY, req.body);
      if (!(await repo.decideRelayMessage(msg.id, 'returned', body.note, now())))
        throw new HttpError(409, 'CONFLICT', 'This message has already been dealt with.');
      await repo.audit(null, now(), 'relay.returned', f.id, 'facilitator');
      res.json(await caseRelay(msg.case_id));
    }),
  );

  /** The person behind a link, their case, and what they see of the exchange. */
  const linkRelay = async (token: string) => {
    const invite = await requireInvite(deps, token);
    const person = (await repo.personById(invite.person_id))!;
    const c = (await repo.caseById(person.caseId))!;
    const all = await repo.relayMessages(c.id);
    const body: LinkRelayDto = {
      open: (await repo.relayOpen(c.id)) && c.closed_at === null,
      canWrite: isSide(person.party),
      mine: all
        .filter((m) => m.person_id === person.id)
        .map((m) => ({
          id: m.id,
          body: m.body,
          status: m.status,
          note: m.note,
          createdAt: m.created_at,
        })),
      // Only what a facilitator released, and only from the other side.
      received: isSide(person.party)
        ? all
            .filter(
              (m) =>
                m.status === 'released' && isSide(m.from_party) && m.from_party !== person.party,
            )
            .map((m) => ({
              id: m.id,
              fromParty: m.from_party,
              body: m.body,
              releasedAt: m.decided_at!,
            }))
        : [],
    };
    return { person, c, all, body };
  };

  r.get(
    '/invite/:token/relay',
    route(async (req, res) => {
      res.json((await linkRelay(String(req.params.token))).body);
    }),
  );

  r.post(
    '/invite/:token/relay',
    route(async (req, res) => {
      const { person, c, all, body: view } = await linkRelay(String(req.params.token));
      if (!view.open || !view.canWrite)
        throw new HttpError(409, 'INVALID_STATE', 'Writing to the other side is not open.');
      const body = parseBody(RELAY_WRITE_BODY, req.body);
      const pending = all.filter((m) => m.person_id === person.id && m.status === 'pending');
      if (pending.length >= RELAY_MAX_PENDING)
        throw new HttpError(
          429,
          'RATE_LIMITED',
          'Your facilitator has not read your last messages yet. Please wait for them first.',
        );
      await repo.insertRelayMessage({
        id: randomId(),
        caseId: c.id,
        personId: person.id,
        fromParty: person.party,
        body: body.body,
        now: now(),
      });
      await repo.audit(null, now(), 'relay.written', person.id, person.role);
      res.status(201).json((await linkRelay(String(req.params.token))).body);
    }),
  );

  return r;
}
