import type { TFunction } from 'i18next';
import type { Phase } from '../../../shared/room/phases';
import type { Party, Role } from '../../../shared/room/roles';
import type { FloorHolder } from '../../../shared/room/state';
import type { RoomView } from '../../../shared/room/views';

export function roleLabel(t: TFunction, role: Role): string {
  return t(`roles.${role}`);
}

export function partyLabel(t: TFunction, party: Party): string {
  return t(`parties.${party}`);
}

type PhaseLike = Pick<Phase, 'kind' | 'name' | 'party'>;

/** A phase's shown name: the facilitator's own wording, or the default for its kind. */
export function phaseName(t: TFunction, phase: PhaseLike): string {
  if (phase.name) return phase.name;
  if (phase.kind === 'story' && phase.party) return t(`phases.story.${phase.party}`);
  return t(`phases.kind.${phase.kind}`);
}

export function phaseAbout(t: TFunction, phase: PhaseLike): string {
  return t(`phases.about.${phase.kind}`);
}

/** A member's name from the view (admitted people, or the facilitator's lobby list). */
export function memberName(view: RoomView, id: string | null, fallback: string): string {
  if (!id) return fallback;
  const m =
    view.members.find((x) => x.id === id) ?? view.facilitator?.lobby.find((x) => x.id === id);
  return m?.name ?? fallback;
}

/** "Patient and family" or a person's name. */
export function holderLabel(t: TFunction, view: RoomView, holder: FloorHolder): string {
  if (holder.kind === 'party') return partyLabel(t, holder.party);
  return memberName(view, holder.memberId, t('common.someone'));
}
