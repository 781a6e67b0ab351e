import { useTranslation } from 'react-i18next';
import type { BoardItemView } from '../../../../shared/room/boardView';
import { formatDate } from '../../lib/time';

/**
 * What the patient side most needs to see plainly (AGR-5): an agreed item that is late, or one
 * marked not possible, and why. Nothing for items on track.
 */
export function ItemProgressNotice({ item, late }: { item: BoardItemView; late: boolean }) {
  const { t, i18n } = useTranslation();
  if (item.followUp.status === 'not_possible') {
    return (
      <p className="followup__notice" data-testid={`followup-not-possible-${item.id}`}>
        <strong>{t('followup.notPossibleLabel')}</strong>{' '}
        {item.followUp.reason
          ? t('followup.notPossibleWhy', { reason: item.followUp.reason })
          : t('followup.notPossibleNoReason')}
      </p>
    );
  }
  if (!late || !item.fields.dueDate) return null;
  return (
    <p className="followup__notice" data-testid={`followup-late-${item.id}`}>
      <strong>{t('followup.lateLabel')}</strong>{' '}
      {t('followup.lateText', { date: formatDate(item.fields.dueDate, i18n.language) })}
    </p>
  );
}
