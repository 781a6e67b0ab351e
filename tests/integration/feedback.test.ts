import { describe, expect, it } from 'vitest';
import type { FeedbackSummaryDto, LinkFeedbackDto } from '../../shared/protocol/around';
import { meetingWithAgreedItems } from '../support/followup';
import { apiCall, rowCount, useTestServer } from '../support/lifecycle';
import {
  api,
  createColleague,
  createMeeting,
  type Client,
  type TestServer,
} from '../support/server';

/** The programme's feedback: anonymous, once per link, after the meeting, shown only added up. */
describe('feedback: anonymous, once per person, never attributed', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients, { each: true });

  const answer = (token: string, body: unknown) =>
    apiCall(s, 'POST', `/invite/${token}/feedback`, body, '');

  it('opens after the meeting, takes one answer per link, and stores no person', async () => {
    // Before the meeting has ended: closed.
    const early = await createMeeting(s, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
    ]);
    expect((await answer(early.people.pat!.token, { feltSafe: 4 })).status).toBe(409);

    const { m, clients: open } = await meetingWithAgreedItems(s, [
      { text: 'Write down the answers', dueDate: null },
    ]);
    clients.push(...open);
    const pat = m.people.pat!.token;
    const cli = m.people.cli!.token;
    expect(await api<LinkFeedbackDto>(s, 'GET', `/invite/${pat}/feedback`)).toEqual({
      open: true,
      given: false,
    });
    // Nothing answered at all, a score out of range, an unknown field: refused, nothing stored.
    for (const bad of [{}, { feltSafe: 6 }, { feltSafe: 0 }, { feltSafe: 3, name: 'Pat' }]) {
      expect((await answer(pat, bad)).status).toBe(400);
    }
    expect(rowCount(s, 'feedback_answers')).toBe(0);

    expect(
      (await answer(pat, { feltSafe: 4, wasHeard: 5, itHelped: 3, comment: 'Calm' })).status,
    ).toBe(201);
    expect((await answer(pat, { feltSafe: 1 })).status).toBe(409);
    expect(rowCount(s, 'feedback_answers')).toBe(1);

    // One answer alone is not shown; two are, added up, the comment without its writer.
    let sum = await api<FeedbackSummaryDto>(s, 'GET', `/cases/${m.caseId}/feedback`);
    expect(sum).toEqual({ answers: 1, shown: false, scores: null, comments: [] });
    expect(
      (await answer(cli, { feltSafe: 2, itHelped: 5, comment: 'Hard but useful' })).status,
    ).toBe(201);
    sum = await api<FeedbackSummaryDto>(s, 'GET', `/cases/${m.caseId}/feedback`);
    expect(sum.answers).toBe(2);
    expect(sum.scores!.feltSafe).toEqual({ answered: 2, counts: [0, 1, 0, 1, 0], mean: 3 });
    expect(sum.scores!.wasHeard).toEqual({ answered: 1, counts: [0, 0, 0, 0, 1], mean: 5 });
    expect([...sum.comments].sort()).toEqual(['Calm', 'Hard but useful']);
    expect(JSON.stringify(sum)).not.toMatch(/Pat Doe|Casey|person/i);
    const all = await api<FeedbackSummaryDto>(s, 'GET', '/feedback');
    expect(all.answers).toBe(2);

    // The stored answer holds no person, no time and no order of arrival.
    const columns = (
      s.app.db!.prepare('PRAGMA table_info(feedback_answers)').all() as {
        name: string;
      }[]
    ).map((c) => c.name);
    expect(columns.sort()).toEqual(
      ['case_id', 'comment', 'felt_safe', 'id', 'it_helped', 'was_heard'].sort(),
    );
    expect(() => s.app.db!.prepare('SELECT rowid FROM feedback_answers').all()).toThrow();
    // No audit row either (when someone answered could be matched with who was online).
    expect(
      (await s.app.store.auditByMeeting(m.meetingId)).some((a) => /feedback/.test(a.event)),
    ).toBe(false);

    // Another facilitator, or nobody, sees nothing.
    const stranger = await createColleague(s, 'Sam Stranger');
    expect(
      (await apiCall(s, 'GET', `/cases/${m.caseId}/feedback`, undefined, stranger.cookie)).status,
    ).toBe(404);
    expect((await apiCall(s, 'GET', '/feedback', undefined, '')).status).toBe(401);
  });
});
