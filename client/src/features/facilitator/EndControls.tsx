import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCommand } from '../../lib/useCommand';

/** Start, end for everyone, or end safely with a private debrief for each party (FAC-11). */
export function MeetingControls({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  if (view.status === 'open') {
    return (
      <section className="panel meeting-controls" aria-labelledby="meeting-controls-h">
        <h2 id="meeting-controls-h" className="section-title">
          {t('meeting.heading')}
        </h2>
        <p className="field__hint">{t('meeting.startHint')}</p>
        <button
          type="button"
          className="button button--primary"
          disabled={cmd.pending}
          onClick={() => void cmd.run({ type: 'meeting.start' })}
        >
          {t('meeting.start')}
        </button>
        <ErrorMessage error={cmd.error} />
      </section>
    );
  }
  if (view.status !== 'live') return null;
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
          disabled={cmd.pending || view.endedSafely}
          onConfirm={() => cmd.run({ type: 'meeting.endSafely' })}
        />
        <ConfirmAction
          label={t('meeting.end')}
          question={t('meeting.endQuestion')}
          explain={t('meeting.endExplain')}
          confirmLabel={t('meeting.endYes')}
          className="button button--leave"
          confirmClassName="button button--leave"
          disabled={cmd.pending}
          onConfirm={() => cmd.run({ type: 'meeting.end' })}
        />
      </div>
      <ErrorMessage error={cmd.error} />
    </section>
  );
}
