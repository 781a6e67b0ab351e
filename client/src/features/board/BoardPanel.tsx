import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardItemView } from '../../../../shared/room/boardView';
import type { RoomView } from '../../../../shared/room/views';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { TextAreaField } from '../../components/Fields';
import { BOARD_CATEGORIES, LIMITS } from '../../lib/contract';
import { partyLabel } from '../../lib/labels';
import { formatDate } from '../../lib/time';
import { useCommand } from '../../lib/useCommand';
import { BoardItemCard } from './BoardItemCard';
import { emptyFields, ItemFieldsForm } from './ItemFieldsForm';

function ProposeForm({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  return (
    <section className="propose" aria-labelledby="propose-heading">
      <h3 id="propose-heading">{t('board.proposeHeading')}</h3>
      <p className="field__hint">{t('board.proposeHint')}</p>
      <ItemFieldsForm
        initial={emptyFields()}
        draftKey={`cg-draft:${view.meetingId}:${view.me.id}:propose`}
        members={view.members}
        submitLabel={t('board.propose')}
        busy={cmd.pending}
        onSubmit={async (fields) => (await cmd.run({ type: 'board.propose', fields })).ok}
        footer={<ErrorMessage error={cmd.error} />}
      />
    </section>
  );
}

function MergeForm({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const [text, setText] = useState('');
  return (
    <form
      className="merge"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await cmd.run({ type: 'board.merge', itemIds: ids, text: text.trim() });
        if (res.ok) onDone();
      }}
    >
      <TextAreaField
        label={t('board.mergeText', { n: ids.length })}
        rows={3}
        maxLength={LIMITS.boardText}
        value={text}
        onChange={(e) => setText(e.target.value)}
        required
      />
      <ErrorMessage error={cmd.error} />
      <button type="submit" className="button" disabled={cmd.pending || !text.trim()}>
        {t('board.merge')}
      </button>
    </form>
  );
}

/**
 * Finalise, or record that there is no agreement: neither can be undone, so each asks first and
 * says what happens next (ConfirmAction). Finalising needs an item every side agreed to.
 */
function FinaliseControls({ agreed }: { agreed: number }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  return (
    <section className="finalise" aria-labelledby="finalise-heading">
      <h3 id="finalise-heading">{t('board.finaliseHeading')}</h3>
      <p className="field__hint">{t('board.finaliseHint')}</p>
      {agreed === 0 ? <p className="field__hint">{t('board.finaliseNeedsAgreed')}</p> : null}
      <div className="actions">
        <ConfirmAction
          label={t('board.finalise')}
          question={t('board.finaliseQuestion')}
          explain={t('board.finaliseExplain', { count: agreed })}
          confirmLabel={t('board.finaliseYes')}
          confirmClassName="button button--primary"
          disabled={cmd.pending || agreed === 0}
          onConfirm={() => cmd.run({ type: 'board.finalise', noAgreement: false })}
        />
        <ConfirmAction
          label={t('board.noAgreement')}
          question={t('board.noAgreementQuestion')}
          explain={t('board.noAgreementExplain')}
          confirmLabel={t('board.noAgreementYes')}
          confirmClassName="button button--primary"
          disabled={cmd.pending}
          onConfirm={() => cmd.run({ type: 'board.finalise', noAgreement: true })}
        />
      </div>
      <ErrorMessage error={cmd.error} />
    </section>
  );
}

