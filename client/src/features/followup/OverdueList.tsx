import { useTranslation } from 'react-i18next';
import type { OverdueItemDto } from '../../../../shared/protocol/around';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { paths } from '../../lib/router';
import { formatDate } from '../../lib/time';
import { useApi } from '../../lib/useApi';

/** One overdue item, its date read in its case's own time zone. */
export function OverdueRow({ item, showCase }: { item: OverdueItemDto; showCase: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="overdue__item" data-testid={`overdue-${item.itemId}`}>
      {showCase ? (
        <Link to={paths.case(item.caseId)} className="overdue__case">
          {item.caseTitle}
        </Link>
      ) : null}
      <span className="overdue__text">{item.text}</span>
      <span className="field__hint">
        {t('overdue.facts', {
          owner: item.owner,
          date: formatDate(item.dueDate, i18n.language),
          count: item.daysLate,
          timeZone: item.timeZone,
          status: t(`followup.statuses.${item.status}`, { defaultValue: item.status }),
        })}
      </span>
    </li>
  );
}

/** On the facilitator's case list: every overdue agreed item across their open cases. */
export function OverdueList() {
  const { t } = useTranslation();
  const res = useApi<OverdueItemDto[]>('/api/follow-up/overdue');
  return (
    <section className="overdue" aria-labelledby="overdue-h">
      <h2 id="overdue-h">{t('overdue.heading')}</h2>
      <ErrorMessage error={res.error} />
      {res.data && res.data.length === 0 ? <p className="muted">{t('overdue.none')}</p> : null}
      {res.data && res.data.length > 0 ? (
        <ul className="overdue__list">
          {res.data.map((i) => (
            <OverdueRow key={`${i.meetingId}:${i.itemId}`} item={i} showCase />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
