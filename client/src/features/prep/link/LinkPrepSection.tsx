import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../../shared/protocol/errors';
import type { ConsentTermsDto, TimingDto } from '../../../../../shared/protocol/prep';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { apiPost, toAppError } from '../../../lib/api';
import { useApi } from '../../../lib/useApi';
import { formatWhen } from '../when';
import { LinkQuestions } from './LinkQuestions';

/**
 * On a person's link page (issue 15): their consent, with a control to withdraw it at any time
 * (PAR-11); the meeting's time (the patient's side chooses among the proposed times, or says none
 * suits; everyone else sees only the chosen time, with a calendar file); the patient's questions.
 */
export function LinkPrepSection({ token }: { token: string }) {
  const { t } = useTranslation('prep');
  const base = `/api/invite/${encodeURIComponent(token)}`;
  return (
    <aside className="page page--aside" aria-labelledby="link-prep-h" data-testid="link-prep">
      <h2 id="link-prep-h">{t('link.heading')}</h2>
      <ConsentStatus base={base} />
      <TimeChoice base={base} />
      <LinkQuestions base={base} />
    </aside>
  );
}

function ConsentStatus({ base }: { base: string }) {
  const { t, i18n } = useTranslation('prep');
  const terms = useApi<ConsentTermsDto>(`${base}/consent`);
  const [error, setError] = useState<AppError | null>(null);
  if (!terms.data) return null;
  const { status, at } = terms.data;
  const withdraw = async () => {
    setError(null);
    try {
      const next = await apiPost<ConsentTermsDto>(`${base}/consent/withdraw`);
      terms.setData(() => next);
    } catch (e) {
      setError(toAppError(e));
    }
  };
  return (
    <section aria-labelledby="link-consent-h">
      <h3 id="link-consent-h">{t('link.consentHeading')}</h3>
      <p role="status" aria-live="polite" data-testid="consent-status">
        {t(`link.consent.${status}`, {
          date: at ? formatWhen(at, i18n.language) : '',
        })}
      </p>
      {status === 'current' || status === 'outdated' ? (
        <ConfirmAction
          label={t('link.withdraw')}
          question={t('link.withdrawQuestion')}
          explain={t('link.withdrawExplain')}
          confirmLabel={t('link.withdrawConfirm')}
          onConfirm={withdraw}
        />
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}

function TimeChoice({ base }: { base: string }) {
  const { t, i18n } = useTranslation('prep');
  const timing = useApi<TimingDto>(`${base}/timing`);
  const [error, setError] = useState<AppError | null>(null);
  const d = timing.data;
  if (!d || (!d.chosen && !d.canChoose && !d.noneSuits)) return null;
  const choose = async (body: { proposalId: string } | { noneSuits: true }) => {
    setError(null);
    try {
      const next = await apiPost<TimingDto>(`${base}/timing`, body);
      timing.setData(() => next);
    } catch (e) {
      setError(toAppError(e));
    }
  };
  return (
    <section aria-labelledby="link-time-h">
      <h3 id="link-time-h">{t('link.timeHeading')}</h3>
      {d.chosen ? (
        <p data-testid="chosen-time">
          {t('link.chosen', { when: formatWhen(d.chosen.startsAt, i18n.language) })}{' '}
          <a href={`${base}/calendar.ics`} download="meeting.ics">
            {t('link.addToCalendar')}
          </a>
        </p>
      ) : null}
      {d.noneSuits ? <p>{t('link.noneSuitsSaid')}</p> : null}
      {d.canChoose ? (
        <fieldset className="form">
          <legend>{t('link.chooseLegend')}</legend>
          <ul>
            {d.proposals.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={d.chosen?.id === p.id ? 'button button--primary' : 'button'}
                  aria-pressed={d.chosen?.id === p.id}
                  onClick={() => void choose({ proposalId: p.id })}
                >
                  {t('link.choose', { when: formatWhen(p.startsAt, i18n.language) })}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => void choose({ noneSuits: true })}>
            {t('link.noneSuits')}
          </button>
        </fieldset>
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}
