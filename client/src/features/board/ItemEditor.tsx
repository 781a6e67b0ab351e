import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardFields } from '../../../../shared/protocol/commands';
import type { BoardItemView } from '../../../../shared/room/boardView';
import type { MemberView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCommand } from '../../lib/useCommand';
import { FieldFacts } from './ItemDetails';
import { ItemFieldsForm } from './ItemFieldsForm';

/**
 * A facilitator's edit of one item. The edit carries the version it started from; when someone
 * changed the item meanwhile the server answers CONFLICT, and both versions are shown so the
 * facilitator can apply theirs again on top of the current one, or keep the current one.
 */
export function ItemEditor({
  item,
  members,
  onDone,
}: {
  item: BoardItemView;
  members: MemberView[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const [baseVersion] = useState(item.version);
  const [conflict, setConflict] = useState<BoardFields | null>(null);

  const save = async (fields: BoardFields, base: number) => {
    const res = await cmd.run({ type: 'board.edit', itemId: item.id, baseVersion: base, fields });
    if (res.ok) {
      onDone();
      return true;
    }
    if (res.error.code === 'CONFLICT') {
      cmd.clearError();
      setConflict(fields);
    }
    return false;
  };

  if (conflict) {
    return (
      <div className="conflict" role="group" aria-labelledby={`conflict-${item.id}`}>
        <p id={`conflict-${item.id}`} className="notice__title">
          {t('board.conflict.title')}
        </p>
        <p>{t('board.conflict.text')}</p>
        <div className="conflict__versions">
          <div className="conflict__version">
            <h4>{t('board.conflict.theirs')}</h4>
            <p>{item.fields.text}</p>
            <FieldFacts fields={item.fields} />
          </div>
          <div className="conflict__version">
            <h4>{t('board.conflict.mine')}</h4>
            <p>{conflict.text}</p>
            <FieldFacts fields={conflict} />
          </div>
        </div>
        <ErrorMessage error={cmd.error} />
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={cmd.pending}
            onClick={() => void save(conflict, item.version)}
          >
            {t('board.conflict.reapply')}
          </button>
          <button type="button" className="button" onClick={onDone}>
            {t('board.conflict.keepTheirs')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="item-editor">
      <ItemFieldsForm
        initial={item.fields}
        draftKey={`cg-draft:edit:${item.id}:${baseVersion}`}
        members={members}
        submitLabel={t('board.saveChanges')}
        busy={cmd.pending}
        onSubmit={(fields) => save(fields, baseVersion)}
        onCancel={onDone}
        detailsOpen
        footer={<ErrorMessage error={cmd.error} />}
      />
    </div>
  );
}
