/** Roles and parties, as in research/domain.md §5.1. `as const` objects plus derived unions. */
export const PARTIES = ['patient', 'hcw', 'facilitation', 'other'] as const;
export type Party = (typeof PARTIES)[number];

export const ROLES = [
  'facilitator',
  'cofacilitator',
  'patient',
  'patient_support',
  'hcw',
  'hcw_support',
  'org_rep',
  'interpreter',
  'observer',
  'captioner',
] as const;
export type Role = (typeof ROLES)[number];

/** The party a role belongs to by default (a facilitator may choose another for 'other' roles). */
export const DEFAULT_PARTY: Record<Role, Party> = {
  facilitator: 'facilitation',
  cofacilitator: 'facilitation',
  patient: 'patient',
  patient_support: 'patient',
  hcw: 'hcw',
  hcw_support: 'hcw',
  org_rep: 'other',
  interpreter: 'other',
  observer: 'other',
  // A human CART captioner types live captions for everyone: in no party, never speaking.
  captioner: 'other',
};

/** Parties whose stories are told in turn and who consent to agreement items. */
export const STORY_PARTIES = ['patient', 'hcw'] as const;
export type StoryParty = (typeof STORY_PARTIES)[number];

/**
 * Roles that never publish a microphone or camera, in any room, phase or floor: an observer
 * watches; a captioner listens and types (their words reach the room only as captions).
 */
export function isSilentRole(role: Role): boolean {
  return role === 'observer' || role === 'captioner';
}

export function isFacilitatorRole(role: Role): boolean {
  return role === 'facilitator' || role === 'cofacilitator';
}
