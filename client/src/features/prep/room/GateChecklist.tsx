import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../../shared/room/views';
import { partyLabel } from '../../../lib/labels';
import { GateItems } from '../GateItems';

/**
 * For the facilitators' room, before the Start button of a joint meeting: what is still missing
 * (readiness per party, each person's consent), live from the room's view. The server refuses the
 * start until the list is empty (NOT-9); this only says why. Nothing for other meetings.
 */
export function GateChecklist({ view }: { view: RoomView }) {
  const { t } = useTranslation('prep');
  const { t: tt } = useTranslation();
  const gate = view.facilitator?.gate;
  if (!gate || view.kind !== 'joint' || view.status !== 'open') return null;
  const people = [...view.members, ...(view.facilitator?.lobby ?? [])];
  const nameOf = (id: string) => people.find((m) => m.id === id)?.name ?? '';
  return (
    <section aria-labelledby="gate-h" className="gate-checklist" data-testid="gate-checklist">
      <h2 id="gate-h">{t('gate.heading')}</h2>
      <div aria-live="polite">
        <GateItems missing={gate.missing} nameOf={nameOf} partyName={(p) => partyLabel(tt, p)} />
      </div>
    </section>
  );
}
