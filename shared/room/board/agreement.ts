import type { BoardItem } from '../board';
import { isFacilitator } from '../policies';
import type { StoryParty } from '../roles';
import type { Member, RoomState } from '../state';

/**
 * An item is agreed only when every party it affects has consented to its current version (an edit
 * clears every answer, so a consent always refers to the text the party saw). research/domain.md
 * AGR-1: explicit consent of each affected party, no pre-ticked boxes.
 */
export function isAgreed(item: BoardItem): boolean {
  return item.fields.affectedParties.every((p) => item.consents[p]?.decision === 'consent');
}

/** Whether a person may answer for their party, and if not, a plain-language reason. */
export type ConsentRight = { ok: true; party: StoryParty } | { ok: false; message: string };

/**
 * Who answers for a story party (the permission matrix in research/domain.md §5.1, "Consent to
 * agreement items"):
 * - the patient, for the patient party; each healthcare worker, for the healthcare-worker party;
 * - a patient support person (family, substitute decision-maker) only when the patient party has
 *   no admitted member with the patient role, e.g. the patient has died or lacks capacity;
 * - never facilitators, healthcare-worker support people, interpreters or observers;
 * - never organisation representatives: they belong to the 'other' party and items only ask the
 *   patient and healthcare-worker parties to agree (there are no organisation items yet).
 *
 * This says nothing about the person's presence: callers check that separately.
 *
 * @example
 * const right = consentRight(state, member);
 * if (right.ok) showConsentButtonsFor(right.party);
 */
export function consentRight(state: RoomState, m: Member): ConsentRight {
  if (isFacilitator(m)) {
    return { ok: false, message: 'Facilitators guide the agreement; the parties give consent.' };
  }
  switch (m.role) {
    case 'patient':
      return m.party === 'patient' ? { ok: true, party: 'patient' } : notAParty();
    case 'hcw':
      return m.party === 'hcw' ? { ok: true, party: 'hcw' } : notAParty();
    case 'patient_support':
      if (m.party !== 'patient') return notAParty();
      if (patientPresent(state)) {
        return { ok: false, message: 'The patient is here and answers for the patient party.' };
      }
      return { ok: true, party: 'patient' };
    case 'hcw_support':
      return {
        ok: false,
        message: 'The healthcare worker answers for their party; support people do not.',
      };
    case 'org_rep':
      return {
        ok: false,
        message:
          'Organisation representatives do not answer for the patient or healthcare-worker party.',
      };
    default:
      return { ok: false, message: 'Your role does not give consent to agreement items.' };
  }
}

function notAParty(): ConsentRight {
  return { ok: false, message: 'Your party does not give consent to agreement items.' };
}

/** The patient party has an admitted member with the patient role. */
function patientPresent(state: RoomState): boolean {
  return Object.values(state.members).some(
    (m) => m.role === 'patient' && m.party === 'patient' && m.status === 'admitted',
  );
}
