// Issue 16's pure parts: days in a case's time zone, the neutral e-mail texts, feedback sums,
// and the practice rooms' bookkeeping (over the in-memory fake SFU; the real one in
// tests/e2e/practice.test.ts).
import { describe, expect, it } from 'vitest';
import { FEEDBACK_BODY, TIME_ZONE } from '../../../shared/protocol/around';
import { daysBetween, isLate, todayIn } from '../../../server/src/followup/overdue';
import { summarise } from '../../../server/src/http/feedbackRoutes';
import { createFakeLiveKitGateway } from '../../../server/src/livekit/gateway';
import {
  createPracticeRooms,
  PRACTICE_IDENTITY,
  PRACTICE_MAX_AGE_MS,
  PRACTICE_MAX_OPEN,
  PRACTICE_REOPEN_MS,
  PRACTICE_PREFIX,
} from '../../../server/src/livekit/practiceRooms';
import { NOTIFICATION_KINDS, notificationText } from '../../../server/src/notify/texts';
import type { BoardItem } from '../../../shared/room/board';

const item = (dueDate: string | null, status: BoardItem['followUp']['status']) =>
  ({
    fields: { dueDate },
    followUp: { status, reason: null, updatedAt: null, updatedBy: null },
  }) as unknown as BoardItem;

describe('follow-up days in the case’s time zone', () => {
  const at = Date.parse('2026-03-10T23:30:00Z');
  it.each([
    ['UTC', '2026-03-10'],
    ['Pacific/Auckland', '2026-03-11'],
    ['America/Los_Angeles', '2026-03-10'],
    ['Asia/Kolkata', '2026-03-11'],
  ])('%s: today is %s', (tz, day) => {
    expect(todayIn(tz, at)).toBe(day);
  });
  it('counts whole days, across a month end and a daylight-saving change', () => {
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
  it.each([
    [item('2026-03-09', 'planned'), true],
    [item('2026-03-09', 'in_progress'), true],
    [item('2026-03-10', 'planned'), false],
    [item('2026-03-09', 'done'), false],
    [item('2026-03-09', 'not_possible'), false],
    [item(null, 'planned'), false],
  ])('late on 2026-03-10: %#', (i, late) => {
    expect(isLate(i, '2026-03-10')).toBe(late);
  });
  it('takes IANA names only', () => {
    expect(TIME_ZONE.safeParse('Europe/London').success).toBe(true);
    expect(TIME_ZONE.safeParse('Mars/Base').success).toBe(false);
    expect(TIME_ZONE.safeParse('').success).toBe(false);
  });
});

describe('notification texts', () => {
  it.each(NOTIFICATION_KINDS)('%s: the link and the facts, nothing else', (kind) => {
    const { subject, text } = notificationText(kind, {
      link: 'https://x.example/j/abc',
      when: 'Tuesday 2 June 2026 at 10:00 (Europe/London)',
      date: '1 June 2026',
    });
    expect(text).toContain('https://x.example/j/abc');
    expect(`${subject} ${text}`).not.toMatch(/undefined|\{\{|incident|harm|error|clinical/i);
  });
});

describe('feedback sums', () => {
  const a = (feltSafe: number | null, comment: string | null = null) => ({
    feltSafe,
    wasHeard: null,
    itHelped: null,
    comment,
  });
  it('shows nothing but the count below two answers', () => {
    expect(summarise([a(5, 'Only me')])).toEqual({
      answers: 1,
      shown: false,
      scores: null,
      comments: [],
    });
  });
  it('adds up scores and keeps the comments without order', () => {
    const s = summarise([a(5, 'x'), a(2), a(null, 'y')]);
    expect(s.scores!.feltSafe).toEqual({ answered: 2, counts: [0, 1, 0, 0, 1], mean: 3.5 });
    expect(s.scores!.wasHeard.mean).toBeNull();
    expect([...s.comments].sort()).toEqual(['x', 'y']);
  });
  it('needs at least one answer or a comment', () => {
    expect(FEEDBACK_BODY.safeParse({}).success).toBe(false);
    expect(FEEDBACK_BODY.safeParse({ comment: '  ' }).success).toBe(false);
    expect(FEEDBACK_BODY.safeParse({ itHelped: 4 }).success).toBe(true);
  });
});

describe('practice rooms', () => {
  it('gives each link one room of its own, capped, under an unguessable cgp_ name', async () => {
    const lk = createFakeLiveKitGateway();
    let now = 0;
    const rooms = createPracticeRooms(lk, () => now);
    await rooms.open('link-a', 'A');
    const first = rooms.roomOf('link-a')!;
    expect(first.startsWith(PRACTICE_PREFIX)).toBe(true);
    expect(first.length).toBeGreaterThan(PRACTICE_PREFIX.length + 20);
    expect(lk.tokens.map((t) => [t.room, t.identity, t.publish])).toEqual([
      [first, PRACTICE_IDENTITY.send, { audio: true, video: true }],
      [first, PRACTICE_IDENTITY.receive, { audio: false, video: false }],
    ]);
    // Opening again at once is refused (a loop of requests is cut); a moment later it replaces
    // the room; ending deletes it.
    expect(await rooms.open('link-a', 'A')).toBe('again');
    expect(rooms.roomOf('link-a')).toBe(first);
    now += PRACTICE_REOPEN_MS;
    await rooms.open('link-a', 'A');
    expect(rooms.roomOf('link-a')).not.toBe(first);
    expect(lk.rooms.has(first)).toBe(false);
    await rooms.close('link-a');
    expect([...lk.rooms.keys()]).toEqual([]);

    // At most PRACTICE_MAX_OPEN at once; old ones are forgotten after PRACTICE_MAX_AGE_MS.
    for (let i = 0; i < PRACTICE_MAX_OPEN; i++)
      expect(typeof (await rooms.open(`l${i}`, 'x'))).toBe('object');
    expect(await rooms.open('one-more', 'x')).toBe('full');
    now += PRACTICE_MAX_AGE_MS;
    expect(typeof (await rooms.open('one-more', 'x'))).toBe('object');
    expect(lk.rooms.size).toBe(1);
  });
});
