import { z } from 'zod';
import { PARTIES, STORY_PARTIES } from '../room/roles';
import { PHASE_KINDS } from '../room/phases';
import { INTERPRETING_MODES } from '../room/interpreters/mode';
import { BOARD_CATEGORIES, FOLLOW_UP_STATUSES, LIMITS } from './constants';

export { BOARD_CATEGORIES, FOLLOW_UP_STATUSES, LIMITS };
export type { BoardCategory, FollowUpStatus } from './constants';

/**
 * One zod schema per client command. Every command travels in one envelope on the `room:command`
 * event: `{ id, command }`, where `id` is the client's command id (a retried command applies once).
 */
const id = z.string().min(1).max(64);
const party = z.enum(PARTIES);
const storyParty = z.enum(STORY_PARTIES);

const trimmed = (max: number) => z.string().trim().max(max);

export const FLOOR_HOLDER_SCHEMA = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('party'), party }).strict(),
  z.object({ kind: z.literal('person'), memberId: id }).strict(),
]);

export const PHASE_INPUT_SCHEMA = z
  .object({
    id: id.optional(),
    kind: z.enum(PHASE_KINDS),
    name: trimmed(LIMITS.phaseName),
    party: storyParty.nullable(),
    prompt: trimmed(LIMITS.prompt),
  })
  .strict();

// A real calendar date (not just the shape: 2026-02-31 is refused).
const isoDate = z.iso.date({ error: 'Use a date like 2026-12-31' });

export const BOARD_FIELDS_SCHEMA = z
  .object({
    text: z.string().trim().min(1).max(LIMITS.boardText),
    category: z.enum(BOARD_CATEGORIES),
    owner: trimmed(LIMITS.boardShort),
    ownerMemberId: id.nullable(),
    dueDate: isoDate.nullable(),
    completionEvidence: trimmed(LIMITS.boardShort),
    visibleTo: z.array(party).min(1).max(PARTIES.length),
    affectedParties: z.array(storyParty).min(1).max(STORY_PARTIES.length),
  })
  .strict();
export type BoardFields = z.infer<typeof BOARD_FIELDS_SCHEMA>;

