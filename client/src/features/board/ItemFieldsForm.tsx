import { useId, type FormEvent, type ReactNode } from 'react';
import { useSessionDraft } from '../../lib/useSessionDraft';
import { useTranslation } from 'react-i18next';
import type { BoardFields } from '../../../../shared/protocol/commands';
import { faultNote } from '../../../../shared/room/board/faultNote';
import { PARTIES, STORY_PARTIES, type Party, type StoryParty } from '../../../../shared/room/roles';
import type { MemberView } from '../../../../shared/room/views';
import { SelectField, TextAreaField, TextField } from '../../components/Fields';
import { BOARD_CATEGORIES, LIMITS } from '../../lib/contract';
import { partyLabel } from '../../lib/labels';

export function emptyFields(): BoardFields {
  return {
    text: '',
    category: 'acknowledgement',
    owner: '',
    ownerMemberId: null,
    dueDate: null,
    completionEvidence: '',
    visibleTo: [...PARTIES],
    affectedParties: [...STORY_PARTIES],
  };
}

function toggle<T extends string>(list: readonly T[], value: T, on: boolean): T[] {
  const set = new Set(list);
  if (on) set.add(value);
  else set.delete(value);
  return [...set];
}

/** The fields of one agreement item: used to propose (everyone) and to edit (facilitators). */
export function ItemFieldsForm({
  initial,
  members,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
  detailsOpen,
  footer,
  draftKey,
}: {
  initial: BoardFields;
  members: MemberView[];
  submitLabel: string;
  busy?: boolean;
  onSubmit: (fields: BoardFields) => Promise<boolean>;
  onCancel?: () => void;
  detailsOpen?: boolean;
  footer?: ReactNode;
  /** Keeps what is being typed through a reconnect or a reload (sessionStorage). */
  draftKey?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [f, setF, clearDraft] = useSessionDraft<BoardFields>(draftKey, initial);
  const set = (patch: Partial<BoardFields>) => setF((old) => ({ ...old, ...patch }));
  // A gentle note, never a block (AGR-6): the rules live in shared/room/board/faultNote.ts.
  const note = f.category === 'referral' ? null : faultNote(f.text);
  const valid = f.text.trim().length > 0 && f.visibleTo.length > 0 && f.affectedParties.length > 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    const ok = await onSubmit({
      ...f,
      text: f.text.trim(),
      owner: f.owner.trim(),
      completionEvidence: f.completionEvidence.trim(),
      dueDate: f.dueDate || null,
    });
    if (ok) clearDraft();
    if (ok && !onCancel) setF(emptyFields());
  };

  const speakers = members.filter(
    (m) => m.party === 'patient' || m.party === 'hcw' || m.party === 'other',
  );

  return (
    <form className="item-form" onSubmit={submit}>
      <TextAreaField
        label={t('board.fields.text')}
        hint={t('board.fields.textHint')}
        rows={3}
        required
        maxLength={LIMITS.boardText}
        value={f.text}
        onChange={(e) => set({ text: e.target.value })}
      />
      {note ? (
        <div className="notice notice--calm" role="status">
          <p>{t(`board.faultNote.${note}`)}</p>
          <button type="button" className="button" onClick={() => set({ category: 'referral' })}>
            {t('board.makeReferral')}
          </button>
        </div>
      ) : null}
      <SelectField
        label={t('board.fields.category')}
        options={BOARD_CATEGORIES.map((c) => ({ value: c, label: t(`board.category.${c}`) }))}
        value={f.category}
        onChange={(e) => set({ category: e.target.value as BoardFields['category'] })}
      />
      <details className="item-form__more" open={detailsOpen}>
        <summary>{t('board.moreDetails')}</summary>
        <TextField
          label={t('board.fields.owner')}
          maxLength={LIMITS.boardShort}
          value={f.owner}
          onChange={(e) => set({ owner: e.target.value })}
        />
        <SelectField
          label={t('board.fields.ownerMember')}
          hint={t('board.fields.ownerMemberHint')}
          options={[
            { value: '', label: t('board.fields.nobody') },
            ...speakers.map((m) => ({ value: m.id, label: m.name })),
          ]}
          value={f.ownerMemberId ?? ''}
          onChange={(e) => set({ ownerMemberId: e.target.value || null })}
        />
        <TextField
          label={t('board.fields.dueDate')}
          type="date"
          value={f.dueDate ?? ''}
          onChange={(e) => set({ dueDate: e.target.value || null })}
        />
        <TextField
          label={t('board.fields.evidence')}
          maxLength={LIMITS.boardShort}
          value={f.completionEvidence}
          onChange={(e) => set({ completionEvidence: e.target.value })}
        />
        <fieldset className="checks">
          <legend>{t('board.fields.visibleTo')}</legend>
          {PARTIES.map((p: Party) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={f.visibleTo.includes(p)}
                onChange={(e) => set({ visibleTo: toggle(f.visibleTo, p, e.target.checked) })}
              />{' '}
              {partyLabel(t, p)}
            </label>
          ))}
        </fieldset>
        <fieldset className="checks">
          <legend>{t('board.fields.affected')}</legend>
          {STORY_PARTIES.map((p: StoryParty) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={f.affectedParties.includes(p)}
                onChange={(e) =>
                  set({ affectedParties: toggle(f.affectedParties, p, e.target.checked) })
                }
              />{' '}
              {partyLabel(t, p)}
            </label>
          ))}
        </fieldset>
      </details>
      {!valid && f.text.trim() ? (
        <p className="field__error" id={`${id}-invalid`}>
          {t('board.fields.needParties')}
        </p>
      ) : null}
      {footer}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || !valid}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              clearDraft();
              onCancel();
            }}
          >
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
