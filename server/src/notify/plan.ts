import { canSee } from '../../../shared/room/board/fields';
import { STORY_PARTIES } from '../../../shared/room/roles';
import { summaryItems } from '../../../shared/room/board/summary';
import { isLate, todayIn } from '../followup/overdue';
import type { InviteRow, Store } from '../store/ports';
import type { NotificationKind } from './texts';

/** A reminder goes this long before the meeting's chosen time. */
export const REMINDER_BEFORE_MS = 24 * 3600_000;

type PlanStore = Pick<
  Store,
  | 'peopleWithEmail'
  | 'invitesByCase'
  | 'meetingsByCase'
  | 'meetingById'
  | 'timeChoice'
  | 'timeProposals'
  | 'loadSnapshot'
  | 'caseTimeZone'
  | 'scheduleNotification'
  | 'relayMessages'
>;

const isSide = (party: string) => (STORY_PARTIES as readonly string[]).includes(party);

/** A notification's `ref`: what it is about, so each is sent once ("meeting:proposal", …). */
export const refOf = (...parts: string[]) => parts.join(':');

/**
 * Derives from the data alone what should be sent, and adds what is missing as due rows (each
 * kind about each thing once per person: the table's unique key). Run on every tick, so a
 * restarted server, a new e-mail address or a new time are picked up without any timer held in
 * memory. Only people of open cases with an address are considered.
 */
export async function planNotifications(
  repo: PlanStore,
  now: number,
  newId: () => string,
): Promise<void> {
  const add = async (personId: string, kind: NotificationKind, ref: string, dueAt: number) =>
    await repo.scheduleNotification({ id: newId(), personId, kind, ref, dueAt });
  const liveLink = (invites: InviteRow[], personId: string, meetingId: string) =>
    invites.find(
      (i) =>
        i.person_id === personId &&
        i.meeting_id === meetingId &&
        i.revoked_at === null &&
        i.expires_at > now,
    );

  const people = await repo.peopleWithEmail();
  const byCase = new Map<string, typeof people>();
  for (const p of people) byCase.set(p.case_id, [...(byCase.get(p.case_id) ?? []), p]);

  for (const [caseId, members] of byCase) {
    const invites = await repo.invitesByCase(caseId);
    const today = todayIn(await repo.caseTimeZone(caseId), now);
    // The written exchange: a message released to the other side, or returned to its writer
    // with the facilitator's note (never the words of either).
    for (const msg of await repo.relayMessages(caseId)) {
      if (msg.status === 'returned') {
        if (members.some((p) => p.id === msg.person_id))
          await add(msg.person_id, 'returned', msg.id, msg.decided_at ?? now);
        continue;
      }
      if (msg.status !== 'released') continue;
      for (const p of members) {
        if (isSide(p.party) && p.party !== msg.from_party)
          await add(p.id, 'message', msg.id, msg.decided_at ?? now);
      }
    }
    for (const m of await repo.meetingsByCase(caseId)) {
      if (m.status !== 'ended') {
        for (const p of members) {
          const link = liveLink(invites, p.id, m.id);
          if (!link) continue;
          await add(p.id, 'invitation', link.id, link.created_at);
          const choice = await repo.timeChoice(m.id);
          const chosen = choice?.proposal_id
            ? (await repo.timeProposals(m.id)).find((t) => t.id === choice.proposal_id)
            : undefined;
          if (chosen && chosen.starts_at > now) {
            await add(p.id, 'time', refOf(m.id, chosen.id), now);
            await add(
              p.id,
              'reminder',
              refOf(m.id, chosen.id),
              chosen.starts_at - REMINDER_BEFORE_MS,
            );
          }
        }
        continue;
      }
      // After the meeting: agreed steps due today, or late, to their owner and the patient side.
      const state = await repo.loadSnapshot(m.id);
      if (!state || state.board.finalisedAt === null) continue;
      for (const item of summaryItems(state)) {
        const due = item.fields.dueDate;
        if (!due || item.followUp.status === 'done' || item.followUp.status === 'not_possible')
          continue;
        const kind: NotificationKind | null =
          due === today ? 'due' : isLate(item, today) ? 'late' : null;
        if (!kind) continue;
        for (const p of members) {
          const member = state.members[p.id];
          const owner = item.fields.ownerMemberId === p.id;
          const patientSide =
            p.party === 'patient' && !!member && canSee(member, item.fields.visibleTo);
          if (owner || patientSide) await add(p.id, kind, refOf(m.id, item.id, due), now);
        }
      }
    }
  }
}
