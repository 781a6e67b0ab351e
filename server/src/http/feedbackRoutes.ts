import { randomInt } from 'node:crypto';
import express, { type Router } from 'express';
import {
  FEEDBACK_BODY,
  FEEDBACK_MIN_ANSWERS,
  FEEDBACK_QUESTIONS,
  type FeedbackSummaryDto,
  type LinkFeedbackDto,
  type ScoreSummary,
} from '../../../shared/protocol/around';
import type { FeedbackAnswer } from '../store/ports';
import { HttpError, parseBody, route } from './errors';
import { requireInvite, type ApiDeps, type Guards } from './guards';

/** Fisher-Yates with a crypto source: the comments' order says nothing about who wrote them. */
function shuffled<T>(xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Adds answers up; below FEEDBACK_MIN_ANSWERS nothing but the count is shown. */
export function summarise(answers: FeedbackAnswer[]): FeedbackSummaryDto {
  if (answers.length < FEEDBACK_MIN_ANSWERS)
    return { answers: answers.length, shown: false, scores: null, comments: [] };
  const score = (pick: (a: FeedbackAnswer) => number | null): ScoreSummary => {
    const counts: ScoreSummary['counts'] = [0, 0, 0, 0, 0];
    let sum = 0;
    let answered = 0;
    for (const a of answers) {
      const v = pick(a);
      if (v === null) continue;
      counts[v - 1]! += 1;
      sum += v;
      answered++;
    }
    return { answered, counts, mean: answered ? Math.round((sum / answered) * 10) / 10 : null };
  };
  const keys = { feltSafe: 'feltSafe', wasHeard: 'wasHeard', itHelped: 'itHelped' } as const;
  return {
    answers: answers.length,
    shown: true,
    scores: Object.fromEntries(
      FEEDBACK_QUESTIONS.map((q) => [q, score((a) => a[keys[q]])]),
    ) as FeedbackSummaryDto['scores'],
    comments: shuffled(answers.flatMap((a) => (a.comment ? [a.comment] : []))),
  };
}

/**
 * The programme's feedback (issue 16): after the meeting each person may answer once, from their
 * link, anonymously. The answer is stored without the person and apart from the mark that they
 * answered (sqliteFeedback.ts); facilitators see only sums, per case and across their cases.
 */
export function createFeedbackRouter(deps: ApiDeps, guards: Guards): Router {
  const { repo } = deps;
  const { requireFacilitator, facilitatedCase } = guards;
  const r = express.Router();

  const linkState = async (token: string) => {
    const invite = await requireInvite(deps, token);
    const m = (await repo.meetingById(invite.meeting_id))!;
    const body: LinkFeedbackDto = {
      open: m.status === 'ended',
      given: await repo.feedbackGiven(m.id, invite.person_id),
    };
    return { invite, m, body };
  };

  r.get(
    '/invite/:token/feedback',
    route(async (req, res) => {
      res.json((await linkState(String(req.params.token))).body);
    }),
  );

  r.post(
    '/invite/:token/feedback',
    route(async (req, res) => {
      const { invite, m, body: state } = await linkState(String(req.params.token));
      if (!state.open)
        throw new HttpError(409, 'INVALID_STATE', 'The questions open after the meeting.');
      const body = parseBody(FEEDBACK_BODY, req.body);
      const stored = await repo.insertFeedback(m.id, invite.person_id, m.caseId, {
        feltSafe: body.feltSafe,
        wasHeard: body.wasHeard,
        itHelped: body.itHelped,
        comment: body.comment || null,
      });
      if (!stored) throw new HttpError(409, 'CONFLICT', 'You have already answered. Thank you.');
      // No audit row: even "someone answered at 10:02" could be matched with who was online.
      const out: LinkFeedbackDto = { open: true, given: true };
      res.status(201).json(out);
    }),
  );

  r.get(
    '/cases/:caseId/feedback',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const c = await facilitatedCase(f, String(req.params.caseId));
      res.json(summarise(await repo.feedbackByCase(c.id)));
    }),
  );

  r.get(
    '/feedback',
    route(async (req, res) => {
      const f = await requireFacilitator(req);
      const all = (
        await Promise.all(
          (await repo.casesForFacilitator(f.id)).map((c) => repo.feedbackByCase(c.id)),
        )
      ).flat();
      res.json(summarise(all));
    }),
  );

  return r;
}
