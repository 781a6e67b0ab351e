import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../../shared/protocol/errors';
import type { CaseDto, MeetingDto } from '../../../../../shared/protocol/http';
import type { MeetingPrepDto } from '../../../../../shared/protocol/prep';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CheckboxField } from '../../../components/Fields';
import { apiPost, toAppError } from '../../../lib/api';
import { partyLabel } from '../../../lib/labels';
import { useApi } from '../../../lib/useApi';
import { GateItems } from '../GateItems';
import { TimingEditor } from './TimingEditor';

/** How often the case page asks again, so a consent withdrawn shows without a reload. */
const REFRESH_MS = 5_000;

/**
 * A meeting's preparation on the case page (issue 15): its kind, its people (the lead chooses
 * them from the case's people before the start), each member's consent, what the gate still
 * misses for a joint meeting, and the times proposed to the patient.
 */
export function MeetingPrep({
  c,
  meeting,
  canEdit,
}: {
  c: CaseDto;
  meeting: MeetingDto;
  canEdit: boolean;
}) {
  const { t } = useTranslation('prep');
  const { t: tt } = useTranslation();
  const res = useApi<MeetingPrepDto>(`/api/meetings/${encodeURIComponent(meeting.id)}/prep`);
  const { reload } = res;
  useEffect(() => {
    if (meeting.status === 'ended') return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload, meeting.status]);
  const d = res.data;
  if (!d) return <ErrorMessage error={res.error} />;
  const name = (id: string) => c.people.find((p) => p.id === id)?.displayName ?? '';
  const editable = canEdit && meeting.status === 'open';
  return (
    <div className="meeting-prep" data-testid={`meeting-prep-${meeting.id}`}>
      <p className="field__hint">
        <strong>{t(`kind.${d.kind}`)}</strong>
      </p>
      {editable ? (
        <MembersEditor
          c={c}
          meeting={meeting}
          prep={d}
          onSaved={(next) => res.setData(() => next)}
        />
      ) : null}
      <h4>{t('consents.heading')}</h4>
      <ul data-testid={`consents-${meeting.id}`}>
        {d.consents.map((x) => (
          <li key={x.personId}>
            {name(x.personId)}: {t(`consents.status.${x.status}`)}
          </li>
        ))}
      </ul>
      {d.kind === 'joint' && meeting.status === 'open' ? (
        <>
          <h4>{t('gate.heading')}</h4>
          <GateItems missing={d.missing} nameOf={name} partyName={(p) => partyLabel(tt, p)} />
        </>
      ) : null}
      {d.kind === 'joint' && meeting.status === 'open' ? (
        <TimingEditor meetingId={meeting.id} canEdit={c.closedAt === null} />
      ) : null}
    </div>
  );
}

function MembersEditor({
  c,
  meeting,
  prep,
  onSaved,
}: {
  c: CaseDto;
  meeting: MeetingDto;
  prep: MeetingPrepDto;
  onSaved: (next: MeetingPrepDto) => void;
}) {
  const { t } = useTranslation('prep');
  const { t: tt } = useTranslation();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const ids = chosen ?? prep.memberIds;
  const save = async () => {
    setError(null);
    try {
      onSaved(
        await apiPost<MeetingPrepDto>(`/api/meetings/${encodeURIComponent(meeting.id)}/members`, {
          memberIds: ids,
        }),
      );
      setChosen(null);
    } catch (e) {
      setError(toAppError(e));
    }
  };
  return (
    <fieldset className="form">
      <legend>{t('members.legend', { meeting: meeting.title })}</legend>
      {c.people.map((p) => (
        <CheckboxField
          key={p.id}
          label={`${p.displayName} (${partyLabel(tt, p.party)})`}
          checked={ids.includes(p.id)}
          onChange={(e) =>
            setChosen(e.target.checked ? [...ids, p.id] : ids.filter((x) => x !== p.id))
          }
        />
      ))}
      <ErrorMessage error={error} />
      {chosen ? (
        <button type="button" className="button" onClick={() => void save()}>
          {t('members.save')}
        </button>
      ) : null}
    </fieldset>
  );
}
