import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView, RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { partyLabel, roleLabel } from '../../lib/labels';
import { useCommand } from '../../lib/useCommand';
import { InterpreterLinkControl, interpreterLabel } from '../interpreters';

/**
 * Facilitator actions on one person, each only where the view offers it: mute for background
 * noise (never unmute: they unmute themselves) and remove, which asks first.
 */
function PersonActions({
  person,
  canMute,
  canRemove,
}: {
  person: MemberView;
  canMute: boolean;
  canRemove: boolean;
}) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const [confirming, setConfirming] = useState(false);
  return (
    <span className="people__actions">
      {canMute ? (
        <button
          type="button"
          className="button button--small"
          disabled={cmd.pending || !person.connected}
          onClick={() => void cmd.run({ type: 'member.mute', memberId: person.id })}
        >
          {t('people.mute', { name: person.name })}
        </button>
      ) : null}
      {!canRemove ? null : confirming ? (
        <span role="group" aria-label={t('people.removeConfirmLabel', { name: person.name })}>
          <span className="field__hint">{t('people.removeConfirm', { name: person.name })}</span>{' '}
          <button
            type="button"
            className="button button--small button--danger"
            disabled={cmd.pending}
            onClick={() => void cmd.run({ type: 'member.remove', memberId: person.id })}
          >
            {t('people.removeYes', { name: person.name })}
          </button>{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => setConfirming(false)}
          >
            {t('common.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" className="button button--small" onClick={() => setConfirming(true)}>
          {t('people.remove', { name: person.name })}
        </button>
      )}
      <ErrorMessage error={cmd.error} />
    </span>
  );
}

/**
 * Who is in the room, with name and role (PAR-9); facilitators also get per-person actions for
 * the people the view says they may mute (`me.can.mute`) or remove (`me.can.remove`: never
 * themselves, never the lead).
 */
export function PeopleList({
  view,
  aboutPerson,
}: {
  view: RoomView;
  /** What the facilitators' console shows beside one person (their preparation notes). */
  aboutPerson?: (person: MemberView) => ReactNode;
}) {
  const { t } = useTranslation();
  const mutable = new Set(view.me.can.mute);
  const removable = new Set(view.me.can.remove);
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
              {interpreterLabel(t, view, m) ?? roleLabel(t, m.role)} · {partyLabel(t, m.party)}
            </span>
            <span className="people__badges">
              {m.hasFloor ? <span className="badge badge--floor">{t('tile.hasFloor')}</span> : null}
              {m.steppedOut ? <span className="badge">{t('tile.steppedOut')}</span> : null}
              {m.away ? <span className="badge">{t('people.away')}</span> : null}
              {!m.connected ? <span className="badge">{t('people.notConnected')}</span> : null}
            </span>
            {mutable.has(m.id) || removable.has(m.id) ? (
              <PersonActions
                person={m}
                canMute={mutable.has(m.id)}
                canRemove={removable.has(m.id)}
              />
            ) : null}
            {m.role === 'interpreter' && view.me.can.linkInterpreter ? (
              <InterpreterLinkControl view={view} interpreter={m} />
            ) : null}
            {aboutPerson?.(m)}
          </li>
        ))}
      </ul>
    </section>
  );
}
