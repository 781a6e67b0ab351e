import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isRoundPhase } from '../../../../shared/room/floor/order';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDismissablePopover } from '../../lib/popover';
import { useCommand } from '../../lib/useCommand';
import { floorStatus } from './floorText';
import { useNarrowRoom } from './useNarrowRoom';

/**
 * Whose turn it is, and the holder's one-tap Pass / I'm done, or Ask to speak: each offered when
 * the view says this person may (`me.can`). In a side room the main room's turns are not shown.
 * The hint says truly what Pass does: in a round (check-in, closing) the next person speaks;
 * otherwise the floor goes back to the facilitator, who decides who speaks next.
 */
export function FloorPanel({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const explain = useRef<HTMLDetailsElement>(null);
  useDismissablePopover(explain);
  const can = view.me.can;
  const inMainRoom = !view.me.sideRoom;
  const queued = view.me.queuePosition;
  const round = isRoundPhase(view.phases[view.phaseIndex]?.kind);
  const passHint = round ? t('floor.passHintRound') : t('floor.passHint');
  const holding = inMainRoom && (can.passFloor || can.finishFloor);
  // On a phone the panel keeps one line beside Pass and I'm done: "Unmute when you are ready" is
  // said by the bar (who can hear me, Unmute) and the prompt on the stage.
  const narrow = useNarrowRoom();
  return (
    <section className="floor-panel" aria-labelledby="floor-heading">
      {/* One compact line above the stage: the heading is for screen readers, the explanations
          wait behind "What does this mean?" so the faces keep the room. */}
      <h2 id="floor-heading" className="visually-hidden">
        {t('floor.heading')}
      </h2>
      <p className="floor-panel__status" data-testid="floor-status">
        {floorStatus(t, view, narrow)}
      </p>
      {inMainRoom ? (
        holding ? (
          <div className="actions">
            {can.passFloor ? (
              <button
                type="button"
                className="button"
                disabled={cmd.pending}
                onClick={() => void cmd.run({ type: 'floor.pass' })}
                aria-describedby="pass-hint"
              >
                {t('floor.pass')}
              </button>
            ) : null}
            {can.finishFloor ? (
              <button
                type="button"
                className="button"
                disabled={cmd.pending}
                onClick={() => void cmd.run({ type: 'floor.done' })}
              >
                {t('floor.done')}
              </button>
            ) : null}
          </div>
        ) : can.withdrawFloor ? (
          <div className="actions">
            {queued ? <p>{t('floor.queued', { position: queued })}</p> : null}
            <button
              type="button"
              className="button"
              disabled={cmd.pending}
              onClick={() => void cmd.run({ type: 'floor.withdraw' })}
            >
              {t('floor.withdraw')}
            </button>
          </div>
        ) : can.requestFloor ? (
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={cmd.pending}
              onClick={() => void cmd.run({ type: 'floor.request' })}
            >
              {t('floor.ask')}
            </button>
          </div>
        ) : null
      ) : null}
      <details ref={explain} className="floor-panel__more">
        {/* On a phone a round "?" (its name still "What does this mean?"): the line stays one. */}
        <summary aria-label={narrow ? t('floor.whatMeans') : undefined}>
          {narrow ? <span aria-hidden="true">?</span> : t('floor.whatMeans')}
        </summary>
        <div className="floor-panel__explain">
          <p>{t('floor.explain')}</p>
          {view.floor.mode === 'protected' && !view.floor.open ? (
            <p>{t('floor.protectedExplain')}</p>
          ) : null}
          {/* Referenced by Pass (aria-describedby) even while the disclosure is closed. */}
          {holding && can.passFloor ? <p id="pass-hint">{passHint}</p> : null}
        </div>
      </details>
      <ErrorMessage error={cmd.error} />
    </section>
  );
}
