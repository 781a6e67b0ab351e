import { useTranslation } from 'react-i18next';
import { STORY_PARTIES, type StoryParty } from '../../../../shared/room/roles';
import type { FloorHolder } from '../../../../shared/room/state';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { holderLabel, memberName } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { useCommand } from '../../lib/useCommand';
import { floorStatus } from '../room';

/**
 * The next in the agreed order after someone handed the floor back (Pass, I'm done), when it may
 * be given now (`me.can`): the facilitator's one-click suggestion. Null when there is none.
 */
function suggestion(view: RoomView): FloorHolder | null {
  const next = view.floor.handedBack?.next;
  if (!next || view.floor.holder || view.floor.open) return null;
  const can = view.me.can;
  if (next.kind === 'party') return can.giveFloorToParties?.includes(next.party) ? next : null;
  const here = view.members.find((m) => m.id === next.memberId);
  return can.giveFloorToPeople?.includes(next.memberId) && here && !here.away ? next : null;
}

const isStoryParty = (p: string): p is StoryParty =>
  (STORY_PARTIES as readonly string[]).includes(p);

/**
 * The talking piece: mode, open discussion, give / take back, and the request queue (FAC-4). Who
 * may be given the floor, and when, comes from the view (`me.can`); the buttons list the story
 * parties and the people in the main room. The floor moves only when a facilitator moves it: after
 * a Pass or "I'm done" nobody holds it, and the next in the agreed order is offered first.
 */
export function FloorControls({ view }: { view: RoomView }) {
  const { t, i18n } = useTranslation();
  const cmd = useCommand();
  const can = view.me.can;
  const floor = view.floor;
  const givable = new Set(can.giveFloorToPeople);
  const speakers = view.members.filter((m) => givable.has(m.id) && !m.away);
  const parties = STORY_PARTIES.filter((p) => can.giveFloorToParties?.includes(p));
  const queuePos = new Map(floor.queue.map((q, i) => [q.memberId, i + 1]));
  const handedBack =
    !floor.holder && !floor.open && view.status === 'live' && !view.pause
      ? floor.handedBack
      : undefined;
  const next = suggestion(view);
  const nextLabel = !next
    ? ''
    : next.kind === 'person'
      ? t('floorControls.suggestPerson', { name: holderLabel(t, view, next) })
      : isStoryParty(next.party)
        ? t(`floorControls.suggestParty.${next.party}`)
        : t('floorControls.givePerson', { name: holderLabel(t, view, next) });
  return (
    <section className="panel floor-controls" aria-labelledby="floor-controls-heading">
      <h2 id="floor-controls-heading" className="section-title">
        {t('floorControls.heading')}
      </h2>
      <p className="floor-panel__status" data-testid="floor-controls-status">
        {handedBack
          ? t('floorControls.handedBack', { who: holderLabel(t, view, handedBack.by) })
          : floorStatus(t, view)}
      </p>
      {handedBack && can.giveFloor ? (
        next ? (
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              data-testid="floor-suggestion"
              disabled={cmd.pending}
              onClick={() => void cmd.run({ type: 'floor.give', holder: next })}
            >
              {nextLabel}
            </button>
          </div>
        ) : handedBack.next === null ? (
          <p className="field__hint">{t('floorControls.endOfOrder')}</p>
        ) : null
      ) : null}
      <fieldset className="checks">
        <legend>{t('floorControls.modeLegend')}</legend>
        {(['gentle', 'protected'] as const).map((mode) => (
          <label key={mode} className="check">
            <input
              type="radio"
              name="floor-mode"
              checked={floor.mode === mode}
              disabled={cmd.pending || !can.setFloorMode}
              onChange={() => void cmd.run({ type: 'floor.setMode', mode })}
            />{' '}
            {t(`floorControls.mode.${mode}`)}
          </label>
        ))}
        <p className="field__hint">{t('floorControls.modeHint')}</p>
      </fieldset>
      {can.giveFloor || can.reclaimFloor || can.openFloor ? (
        <>
          <div className="actions">
            {parties.map((p) => (
              <button
                key={p}
                type="button"
                className="button"
                disabled={cmd.pending}
                aria-pressed={floor.holder?.kind === 'party' && floor.holder.party === p}
                onClick={() =>
                  void cmd.run({ type: 'floor.give', holder: { kind: 'party', party: p } })
                }
              >
                {t(`floorControls.giveParty.${p}`)}
              </button>
            ))}
          </div>
          <ul className="floor-controls__people">
            {speakers.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="button button--small"
                  disabled={cmd.pending}
                  aria-pressed={floor.holder?.kind === 'person' && floor.holder.memberId === m.id}
                  onClick={() =>
                    void cmd.run({ type: 'floor.give', holder: { kind: 'person', memberId: m.id } })
                  }
                >
                  {t('floorControls.givePerson', { name: m.name })}
                </button>
                {queuePos.has(m.id) ? (
                  <span className="badge badge--floor">
                    {t('floorControls.asked', { position: queuePos.get(m.id) ?? 0 })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <div className="actions">
            {floor.holder && can.reclaimFloor ? (
              <button
                type="button"
                className="button"
                disabled={cmd.pending}
                onClick={() => void cmd.run({ type: 'floor.reclaim' })}
              >
                {t('floorControls.reclaim')}
              </button>
            ) : null}
            {can.openFloor ? (
              <button
                type="button"
                className="button"
                disabled={cmd.pending}
                onClick={() => void cmd.run({ type: 'floor.open', open: !floor.open })}
              >
                {floor.open ? t('floorControls.closeOpen') : t('floorControls.open')}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
      <h3>{t('floorControls.queueHeading')}</h3>
      {floor.queue.length === 0 ? (
        <p className="muted">{t('floorControls.queueEmpty')}</p>
      ) : (
        <ol className="queue">
          {floor.queue.map((q) => (
            <li key={q.memberId}>
              {memberName(view, q.memberId, t('common.someone'))}{' '}
              <span className="field__hint">
                {t('floorControls.askedAt', { time: formatTime(q.at, i18n.language) })}
              </span>
            </li>
          ))}
        </ol>
      )}
      <ErrorMessage error={cmd.error} />
    </section>
  );
}
