import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardItemView } from '../../../../shared/room/boardView';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { memberName } from '../../lib/labels';
import { useCommand } from '../../lib/useCommand';
import { ConsentState, FieldFacts } from './ItemDetails';
import { ItemEditor } from './ItemEditor';

export function BoardItemCard({
  item,
  view,
  index,
  count,
  onMove,
  selected,
  onSelect,
}: {
  item: BoardItemView;
  view: RoomView;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const [editing, setEditing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  // The view says which items this person may answer for now, and for which party.
  const can = view.me.can;
  const canConsent = can.consentTo?.includes(item.id) ?? false;
  const myParty = view.board?.answersFor ?? null;
  const myAnswer = myParty ? item.consents[myParty]?.decision : undefined;
  const textId = `item-text-${item.id}`;

  if (editing) {
    return (
      <li className="board-item board-item--editing">
        <ItemEditor item={item} members={view.members} onDone={() => setEditing(false)} />
      </li>
    );
  }

  return (
    <li className="board-item" data-item-id={item.id}>
      <p id={textId} className="board-item__text">
        {item.fields.text}
      </p>
      <FieldFacts fields={item.fields} />
      <p className="field__hint">
        {t('board.proposedBy', { name: memberName(view, item.proposedBy, t('common.someone')) })}
      </p>
      <ConsentState item={item} />
      {canConsent ? (
        <div className="actions" role="group" aria-label={t('board.yourAnswer')}>
          <button
            type="button"
            className="button"
            aria-pressed={myAnswer === 'consent'}
            aria-describedby={textId}
            disabled={cmd.pending}
            onClick={() =>
              void cmd.run({
                type: 'board.consent',
                itemId: item.id,
                baseVersion: item.version,
                decision: 'consent',
              })
            }
          >
            {t('board.consent')}
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={myAnswer === 'decline'}
            aria-describedby={textId}
            disabled={cmd.pending}
            onClick={() =>
              void cmd.run({
                type: 'board.consent',
                itemId: item.id,
                baseVersion: item.version,
                decision: 'decline',
              })
            }
          >
            {t('board.decline')}
          </button>
        </div>
      ) : null}
      {cmd.error?.code === 'CONFLICT' ? (
        <p className="field__error" role="alert">
          {t('board.changedWhileReading')}
        </p>
      ) : (
        <ErrorMessage error={cmd.error} />
      )}
      {can.arrangeBoard ? (
        <div className="board-item__tools actions">
          <button
            type="button"
            className="button button--small"
            aria-describedby={textId}
            onClick={() => setEditing(true)}
          >
            {t('board.edit')}
          </button>
          <button
            type="button"
            className="button button--small"
            aria-describedby={textId}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            {t('board.moveUp')}
          </button>
          <button
            type="button"
            className="button button--small"
            aria-describedby={textId}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            {t('board.moveDown')}
          </button>
          <label className="check">
            <input
              type="checkbox"
              checked={selected}
              onChange={(e) => onSelect(e.target.checked)}
              aria-describedby={textId}
            />{' '}
            {t('board.selectToMerge')}
          </label>
          {confirmRemove ? (
            <>
              <button
                type="button"
                className="button button--small"
                onClick={() => void cmd.run({ type: 'board.remove', itemId: item.id })}
              >
                {t('board.removeYes')}
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => setConfirmRemove(false)}
              >
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--small"
              aria-describedby={textId}
              onClick={() => setConfirmRemove(true)}
            >
              {t('board.remove')}
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}
