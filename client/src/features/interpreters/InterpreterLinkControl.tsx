import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canBeInterpretedFor } from '../../../../shared/room/interpreters/mode';
import type { MemberView, RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCommand } from '../../lib/useCommand';
import { InterpreterLinkFields, type LinkDraft } from './InterpreterLinkFields';

/**
 * A facilitator changes whom an interpreter interprets for, in the room (interpreter.link): the
 * person's stage pins the interpreter's video, and the interpreter speaks in that party's turns.
 */
export function InterpreterLinkControl({
  view,
  interpreter,
}: {
  view: RoomView;
  interpreter: MemberView;
}) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const current: LinkDraft = {
    memberId: interpreter.interpretsFor?.memberId ?? '',
    mode: interpreter.interpretsFor?.mode ?? 'spoken',
  };
  const [draft, setDraft] = useState<LinkDraft>(current);
  const [saved, setSaved] = useState(false);
  // Another facilitator (or this one) changed the link: the fields show it, "Saved." stays.
  const currentKey = `${current.memberId}:${current.mode}`;
  const [shownKey, setShownKey] = useState(currentKey);
  if (shownKey !== currentKey) {
    setShownKey(currentKey);
    setDraft(current);
  }
  // Participants here or still to come (the facilitators' lobby list): the link may be set ahead.
  const people = [...view.members, ...(view.facilitator?.lobby ?? [])].filter(
    (m) =>
      canBeInterpretedFor(m) &&
      m.id !== interpreter.id &&
      !('status' in m && (m.status === 'removed' || m.status === 'denied')),
  );
  const unchanged = draft.memberId === current.memberId && draft.mode === current.mode;
  return (
    <form
      className="form form--inline people__interpreter"
      aria-label={t('interpreter.changeLabel', { name: interpreter.name })}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void cmd
          .run({
            type: 'interpreter.link',
            memberId: interpreter.id,
            interpretsFor: draft.memberId ? { memberId: draft.memberId, mode: draft.mode } : null,
          })
          .then((res) => setSaved(res.ok));
      }}
    >
      <InterpreterLinkFields
        people={people}
        value={draft}
        onChange={(next) => {
          setSaved(false);
          setDraft(next);
        }}
      />
      <button type="submit" className="button button--small" disabled={cmd.pending || unchanged}>
        {t('interpreter.save')}
      </button>
      <span role="status" className="field__hint">
        {saved ? t('interpreter.saved') : ''}
      </span>
      <ErrorMessage error={cmd.error} />
    </form>
  );
}
