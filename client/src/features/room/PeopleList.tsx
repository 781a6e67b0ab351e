import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { partyLabel, roleLabel } from '../../lib/labels';

/** Who is in the room, with name and role (PAR-9). */
export function PeopleList({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  return (
    <section className="people" aria-labelledby="people-heading">
      <h2 id="people-heading" className="section-title">
        {t('people.heading')}
      </h2>
      <ul className="people__list">
        {view.members.map((m) => (
          <li key={m.id} className="people__item">
            <span className="people__name">
              {m.name}
              {m.id === view.me.id ? ` ${t('people.youSuffix')}` : ''}
            </span>
            <span className="people__role">
              {roleLabel(t, m.role)} · {partyLabel(t, m.party)}
            </span>
            <span className="people__badges">
              {m.hasFloor ? <span className="badge badge--floor">{t('tile.hasFloor')}</span> : null}
              {m.steppedOut ? <span className="badge">{t('tile.steppedOut')}</span> : null}
              {m.away ? <span className="badge">{t('people.away')}</span> : null}
              {!m.connected ? <span className="badge">{t('people.notConnected')}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
