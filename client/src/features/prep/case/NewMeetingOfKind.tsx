import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, MeetingDto } from '../../../../../shared/protocol/http';
import type { MeetingKind } from '../../../../../shared/protocol/prep';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CheckboxField, SelectField, TextField } from '../../../components/Fields';
import { apiPost } from '../../../lib/api';
import { HTTP_LIMITS } from '../../../lib/contract';
import { partyLabel } from '../../../lib/labels';
import { useSubmit } from '../../../lib/useSubmit';

/**
 * A preparation meeting with one side (or one person), or a follow-up meeting, with the people
 * the facilitator chooses (PRE-1). The joint meeting has its own form.
 */
export function NewMeetingOfKind({
  c,
  onCreated,
}: {
  c: CaseDto;
  onCreated: (m: MeetingDto) => void;
}) {
  const { t } = useTranslation('prep');
  const { t: tt } = useTranslation();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<Exclude<MeetingKind, 'joint'>>('prep');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const { submit, busy, error } = useSubmit(async () => {
    const m = await apiPost<MeetingDto>(`/api/cases/${encodeURIComponent(c.id)}/meetings`, {
      title: title.trim(),
      kind,
      memberIds,
    });
    onCreated({ ...m, memberIds });
    setTitle('');
    setMemberIds([]);
  });
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="new-kind-h">
      <h3 id="new-kind-h">{t('newMeeting.heading')}</h3>
      <SelectField
        label={t('newMeeting.kind')}
        options={[
          { value: 'prep', label: t('kind.prep') },
          { value: 'followup', label: t('kind.followup') },
        ]}
        value={kind}
        onChange={(e) => setKind(e.target.value as 'prep' | 'followup')}
      />
      <TextField
        label={t('newMeeting.title')}
        hint={tt('cases.titleHint')}
        required
        maxLength={HTTP_LIMITS.title}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <fieldset>
        <legend>{t('newMeeting.who')}</legend>
        {kind === 'prep' ? <p className="field__hint">{t('newMeeting.oneSide')}</p> : null}
        {c.people.map((p) => (
          <CheckboxField
            key={p.id}
            label={`${p.displayName} (${partyLabel(tt, p.party)})`}
            checked={memberIds.includes(p.id)}
            onChange={(e) =>
              setMemberIds((old) =>
                e.target.checked ? [...old, p.id] : old.filter((x) => x !== p.id),
              )
            }
          />
        ))}
      </fieldset>
      <ErrorMessage error={error} />
      <button
        type="submit"
        className="button"
        disabled={busy || !title.trim() || memberIds.length === 0}
      >
        {t('newMeeting.create')}
      </button>
    </form>
  );
}
