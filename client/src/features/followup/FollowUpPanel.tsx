import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkFollowUpDto } from '../../../../shared/protocol/around';
import type { FollowUpStatus } from '../../../../shared/protocol/commands';
import type { BoardItemView } from '../../../../shared/room/boardView';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField, TextField } from '../../components/Fields';
import { FOLLOW_UP_STATUSES, LIMITS } from '../../lib/contract';
import { formatDate } from '../../lib/time';
import { useCommand } from '../../lib/useCommand';
import { useApi } from '../../lib/useApi';
import { FieldFacts } from '../board';
import { ItemProgressNotice } from './ItemProgressNotice';

function StatusForm({ item }: { item: BoardItemView }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const [status, setStatus] = useState<FollowUpStatus>(item.followUp.status);
  const [reason, setReason] = useState(item.followUp.reason ?? '');
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await cmd.run({
      type: 'followup.update',
      itemId: item.id,
      status,
      reason: reason.trim() || null,
    });
    setSaved(res.ok);
  };
  return (
    <form className="status-form" onSubmit={submit}>
      <SelectField
        label={t('followup.status')}
        options={FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: t(`followup.statuses.${s}`) }))}
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as FollowUpStatus);
          setSaved(false);
        }}
      />
      <TextField
        label={t('followup.reason')}
        hint={t('followup.reasonHint')}
        maxLength={LIMITS.boardShort}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setSaved(false);
        }}
      />
      <ErrorMessage error={cmd.error} />
      {saved ? <p className="success-text">{t('followup.saved')}</p> : null}
      <button type="submit" className="button" disabled={cmd.pending}>
        {t('followup.update')}
      </button>
    </form>
  );
}

/**
 * After the meeting: the agreed items this person may see and how they are going. Owners (and
 * facilitators) update the status. `note` is false where the page already shows the board, whose
 * own note says it is not a legal contract (said once per page).
 */
export default function FollowUpPanel({
  view,
  note = true,
  token,
}: {
  view: RoomView;
  note?: boolean;
  /** From a person's link: which items are late is asked of the server (the case's own days). */
  token?: string;
}) {
  const { t, i18n } = useTranslation();
  const lateness = useApi<LinkFollowUpDto>(
    token ? `/api/invite/${encodeURIComponent(token)}/follow-up` : null,
  );
  const late = new Set(lateness.data?.late ?? []);
  const board = view.board;
  if (!board) return null;
  const agreed = board.noAgreement ? [] : board.items.filter((i) => i.agreed);
  return (
    <section className="followup" aria-labelledby="followup-heading">
      <h2 id="followup-heading">{t('followup.heading')}</h2>
      {board.noAgreement ? <p>{t('followup.noAgreement')}</p> : null}
      {agreed.length === 0 && !board.noAgreement ? (
        <p className="muted">{t('followup.none')}</p>
      ) : null}
      {note ? <p className="board__note">{t('board.notContract')}</p> : null}
      <ul className="board__items">
        {agreed.map((item) => {
          const mine = view.me.can.followUp?.includes(item.id) ?? false;
          return (
            <li key={item.id} className="board-item">
              <p className="board-item__text">{item.fields.text}</p>
              <p className="field__hint">{t(`board.category.${item.fields.category}`)}</p>
              <FieldFacts fields={item.fields} />
              <ItemProgressNotice item={item} late={late.has(item.id)} />
              {/* An owner reads the progress in their own form's field: shown once, not twice. */}
              {mine ? null : (
                <p>
                  <strong>{t('followup.status')}:</strong>{' '}
                  {t(`followup.statuses.${item.followUp.status}`)}
                  {item.followUp.reason ? ` — ${item.followUp.reason}` : ''}
                </p>
              )}
              {item.followUp.updatedAt ? (
                <p className="field__hint">
                  {t('followup.updatedOn', {
                    date: formatDate(item.followUp.updatedAt, i18n.language),
                  })}
                </p>
              ) : null}
              {mine ? <StatusForm item={item} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
