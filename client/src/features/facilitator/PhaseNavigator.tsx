import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { phaseName } from '../../lib/labels';
import { clock, elapsed } from '../../lib/time';
import { useCommand } from '../../lib/useCommand';

/**
 * The script: where we are, the facilitator-only prompt, previous / next (FAC-3). A live meeting
 * shows its current phase and the two buttons; whether each may be used now (not while paused,
 * not past either end) comes from the view (`me.can`).
 */
export function PhaseNavigator({ view, now }: { view: RoomView; now: number }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const can = view.me.can;
  const prompts = view.facilitator?.prompts ?? [];
  const live = view.status === 'live';
  const i = view.phaseIndex;
  const prompt = live ? prompts[i] : prompts[0];
  return (
    <section className="panel phases" aria-labelledby="phases-heading">
      <h2 id="phases-heading" className="section-title">
        {t('phases.heading')}
      </h2>
      <ol className="phase-list">
        {view.phases.map((p, index) => (
          <li
            key={p.id}
            className={
              live && index === i
                ? 'phase-list__item phase-list__item--current'
                : 'phase-list__item'
            }
            aria-current={live && index === i ? 'step' : undefined}
          >
            {phaseName(t, p)}
            {live && index === i ? (
              <span className="field__hint"> · {clock(elapsed(view.timers.phase, now))}</span>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="prompt">
        <h3>{t('phases.promptHeading')}</h3>
        <p className="prompt__text">
          {prompt || t(`phases.defaultPrompt.${view.phases[live ? i : 0]?.kind ?? 'custom'}`)}
        </p>
      </div>
      {live ? (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={cmd.pending || !can.previousPhase}
            onClick={() => void cmd.run({ type: 'phase.previous' })}
          >
            {t('phases.previous')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={cmd.pending || !can.nextPhase}
            onClick={() => void cmd.run({ type: 'phase.next' })}
          >
            {t('phases.next')}
          </button>
        </div>
      ) : null}
      {view.pause ? <p className="field__hint">{t('phases.pausedHint')}</p> : null}
      <ErrorMessage error={cmd.error} />
    </section>
  );
}

/** Meeting, phase and turn time; a quiet cue past the soft turn limit (never a sound). */
export function Timers({ view, now }: { view: RoomView; now: number }) {
  const { t } = useTranslation();
  const limit = view.facilitator?.softTurnLimitSec ?? null;
  const turn = view.timers.turn ? elapsed(view.timers.turn, now) : 0;
  const over = limit !== null && view.floor.holder !== null && turn > limit * 1000;
  return (
    <section className="panel timers" aria-labelledby="timers-heading">
      <h2 id="timers-heading" className="section-title">
        {t('timers.heading')}
      </h2>
      <dl className="facts">
        <dt>{t('timers.meeting')}</dt>
        <dd>{clock(elapsed(view.timers.meeting, now))}</dd>
        <dt>{t('timers.phase')}</dt>
        <dd>{clock(elapsed(view.timers.phase, now))}</dd>
        <dt>{t('timers.turn')}</dt>
        <dd>{view.floor.holder ? clock(turn) : t('timers.noTurn')}</dd>
      </dl>
      {over ? (
        <p className="soft-cue" data-testid="soft-turn-cue">
          {t('timers.softCue', { minutes: Math.round((limit ?? 0) / 60) })}
        </p>
      ) : null}
    </section>
  );
}
