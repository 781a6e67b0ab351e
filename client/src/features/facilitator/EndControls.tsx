import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
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
        <button
          type="button"
          className="button"
          disabled={cmd.pending || view.endedSafely}
          onClick={() => void cmd.run({ type: 'meeting.endSafely' })}
        >
          {t('meeting.endSafely')}
        </button>
        <button
          type="button"
          className="button button--leave"
          disabled={cmd.pending}
          onClick={() => void cmd.run({ type: 'meeting.end' })}
        >
          {t('meeting.end')}
        </button>
      </div>
      <ErrorMessage error={cmd.error} />
    </section>
  );
}
