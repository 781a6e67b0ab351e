import { z } from 'zod';
import { LANGUAGES, type Language } from '../i18n/languages';
import { PARTIES, ROLES, type Party, type Role } from '../room/roles';
import type { BoardItem } from '../room/board';
import { INTERPRETING_MODES, type InterpreterLink } from '../room/interpreters/mode';
import { HTTP_LIMITS } from './constants';
import { MEETING_KINDS, type MeetingKind } from '../room/prep/gate';

/** HTTP API bodies (validated with zod on the server) and answers. All JSON. */

export const EMAIL = z.string().trim().toLowerCase().email().max(HTTP_LIMITS.email);
export const PASSWORD = z
  .string()
  .min(HTTP_LIMITS.passwordMin, 'Use at least 12 characters')
  .max(200);
export const DISPLAY_NAME = z.string().trim().min(1).max(HTTP_LIMITS.displayName);
/** Case and meeting titles are neutral labels: no clinical words are allowed in links or titles. */
export const NEUTRAL_TITLE = z.string().trim().min(1).max(HTTP_LIMITS.title);

export const SETUP_BODY = z
  .object({
    token: z.string().min(10).max(200),
    email: EMAIL,
    name: DISPLAY_NAME,
    password: PASSWORD,
  })
  .strict();
export const LOGIN_BODY = z.object({ email: EMAIL, password: z.string().min(1).max(200) }).strict();
export const CREATE_CASE_BODY = z.object({ title: NEUTRAL_TITLE }).strict();
/**
 * The parties each participant role may sit in (research/domain.md §5.1): a patient or their
 * support person with the patient, a clinician or their support person with the clinicians, the
 * others apart. Facilitator roles are absent on purpose: facilitator power comes only from a
 * signed-in facilitator account, never from a person on the case and their invite link.
 */
export const PARTICIPANT_PARTIES: Partial<Record<Role, readonly Party[]>> = {
  patient: ['patient'],
  patient_support: ['patient'],
  hcw: ['hcw'],
  hcw_support: ['hcw'],
  org_rep: ['other'],
  interpreter: ['other'],
  observer: ['other'],
  captioner: ['other'],
};

/** The roles a person on a case may have (everything but the two facilitator roles). */
export const PARTICIPANT_ROLES = ROLES.filter((r) => PARTICIPANT_PARTIES[r] !== undefined);

/** A person's language (issue 17): their link, screens, summary and calendar file. */
export const LANGUAGE = z.enum(LANGUAGES);
/** Whom an interpreter interprets for: a person of the case, spoken or sign language. */
export const INTERPRETER_LINK = z
  .object({ memberId: z.string().min(1).max(100), mode: z.enum(INTERPRETING_MODES) })
  .strict();
export const ADD_PERSON_BODY = z
  .object({
    displayName: DISPLAY_NAME,
    party: z.enum(PARTIES),
    role: z.enum(ROLES),
    language: LANGUAGE.default('en'),
    /** An interpreter's person of the case (their person id) and mode (issue 17, A11Y-2). */
    interpretsFor: INTERPRETER_LINK.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.interpretsFor && b.role !== 'interpreter') {
      ctx.addIssue({
        code: 'custom',
        path: ['interpretsFor'],
        message: 'Only an interpreter interprets for someone.',
      });
    }
    const allowed = PARTICIPANT_PARTIES[b.role];
    if (!allowed) {
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message:
          'Facilitators and co-facilitators join with their own facilitator account. Assign a colleague to the case instead.',
      });
    } else if (!allowed.includes(b.party)) {
      ctx.addIssue({
        code: 'custom',
        path: ['party'],
        message: `This role belongs in the ${allowed.join(' or ')} party.`,
      });
    }
  });
/** The facilitator changes a person's language (POST /cases/:caseId/people/:personId/language). */
export const PERSON_LANGUAGE_BODY = z.object({ language: LANGUAGE }).strict();
/**
 * The facilitator changes whom an interpreter interprets for, on the case page
 * (POST /cases/:caseId/people/:personId/interpreter). Null: linked to nobody.
 */
export const PERSON_INTERPRETER_BODY = z
  .object({ interpretsFor: INTERPRETER_LINK.nullable() })
  .strict();