export const ROOM_COMMAND_SCHEMA = z.discriminatedUnion('type', [
  // lobby and membership
  z.object({ type: z.literal('lobby.join') }).strict(),
  z.object({ type: z.literal('lobby.admit'), memberId: id }).strict(),
  z.object({ type: z.literal('lobby.deny'), memberId: id }).strict(),
  z.object({ type: z.literal('lobby.lock'), locked: z.boolean() }).strict(),
  z.object({ type: z.literal('member.remove'), memberId: id }).strict(),
  // meeting
  z.object({ type: z.literal('meeting.start') }).strict(),
  z.object({ type: z.literal('meeting.end') }).strict(),
  z.object({ type: z.literal('meeting.endSafely') }).strict(),
  z
    .object({
      type: z.literal('script.update'),
      phases: z.array(PHASE_INPUT_SCHEMA).min(1).max(LIMITS.phases),
      storyOrder: z.array(storyParty).length(2),
      floorMode: z.enum(['gentle', 'protected']),
      softTurnLimitSec: z.number().int().min(30).max(3600).nullable(),
    })
    .strict(),
  // phases
  z.object({ type: z.literal('phase.next') }).strict(),
  z.object({ type: z.literal('phase.previous') }).strict(),
  // floor
  z.object({ type: z.literal('floor.give'), holder: FLOOR_HOLDER_SCHEMA }).strict(),
  z.object({ type: z.literal('floor.pass') }).strict(),
  z.object({ type: z.literal('floor.done') }).strict(),
  z.object({ type: z.literal('floor.request') }).strict(),
  z.object({ type: z.literal('floor.withdraw') }).strict(),
  z.object({ type: z.literal('floor.reclaim') }).strict(),
  z.object({ type: z.literal('floor.open'), open: z.boolean() }).strict(),
  z.object({ type: z.literal('floor.setMode'), mode: z.enum(['gentle', 'protected']) }).strict(),
  // pause
  z
    .object({
      type: z.literal('pause.start'),
      message: trimmed(LIMITS.pauseMessage).nullable(),
      breakMinutes: z.number().int().min(1).max(LIMITS.breakMinutes).nullable(),
    })
    .strict(),
  z.object({ type: z.literal('pause.resume') }).strict(),
  z
    .object({ type: z.literal('pause.request'), reason: trimmed(LIMITS.pauseReason).nullable() })
    .strict(),
  z.object({ type: z.literal('pause.dismissRequest'), requestId: id }).strict(),
  // side rooms
  z
    .object({
      type: z.literal('sideRoom.open'),
      memberIds: z.array(id).min(1).max(12),
      facilitatorIds: z.array(id).max(4),
      purpose: z.enum(['checkin', 'caucus']),
    })
    .strict(),
  z.object({ type: z.literal('sideRoom.close'), sideRoomId: id }).strict(),
  // self
  z.object({ type: z.literal('self.stepOut') }).strict(),
  z.object({ type: z.literal('self.stepBack') }).strict(),
  z.object({ type: z.literal('self.leave') }).strict(),
  z
    .object({
      type: z.literal('message.toFacilitators'),
      text: z.string().trim().min(1).max(LIMITS.messageText),
    })
    .strict(),
  z.object({ type: z.literal('alert.dismiss'), alertId: id }).strict(),
  z.object({ type: z.literal('message.dismiss'), messageId: id }).strict(),
  /** Mutes someone's microphone (background noise). There is no remote unmute. */
  z.object({ type: z.literal('member.mute'), memberId: id }).strict(),
  /**
   * Links an interpreter to the person they interpret for, spoken or sign language (issue 17,
   * A11Y-2), or unlinks them (null). Facilitators only.
   */
  z
    .object({
      type: z.literal('interpreter.link'),
      memberId: id,
      interpretsFor: z
        .object({ memberId: id, mode: z.enum(INTERPRETING_MODES) })
        .strict()
        .nullable(),
    })
    .strict(),
  // board
  z.object({ type: z.literal('board.propose'), fields: BOARD_FIELDS_SCHEMA }).strict(),
  z
    .object({
      type: z.literal('board.edit'),
      itemId: id,
      baseVersion: z.number().int().min(0),
      fields: BOARD_FIELDS_SCHEMA,
    })
    .strict(),
  z.object({ type: z.literal('board.remove'), itemId: id }).strict(),
  z
    .object({ type: z.literal('board.reorder'), itemIds: z.array(id).max(LIMITS.boardItems) })
    .strict(),
  z
    .object({
      type: z.literal('board.merge'),
      itemIds: z.array(id).min(2).max(10),
      text: z.string().trim().min(1).max(LIMITS.boardText),
    })
    .strict(),
  z
    .object({
      type: z.literal('board.consent'),
      itemId: id,
      baseVersion: z.number().int().min(0),
      decision: z.enum(['consent', 'decline']),
    })
    .strict(),
  z.object({ type: z.literal('board.finalise'), noAgreement: z.boolean() }).strict(),
  z.object({ type: z.literal('board.consentSummary') }).strict(),
  z
    .object({
      type: z.literal('followup.update'),
      itemId: id,
      status: z.enum(FOLLOW_UP_STATUSES),
      reason: trimmed(LIMITS.boardShort).nullable(),
    })
    .strict(),
]);
export type ClientCommand = z.infer<typeof ROOM_COMMAND_SCHEMA>;
export type ClientCommandType = ClientCommand['type'];

export const COMMAND_ENVELOPE_SCHEMA = z
  .object({
    /** The client's id for this command: a retry with the same id applies once. */
    id: z.string().min(8).max(64),
    command: ROOM_COMMAND_SCHEMA,
  })
  .strict();
export type CommandEnvelope = z.infer<typeof COMMAND_ENVELOPE_SCHEMA>;
