import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STORY_PARTIES } from '../../../../shared/room/roles';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/Fields';
import { memberName, partyLabel } from '../../lib/labels';
import { useCommand } from '../../lib/useCommand';
import { formatList } from '../../lib/lists';

/** Private side conversations with one person or one party (FAC-6). */
export function SideRooms({ view }: { view: RoomView }) {
  const { t, i18n } = useTranslation();
  const cmd = useCommand();
  const rooms = view.facilitator?.sideRooms ?? [];
  const facilitators = view.members.filter(
    (m) => (m.role === 'facilitator' || m.role === 'cofacilitator') && !m.away,
  );
  const people = view.members.filter(
    (m) => m.role !== 'facilitator' && m.role !== 'cofacilitator' && !m.away,
  );
  const options = [
    ...STORY_PARTIES.filter((p) => people.some((m) => m.party === p)).map((p) => ({
      value: `party:${p}`,
      label: t('sideRooms.wholeParty', { party: partyLabel(t, p) }),
    })),
    ...people.map((m) => ({ value: `person:${m.id}`, label: m.name })),
  ];
  const [who, setWho] = useState('');
  const [host, setHost] = useState(view.me.id);
  const selected = who || options[0]?.value || '';
  const can = view.me.can;

  const open = async (e: FormEvent) => {
    e.preventDefault();
    const [kind, value] = selected.split(':');
    const memberIds =
      kind === 'party'
        ? people.filter((m) => m.party === value).map((m) => m.id)
        : value
          ? [value]
          : [];
    if (memberIds.length === 0) return;
    await cmd.run({ type: 'sideRoom.open', memberIds, facilitatorIds: [host], purpose: 'caucus' });
  };

  const names = (ids: string[]) =>
    formatList(
      ids.map((id) => memberName(view, id, t('common.someone'))),
      i18n.language,
    );

  return (
    <section className="panel side-rooms" aria-labelledby="side-rooms-heading">
      <h2 id="side-rooms-heading" className="section-title">
        {t('sideRooms.heading')}
      </h2>
      <p className="field__hint">{t('sideRooms.explain')}</p>
      {rooms.length > 0 ? (
        <ul className="side-rooms__list">
          {rooms.map((r) => (
            <li key={r.id}>
              <p>
                <strong>{t(`sideRooms.purpose.${r.purpose}`)}:</strong> {names(r.memberIds)}
                {r.facilitatorIds.length
                  ? ` · ${t('sideRooms.with', { names: names(r.facilitatorIds) })}`
                  : ''}
              </p>
              {can.closeSideRoom ? (
                <button
                  type="button"
                  className="button button--small"
                  disabled={cmd.pending}
                  onClick={() => void cmd.run({ type: 'sideRoom.close', sideRoomId: r.id })}
                >
                  {t('sideRooms.close', { names: names(r.memberIds) })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('sideRooms.none')}</p>
      )}
      {can.openCaucus && options.length > 0 ? (
        <form onSubmit={open} className="side-rooms__form">
          <SelectField
            label={t('sideRooms.who')}
            options={options}
            value={selected}
            onChange={(e) => setWho(e.target.value)}
          />
          {facilitators.length > 1 ? (
            <SelectField
              label={t('sideRooms.host')}
              options={facilitators.map((f) => ({ value: f.id, label: f.name }))}
              value={host}
              onChange={(e) => setHost(e.target.value)}
            />
          ) : null}
          <button type="submit" className="button" disabled={cmd.pending}>
            {t('sideRooms.open')}
          </button>
        </form>
      ) : null}
      <ErrorMessage error={cmd.error} />
    </section>
  );
}
