import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/protocol/errors';
import type { CaseDto, CaseSummaryDto, FacilitatorDto } from '../../../../shared/protocol/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Fields';
import { Link } from '../../components/Link';
import { Page } from '../../components/Page';
import { apiPost, toAppError } from '../../lib/api';
import { HTTP_LIMITS } from '../../lib/contract';
import { navigate, paths } from '../../lib/router';
import { formatDate } from '../../lib/time';
import { useApi } from '../../lib/useApi';
import { SignOutButton } from '../auth';
import { OverdueList } from '../followup';
import { FeedbackOverview } from '../feedback';

function CreateCaseForm() {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await apiPost<CaseDto>('/api/cases', { title: title.trim() });
      navigate(paths.case(created.id));
    } catch (err) {
      setError(toAppError(err));
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby="new-case-h">
      <h2 id="new-case-h">{t('cases.newHeading')}</h2>
      <TextField
        label={t('cases.title')}
        hint={t('cases.titleHint')}
        required
        maxLength={HTTP_LIMITS.title}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit" className="button button--primary" disabled={busy || !title.trim()}>
        {t('cases.create')}
      </button>
    </form>
  );
}

/** The signed-in facilitator's cases, with neutral titles and overdue follow-ups. */
export function CaseListPage({ me, onSignedOut }: { me: FacilitatorDto; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const cases = useApi<CaseSummaryDto[]>('/api/cases');
  return (
    <Page screen="cases" title={t('cases.heading')} wide>
      <p className="signed-in">
        {t('auth.signedInAs', { name: me.name })} <SignOutButton onSignedOut={onSignedOut} />
      </p>
      <ErrorMessage error={cases.error} />
      {cases.data ? (
        cases.data.length === 0 ? (
          <p className="muted">{t('cases.empty')}</p>
        ) : (
          <ul className="case-list">
            {cases.data.map((c) => (
              <li key={c.id} className="case-list__item">
                <Link to={paths.case(c.id)} className="case-list__title">
                  {c.title}
                </Link>
                <span className="field__hint">
                  {t('cases.summary', {
                    people: c.people,
                    meetings: c.meetings,
                    date: formatDate(c.createdAt, i18n.language),
                  })}
                  {c.closedAt ? ` · ${t('cases.closed')}` : ''}
                </span>
                {c.overdueItems > 0 ? (
                  <span className="badge badge--warning">
                    {t('cases.overdue', { count: c.overdueItems })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : cases.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
      <OverdueList />
      <FeedbackOverview />
      <CreateCaseForm />
    </Page>
  );
}
