import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCommand } from '../../lib/useCommand';
import { GateChecklist } from '../prep';

/**
 * Start the meeting: the panel of a meeting not yet started. Start is usable when the view offers
 * it (`me.can.start`: not while the room is paused before the start).
 */
export function StartControls({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  return (
    <section className="panel meeting-controls" aria-labelledby="meeting-controls-h">
      <h2 id="meeting-controls-h" className="section-title">
        {t('meeting.heading')}
      </h2>
      <p className="field__hint">{t('meeting.startHint')}</p>
      <GateChecklist view={view} />
      <button
        type="button"
        className="button button--primary"
        disabled={cmd.pending || !view.me.can.start}
        onClick={() => void cmd.run({ type: 'meeting.start' })}
      >
        {t('meeting.start')}
      </button>
      <ErrorMessage error={cmd.error} />
    </section>
  );
}

/**
 * End for everyone, or end safely with a private debrief for each party (FAC-11): the panel of a
 * live meeting, each button usable when the view offers it (`me.can.end`, `me.can.endSafely`: end
 * safely needs someone of a story party and a facilitator here). Once ended safely, End safely
 * stays off: the debriefs are under way.
 */
export function EndControls({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const can = view.me.can;
  return (
    <section className="panel meeting-controls" aria-labelledby="meeting-controls-h">
      <h2 id="meeting-controls-h" className="section-title">
        {t('meeting.endHeading')}
      </h2>
      <p className="field__hint">{t('meeting.endSafelyHint')}</p>
      <div className="actions">
        <ConfirmAction
          label={t('meeting.endSafely')}
          question={t('meeting.endSafelyQuestion')}
          explain={t('meeting.endSafelyExplain')}
          confirmLabel={t('meeting.endSafelyYes')}
          confirmClassName="button button--primary"
          disabled={cmd.pending || !can.endSafely}
          onConfirm={() => cmd.run({ type: 'meeting.endSafely' })}
        />
        <ConfirmAction
          label={t('meeting.end')}
          question={t('meeting.endQuestion')}
          explain={t('meeting.endExplain')}
          confirmLabel={t('meeting.endYes')}
          className="button button--leave"
          confirmClassName="button button--leave"
          disabled={cmd.pending || !can.end}
          onConfirm={() => cmd.run({ type: 'meeting.end' })}
        />
      </div>
      <ErrorMessage error={cmd.error} />
    </section>
  );
}
