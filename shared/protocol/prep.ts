import { z } from 'zod';
import {
  MEETING_KINDS,
  READINESS_DECISIONS,
  type GateItem,
  type MeetingKind,
  type ReadinessDecision,
} from '../room/prep/gate';
import type { Party, Role } from '../room/roles';

/*
 * Before the joint meeting (issue 15): who is in which meeting, readiness per party, consent per
 * person, the patient's timing, the preparation record and the patient's shared questions. HTTP
 * only: none of it ever enters the room's state or its command log (the room gets the gate, ids
 * and codes, derived by the server).
 */

export {
  MEETING_KINDS,
  READINESS_DECISIONS,
  type GateItem,
  type MeetingKind,
  type ReadinessDecision,
};

const ID = z.string().min(1).max(100);
/** Free text a facilitator or a person writes: kept short, never logged. */
const TEXT = z.string().trim().max(2000);
const SHORT = z.string().trim().max(200);

/** The parties a readiness decision and a preparation record are for (not the facilitators). */
export const PREP_PARTIES = ['patient', 'hcw', 'other'] as const satisfies readonly Party[];
export type PrepParty = (typeof PREP_PARTIES)[number];

/** Who is in a meeting, chosen from the case's people (a preparation meeting: one party only). */
export const SET_MEMBERS_BODY = z.object({ memberIds: z.array(ID).max(50) }).strict();

export const READINESS_BODY = z
  .object({
    party: z.enum(PREP_PARTIES),
    decision: z.enum(READINESS_DECISIONS),
    /** The day of the decision, as the facilitator gives it (YYYY-MM-DD). */
    decidedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-14'),
    note: TEXT.default(''),
  })
  .strict();

export interface ReadinessDto {
  party: PrepParty;
  decision: ReadinessDecision;
  decidedOn: string;
  /** Private to the facilitators. */
  note: string;
  at: number;
}

/** What each member of a meeting has consented to, as the facilitators see it. */
export type ConsentStatus = 'current' | 'outdated' | 'withdrawn' | 'missing';
export interface ConsentStatusDto {
  personId: string;
  status: ConsentStatus;
  /** When they last consented or withdrew. */
  at: number | null;
}

/** A meeting's preparation at a glance (facilitators): members, readiness, consents, the gate. */
export interface MeetingPrepDto {
  meetingId: string;
  kind: MeetingKind;
  status: 'open' | 'live' | 'ended';
  memberIds: string[];
  readiness: ReadinessDto[];
  consents: ConsentStatusDto[];
  missing: GateItem[];
}

/** What a person reads and agrees to through their own link (PRE-4, PRE-12). */
export interface ConsentTermsDto {
  /** Changes whenever who is present changes: consent to an older version is asked again. */
  version: string;
  meetingKind: MeetingKind;
  /** Who will be present (observers named), facilitators included. */
  present: { name: string; role: Role }[];
  status: ConsentStatus;
  at: number | null;
}

/** Each part is agreed to separately; all three are needed to take part. */
export const CONSENT_BODY = z
  .object({
    version: z.string().min(1).max(100),
    participate: z.literal(true),
    attendees: z.literal(true),
    summary: z.literal(true),
  })
  .strict();

/** Times the facilitator proposes for a meeting (the patient side chooses). */
export const PROPOSE_TIMES_BODY = z
  .object({
    times: z
      .array(
        z
          .object({
            startsAt: z.number().int().positive(),
            minutes: z.number().int().min(15).max(240).default(90),
          })
          .strict(),
      )
      .min(1)
      .max(6),
  })
  .strict();

export const CHOOSE_TIME_BODY = z.union([
  z.object({ proposalId: ID }).strict(),
  z.object({ noneSuits: z.literal(true) }).strict(),
]);

export interface TimeProposalDto {
  id: string;
  startsAt: number;
  minutes: number;
}

/** The timing of a meeting as one viewer may see it. */
export interface TimingDto {
  /** Empty for the clinicians' side: they are never shown times before the patient chose. */
  proposals: TimeProposalDto[];
  chosen: TimeProposalDto | null;
  noneSuits: boolean;
  /** Whether this viewer may choose (the patient's side, before a choice). */
  canChoose: boolean;
}

const FLAG = z.boolean().default(false);

/** One party's preparation record (PRE-2): facilitators only, never shown to anyone else. */
export const PREP_RECORD_BODY = z
  .object({
    hopes: TEXT.default(''),
    questions: TEXT.default(''),
    avoidTopics: TEXT.default(''),
    namesPronouns: TEXT.default(''),
    supportPeople: TEXT.default(''),
    access: z
      .object({
        captions: FLAG,
        interpreter: FLAG,
        language: SHORT.default(''),
        audioOnly: FLAG,
        breaks: FLAG,
        other: SHORT.default(''),
      })
      .strict()
      .default({
        captions: false,
        interpreter: false,
        language: '',
        audioOnly: false,
        breaks: false,
        other: '',
      }),
  })
  .strict();
export type PrepRecord = z.infer<typeof PREP_RECORD_BODY>;

/** One person's safety plan (PRE-8): facilitators only. */
export const SAFETY_PLAN_BODY = z
  .object({
    location: SHORT.default(''),
    callbackNumber: z
      .string()
      .trim()
      .max(40)
      .regex(/^[0-9+()\-. ]*$/, 'Use digits, spaces and + ( ) - only')
      .default(''),
    afterSupport: SHORT.default(''),
    ifDistressed: TEXT.default(''),
  })
  .strict();
export type SafetyPlan = z.infer<typeof SAFETY_PLAN_BODY>;

/** A case's preparation as the facilitators see it (PrepHints reads it beside each person). */
export interface CasePrepDto {
  records: Partial<Record<PrepParty, PrepRecord & { updatedAt: number }>>;
  safety: Record<string, SafetyPlan & { updatedAt: number }>;
}

/** The patient side's questions: written through their link, shared one by one if they choose. */
export const ADD_QUESTION_BODY = z.object({ text: z.string().trim().min(1).max(500) }).strict();
export const SHARE_QUESTION_BODY = z.object({ shared: z.boolean() }).strict();

export interface QuestionDto {
  id: string;
  text: string;
  shared: boolean;
  at: number;
}
