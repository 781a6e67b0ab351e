import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonDto } from '../../../../shared/protocol/http';
import { canBeInterpretedFor } from '../../../../shared/room/interpreters/mode';
import { ErrorMessage } from '../../components/ErrorMessage';
import { apiPost } from '../../lib/api';
import { useSubmit } from '../../lib/useSubmit';
import { InterpreterLinkFields, type LinkDraft } from '../interpreters';

const draftOf = (p: PersonDto): LinkDraft => ({
  memberId: p.interpretsFor?.memberId ?? '',
  mode: p.interpretsFor?.mode ?? 'spoken',
});

/**
 * Changes whom an interpreter already on the case interprets for (issue 17), without going into
 * the room: the meetings not ended follow at once (the server tells each one).
 */
export function PersonInterpreterControl({
  caseId,
  person,
  people,
  onChanged,
}: {
  caseId: string;
  /** The interpreter. */
  person: PersonDto;
  /** Everyone on the case: those who may be interpreted for are offered. */
  people: readonly PersonDto[];
  onChanged: (p: PersonDto) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<LinkDraft>(() => draftOf(person));
  const [saved, setSaved] = useState(false);
  const current = draftOf(person);
  const unchanged = draft.memberId === current.memberId && draft.mode === current.mode;
  const { submit, busy, error } = useSubmit(async () => {
    setSaved(false);
    const next = await apiPost<PersonDto>(
      `/api/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(person.id)}/interpreter`,
      { interpretsFor: draft.memberId ? { memberId: draft.memberId, mode: draft.mode } : null },
    );
    onChanged(next);
    setSaved(true);
  });
  return (
    <form
      className="form form--inline people__interpreter"
      aria-label={t('interpreter.changeLabel', { name: person.displayName })}
      onSubmit={submit}
    >
      <InterpreterLinkFields
        people={people
          .filter((p) => canBeInterpretedFor(p) && p.id !== person.id)
          .map((p) => ({ id: p.id, name: p.displayName }))}
        value={draft}
        onChange={(next) => {
          setSaved(false);
          setDraft(next);
        }}
      />
      <button type="submit" className="button button--small" disabled={busy || unchanged}>
        {t('interpreter.save')}
      </button>
      <span role="status" className="field__hint">
        {saved ? t('interpreter.saved') : ''}
      </span>
      <ErrorMessage error={error} />
    </form>
  );
}