/** `?lang=` on the summary: the Markdown in the reader's language (else the person's). */
export const SUMMARY_QUERY = z.object({ lang: LANGUAGE.optional() });
/** A colleague's one-time account set-up: the same fields as the first facilitator's. */
export const COLLEAGUE_SETUP_BODY = SETUP_BODY;
/** Assign a facilitator account to a case, by its email or its id. */
export const ASSIGN_FACILITATOR_BODY = z.union([
  z.object({ email: EMAIL }).strict(),
  z.object({ facilitatorId: z.string().min(1).max(100) }).strict(),
]);
export const HANDOVER_BODY = z.object({ facilitatorId: z.string().min(1).max(100) }).strict();
export const CREATE_MEETING_BODY = z
  .object({
    title: NEUTRAL_TITLE,
    floorMode: z.enum(['gentle', 'protected']).default('gentle'),
    /** Issue 15: preparation, joint (the default) or follow-up. */
    kind: z.enum(MEETING_KINDS).default('joint'),
    /** Issue 15: who is in it, from the case's people (default: a joint meeting, everyone). */
    memberIds: z.array(z.string().min(1).max(100)).max(50).optional(),
  })
  .strict();

export interface FacilitatorDto {
  id: string;
  email: string;
  name: string;
}

/** `GET /api/auth/session`: who is signed in, or null (200 either way, unlike `/auth/me`). */
export interface SessionDto {
  facilitator: FacilitatorDto | null;
}

export interface PersonDto {
  id: string;
  displayName: string;
  party: Party;
  role: Role;
  /** Set by the facilitator; the person can still switch on every page (issue 17). */
  language: Language;
  /**
   * An interpreter's person of the case (a person id) and mode, set on the invite (issue 17);
   * absent for everyone else and for an interpreter not linked.
   */
  interpretsFor?: InterpreterLink;
}

export interface InviteDto {
  id: string;
  personId: string;
  meetingId: string;
  /** The full personal link (only returned to facilitators). */
  url: string;
  expiresAt: number;
  revokedAt: number | null;
}

export interface MeetingDto {
  id: string;
  caseId: string;
  title: string;
  createdAt: number;
  status: 'open' | 'live' | 'ended';
  /** Issue 15: the meeting's kind and its members (people of the case). */
  kind?: MeetingKind;
  memberIds?: string[];
}

export interface CaseSummaryDto {
  id: string;
  title: string;
  createdAt: number;
  closedAt: number | null;
  people: number;
  meetings: number;
  overdueItems: number;
}

export interface CaseDto {
  id: string;
  title: string;
  createdAt: number;
  closedAt: number | null;
  /** The lead facilitator (the case's owner). */
  lead: FacilitatorDto;
  /** Facilitator accounts assigned to the case (co-facilitators), lead excluded. */
  facilitators: FacilitatorDto[];
  /** True when the signed-in facilitator is the lead (only the lead changes the case). */
  viewerIsLead: boolean;
  people: PersonDto[];
  meetings: MeetingDto[];
  invites: InviteDto[];
}

/** A colleague's one-time account set-up link (shown once, to copy). */
export interface AccountInviteDto {
  url: string;
  expiresAt: number;
}

/** What someone opening their invite link learns before joining. */
export interface InviteInfoDto {
  meetingId: string;
  meetingTitle: string;
  person: PersonDto;
  invitedBy: string;
  meetingStatus: 'open' | 'live' | 'ended';
  /**
   * What this person's side asked for in preparation (its record's access needs), applied as a
   * default the person can change: captions on, and audio only on the device check. Only these
   * two flags, never the record itself (facilitators only, PRE-2).
   */
  access: PreparedAccess;
}

export interface PreparedAccess {
  captions: boolean;
  audioOnly: boolean;
}

/** GET /api/summary/:token and /api/meetings/:id/summary: only agreed items (409 until every party agreed to it). */
export interface SummaryDto {
  meetingTitle: string;
  finalisedAt: number | null;
  noAgreement: boolean;
  items: BoardItem[];
  markdown: string;
}

export interface AppConfigDto {
  /** False when no LiveKit server could be started or configured. */
  videoAvailable: boolean;
  /** Shown when video is unavailable: what to do. */
  videoHelp: string | null;
  needsSetup: boolean;
}

export { CSRF_HEADER } from './constants';
