import { useTranslation } from 'react-i18next';
import type { BoardFields } from '../../../../shared/protocol/commands';
import type { BoardItemView } from '../../../../shared/room/boardView';
import { partyLabel } from '../../lib/labels';
import { formatDate } from '../../lib/time';

/** The plain facts of an item's fields (owner, date, how we'll know). */
export function FieldFacts({ fields }: { fields: BoardFields }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="facts">
      {fields.owner ? (
        <>
          <dt>{t('board.facts.owner')}</dt>
          <dd>{fields.owner}</dd>
        </>
      ) : null}
      {fields.dueDate ? (
        <>
          <dt>{t('board.facts.due')}</dt>
          <dd>{formatDate(fields.dueDate, i18n.language)}</dd>
        </>
      ) : null}
      {fields.completionEvidence ? (
        <>
          <dt>{t('board.facts.evidence')}</dt>
          <dd>{fields.completionEvidence}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Each affected party's answer: agreed, declined, or not yet. */
export function ConsentState({ item }: { item: BoardItemView }) {
  const { t } = useTranslation();
  return (
    <ul className="consents" aria-label={t('board.consentsLabel')}>
      {item.fields.affectedParties.map((p) => {
        const c = item.consents[p];
        const state = c ? c.decision : 'none';
        return (
          <li key={p} className={`consent consent--${state}`}>
            {partyLabel(t, p)}: {t(`board.consentState.${state}`)}
          </li>
        );
      })}
      {item.agreed ? <li className="consent consent--agreed">{t('board.agreed')}</li> : null}
    </ul>
  );
}
