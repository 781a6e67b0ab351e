import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { phaseAbout, phaseName } from '../../lib/labels';

/** Where the meeting is and what comes next (PAR-9), plus "nothing is recorded". */
export function PhaseBar({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const current = view.status === 'live' ? view.phases[view.phaseIndex] : undefined;
  const next = view.status === 'live' ? view.phases[view.phaseIndex + 1] : view.phases[0];
  return (
    <section className="phase-bar" aria-label={t('phase.label')}>
      <div className="phase-bar__now">
        <span className="phase-bar__tag">{t('phase.now')}</span>
        <span className="phase-bar__name" data-testid="current-phase">
          {current
            ? phaseName(t, current)
            : view.status === 'open'
              ? t('phase.beforeStart')
              : t('phase.ended')}
        </span>
        {current ? <span className="phase-bar__about">{phaseAbout(t, current)}</span> : null}
      </div>
      {next ? (
        <div className="phase-bar__next">
          <span className="phase-bar__tag">{t('phase.next')}</span>
          <span>{phaseName(t, next)}</span>
        </div>
      ) : null}
      <p className="phase-bar__recording">{t('welcome.nothingRecorded')}</p>
    </section>
  );
}
