import { useTranslation } from 'react-i18next';
import { PARTIES } from '../../../../shared/room/roles';
import { partyLabel } from '../../lib/labels';
import { clock } from '../../lib/time';
import { useMaybeCall } from '../room';

/**
 * Talk time per party, from LiveKit's active speakers as heard in this browser. Only for the
 * facilitator's own sense of balance: not saved, not shown to anyone else.
 */
export function TalkTimeBalance({ now }: { now: number }) {
  const { t } = useTranslation();
  const call = useMaybeCall();
  if (!call) return null;
  void now; // re-rendered every second by the parent's clock
  const totals = call.talkTime.snapshot(performance.now());
  const sum = PARTIES.reduce((s, p) => s + (totals[p] ?? 0), 0);
  return (
    <section className="panel talk-time" aria-labelledby="talk-time-heading">
      <h2 id="talk-time-heading" className="section-title">
        {t('talkTime.heading')}
      </h2>
      <p className="field__hint">{t('talkTime.explain')}</p>
      <ul className="talk-time__list">
        {PARTIES.map((p) => {
          const ms = totals[p] ?? 0;
          const pct = sum > 0 ? Math.round((ms / sum) * 100) : 0;
          return (
            <li key={p} className="talk-time__row">
              <span className="talk-time__label">{partyLabel(t, p)}</span>
              <span className="talk-time__bar" aria-hidden="true">
                <span style={{ width: `${pct}%` }} />
              </span>
              <span className="talk-time__value">
                {t('talkTime.value', { percent: pct, time: clock(ms) })}
              </span>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="button button--small"
        onClick={() => call.talkTime.reset(performance.now())}
      >
        {t('talkTime.reset')}
      </button>
    </section>
  );
}
