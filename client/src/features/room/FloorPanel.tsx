import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCommand } from '../../lib/useCommand';
import { floorStatus, iHoldTheFloor } from './floorText';

const NO_FLOOR_ROLES = ['observer', 'interpreter', 'facilitator', 'cofacilitator'];

/** Whose turn it is, and the holder's one-tap Pass / I'm done, or Ask to speak. */
export function FloorPanel({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const live = view.status === 'live' && !view.pause;
  const mine = iHoldTheFloor(view);
  const canSpeak = !NO_FLOOR_ROLES.includes(view.me.role) && !view.me.sideRoom;
  const queued = view.me.queuePosition;
  return (
    <section className="floor-panel" aria-labelledby="floor-heading">
      <h2 id="floor-heading" className="section-title">
        {t('floor.heading')}
      </h2>
      <p className="floor-panel__status" data-testid="floor-status">
        {floorStatus(t, view)}
      </p>
      <p className="field__hint">{t('floor.explain')}</p>
      {view.floor.mode === 'protected' && !view.floor.open ? (
        <p className="field__hint">{t('floor.protectedExplain')}</p>
      ) : null}
      {live && canSpeak ? (
        mine ? (
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={cmd.pending}
              onClick={() => void cmd.run({ type: 'floor.pass' })}
              aria-describedby="pass-hint"
            >
              {t('floor.pass')}
            </button>
            <button
              type="button"
              className="button"
              disabled={cmd.pending}
              onClick={() => void cmd.run({ type: 'floor.done' })}
            >
              {t('floor.done')}
            </button>
            <p id="pass-hint" className="field__hint">
              {t('floor.passHint')}
            </p>
          </div>
        ) : queued ? (
          <div className="actions">
            <p>{t('floor.queued', { position: queued })}</p>
            <button
              type="button"
              className="button"
              disabled={cmd.pending}
              onClick={() => void cmd.run({ type: 'floor.withdraw' })}
            >
              {t('floor.withdraw')}
            </button>
          </div>
        ) : (
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
        )
      ) : null}
      <ErrorMessage error={cmd.error} />
    </section>
  );
}
