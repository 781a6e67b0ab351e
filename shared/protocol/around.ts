import { z } from 'zod';
import type { MediaIce } from './events';

/*
 * HTTP bodies and answers for what happens around the joint meeting (issue 16): the practice
 * room, the written exchange relayed by the facilitator, follow-up that lasts, and the programme's
 * anonymous feedback. Validated with zod on the server.
 */

/** Tokens for a person's own practice room: one connection sends, the other receives it back. */
export interface PracticeGrantDto {
  url: string;
  sendToken: string;
  receiveToken: string;
  ice: MediaIce;
}

/** An IANA time zone name the runtime knows (e.g. Europe/London); follow-up dates use it. */
export const TIME_ZONE = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Use a time zone name such as Europe/London' },
  );

export const TIME_ZONE_BODY = z.object({ timeZone: TIME_ZONE }).strict();

/** An agreed item past its due date (in its case's time zone), neither done nor not possible. */
export interface OverdueItemDto {
  caseId: string;
  caseTitle: string;
  meetingId: string;
  meetingTitle: string;
  itemId: string;
  text: string;
  owner: string;
  dueDate: string;
  status: string;
  /** Whole days past the due date, counted in the case's time zone. */
  daysLate: number;
  timeZone: string;
}

/** A case's follow-up as its facilitators see it. */
export interface CaseFollowUpDto {
  timeZone: string;
  /** Today's date in the case's time zone (YYYY-MM-DD). */
  today: string;
  overdue: OverdueItemDto[];
}

/** What a person's link adds to the agreed items it shows: which are late today. */
export interface LinkFollowUpDto {
  timeZone: string;
  today: string;
  /** Ids of agreed items this person may see that are past due and still open. */
  late: string[];
}

/** Longest message of the written exchange (characters). */
export const RELAY_MAX = 4000;

/** The facilitator opens or closes the written exchange of a case. */
export const RELAY_OPEN_BODY = z.object({ open: z.boolean() }).strict();
/** A person writes to the other side, through the facilitator. */
export const RELAY_WRITE_BODY = z
  .object({ body: z.string().trim().min(1).max(RELAY_MAX) })
  .strict();
/** The facilitator gives a message back to its writer, saying why. */
export const RELAY_RETURN_BODY = z.object({ note: z.string().trim().min(1).max(1000) }).strict();

export type RelayStatus = 'pending' | 'released' | 'returned';

/** A message as the facilitators see it (by side; the writer's name for the facilitators only). */
export interface RelayMessageDto {
  id: string;
  fromParty: string;
  writer: string;
  body: string;
  status: RelayStatus;
  note: string | null;
  createdAt: number;
  decidedAt: number | null;
}

export interface CaseRelayDto {
  open: boolean;
  messages: RelayMessageDto[];
}

/** What a person's link shows of the exchange: what they wrote, and what reached them. */
export interface LinkRelayDto {
  open: boolean;
  /** Whether this person's side takes part (the patient side and the healthcare side do). */
  canWrite: boolean;
  mine: { id: string; body: string; status: RelayStatus; note: string | null; createdAt: number }[];
  /** Released messages from the other side, without names. */
  received: { id: string; fromParty: string; body: string; releasedAt: number }[];
}

/** A person's e-mail address for notifications, set by a facilitator (null removes it). */
export const PERSON_EMAIL_BODY = z
  .object({ email: z.string().trim().toLowerCase().email().max(200).nullable() })
  .strict();

/** The notification settings of a case, for its facilitators. */
export interface CaseNotificationsDto {
  /** False when the server has no SMTP configured: nothing is ever sent. */
  enabled: boolean;
  people: { personId: string; email: string | null }[];
}

/** The feedback questions, each answered 1 (not at all) to 5 (completely), or skipped. */
export const FEEDBACK_QUESTIONS = ['feltSafe', 'wasHeard', 'itHelped'] as const;
export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number];
const SCORE = z.number().int().min(1).max(5).nullable().default(null);

/** One anonymous answer from a person's link, after the meeting; at least one part answered. */
export const FEEDBACK_BODY = z
  .object({
    feltSafe: SCORE,
    wasHeard: SCORE,
    itHelped: SCORE,
    comment: z.string().trim().max(2000).nullable().default(null),
  })
  .strict()
  .refine((b) => b.feltSafe ?? b.wasHeard ?? b.itHelped ?? (b.comment || null), {
    message: 'Answer at least one question, or write a comment.',
  });

/** Whether a person's link may answer now. */
export interface LinkFeedbackDto {
  /** After the meeting only. */
  open: boolean;
  /** This person has answered (once is all). */
  given: boolean;
}

/** The answers to one question, added up: how many gave each score (index 0 is score 1). */
export interface ScoreSummary {
  answered: number;
  counts: [number, number, number, number, number];
  mean: number | null;
}

/**
 * Feedback added up, never per person: shown only once at least FEEDBACK_MIN_ANSWERS people have
 * answered (`shown` false before), comments in no particular order.
 */
export interface FeedbackSummaryDto {
  answers: number;
  shown: boolean;
  scores: Record<FeedbackQuestion, ScoreSummary> | null;
  comments: string[];
}

/** Fewer answers than this are not shown, so that no answer stands alone. */
export const FEEDBACK_MIN_ANSWERS = 2;
