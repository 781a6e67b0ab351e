import { useTranslation } from 'react-i18next';
import { TALK_PARTIES, talkAt } from '../../../../shared/room/floor/talk';
import type { RoomView } from '../../../../shared/room/views';
import { partyLabel } from '../../lib/labels';
import { clock } from '../../lib/time';

/**
 * Talk time per party, measured by the server from who held the floor (so a reload or a side room
 * loses nothing) and in the facilitators' view only; the turn running now is counted live.
 */
export function TalkTimeBalance({ view, now }: { view: RoomView; now: number }) {
  const { t } = useTranslation();
  const talk = view.facilitator?.talk;
  if (!talk) return null;
  const totals = talkAt(talk, view.timers.turn, now);
  const sum = TALK_PARTIES.reduce((s, p) => s + totals[p], 0);
  return (
    <section className="panel talk-time" aria-labelledby="talk-time-heading">
      <h2 id="talk-time-heading" className="section-title">
        {t('talkTime.heading')}
      </h2>
      <p className="field__hint">{t('talkTime.explain')}</p>
      <ul className="talk-time__list">
        {TALK_PARTIES.map((p) => {
          const ms = totals[p];
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
    </section>
  );
}