function SummaryConsent({ view, summaryHref }: { view: RoomView; summaryHref?: string }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const board = view.board!;
  return (
    <section className="summary-consent" aria-labelledby="summary-consent-heading">
      <h3 id="summary-consent-heading">{t('board.summaryHeading')}</h3>
      <p>{t('board.summaryExplain')}</p>
      <ul>
        {board.summaryParties.map((p) => (
          <li key={p}>
            {partyLabel(t, p)}:{' '}
            {board.summaryConsents[p] ? t('board.summaryAgreed') : t('board.summaryNotYet')}
          </li>
        ))}
      </ul>
      {view.me.can.consentSummary ? (
        <button
          type="button"
          className="button"
          disabled={cmd.pending}
          onClick={() => void cmd.run({ type: 'board.consentSummary' })}
        >
          {t('board.summaryAgree')}
        </button>
      ) : null}
      <ErrorMessage error={cmd.error} />
      {summaryHref && board.summaryAvailable ? (
        <p>
          {view.status === 'ended' ? (
            <Link to={summaryHref}>{t('board.summaryLink')}</Link>
          ) : (
            // During the meeting the summary opens beside the room, so nobody drops out of it.
            <a href={summaryHref} target="_blank" rel="noopener noreferrer">
              {t('board.summaryLink')}
              <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
            </a>
          )}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The agreement board: items by category, consent per party, propose for everyone admitted,
 * edit / reorder / merge / finalise for facilitators, each offered when the view says this person
 * may (`me.can`). Not a legal contract, and says so.
 */
export function BoardPanel({ view, summaryHref }: { view: RoomView; summaryHref?: string }) {
  const { t, i18n } = useTranslation();
  const reorder = useCommand();
  const [selected, setSelected] = useState<string[]>([]);
  const board = view.board;
  if (!board) return null;
  const can = view.me.can;
  const finalised = board.finalisedAt !== null;
  const items = board.items;

  // Moves an item past its neighbour within its category (items are shown by category).
  const move = (itemId: string, delta: -1 | 1) => {
    const item = items.find((i) => i.id === itemId);
    if (!item) return;
    const group = items.filter((i) => i.fields.category === item.fields.category);
    const neighbour = group[group.indexOf(item) + delta];
    if (!neighbour) return;
    const ids = items.map((i) => i.id);
    const a = ids.indexOf(itemId);
    const b = ids.indexOf(neighbour.id);
    ids[a] = neighbour.id;
    ids[b] = itemId;
    void reorder.run({ type: 'board.reorder', itemIds: ids });
  };
  const byCategory = BOARD_CATEGORIES.map((c) => ({
    category: c,
    items: items.filter((i: BoardItemView) => i.fields.category === c),
  })).filter((g) => g.items.length > 0);
  const liveSelected = selected.filter((id) => items.some((i) => i.id === id));

  return (
    <section className="board" aria-labelledby="board-heading">
      <h2 id="board-heading" className="section-title">
        {t('board.heading')}
      </h2>
      <p className="board__note">{t('board.notContract')}</p>
      <p className="board__note">{t('board.faultGeneral')}</p>
      {finalised ? (
        <p className="notice notice--success" role="status">
          {board.noAgreement
            ? t('board.finalisedNoAgreement')
            : t('board.finalisedOn', { date: formatDate(board.finalisedAt!, i18n.language) })}
        </p>
      ) : null}
      {items.length === 0 ? <p className="muted">{t('board.empty')}</p> : null}
      {byCategory.map((g) => (
        <div key={g.category} className="board__category">
          <h3>{t(`board.category.${g.category}`)}</h3>
          <ul className="board__items">
            {g.items.map((item, index) => {
              return (
                <BoardItemCard
                  key={item.id}
                  item={item}
                  view={view}
                  index={index}
                  count={g.items.length}
                  onMove={(delta) => move(item.id, delta)}
                  selected={liveSelected.includes(item.id)}
                  onSelect={(on) =>
                    setSelected((s) => (on ? [...s, item.id] : s.filter((x) => x !== item.id)))
                  }
                />
              );
            })}
          </ul>
        </div>
      ))}
      <ErrorMessage error={reorder.error} />
      {can.arrangeBoard && liveSelected.length >= 2 ? (
        <MergeForm ids={liveSelected} onDone={() => setSelected([])} />
      ) : null}
      {can.propose ? <ProposeForm view={view} /> : null}
      {can.finalise ? <FinaliseControls agreed={items.filter((i) => i.agreed).length} /> : null}
      {finalised ? <SummaryConsent view={view} summaryHref={summaryHref} /> : null}
    </section>
  );
}
