import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../../shared/protocol/errors';
import type { ConsentTermsDto } from '../../../../../shared/protocol/prep';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { CheckboxField } from '../../../components/Fields';
import { Page } from '../../../components/Page';
import { apiPost, toAppError } from '../../../lib/api';
import { roleLabel } from '../../../lib/labels';
import { useApi } from '../../../lib/useApi';

/**
 * Before the device check: the person's own consent (PRE-4), asked when they have not given it,
 * withdrew it, or gave it to an earlier list of who will be there. Otherwise the children show.
 */
export function ConsentGate({
  token,
  onBack,
  children,
}: {
  token: string;
  onBack: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('prep');
  const { t: tt } = useTranslation();
  const path = `/api/invite/${encodeURIComponent(token)}/consent`;
  const terms = useApi<ConsentTermsDto>(path);
  if (terms.error) {
    return (
      <Page screen="consent" title={t('consent.title')}>
        <ErrorMessage error={terms.error} />
        <button type="button" className="button" onClick={terms.reload}>
          {t('tryAgain')}
        </button>
      </Page>
    );
  }
  if (!terms.data) {
    return (
      <Page screen="loading" title={tt('common.loading')}>
        <p className="muted">{tt('common.loading')}</p>
      </Page>
    );
  }
  if (terms.data.status === 'current') return <>{children}</>;
  return (
    <ConsentScreen
      terms={terms.data}
      path={path}
      onBack={onBack}
      onAgreed={(next) => terms.setData(() => next)}
    />
  );
}

function ConsentScreen({
  terms,
  path,
  onBack,
  onAgreed,
}: {
  terms: ConsentTermsDto;
  path: string;
  onBack: () => void;
  onAgreed: (next: ConsentTermsDto) => void;
}) {
  const { t } = useTranslation('prep');
  const { t: tt } = useTranslation();
  const [parts, setParts] = useState({ participate: false, attendees: false, summary: false });
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const all = parts.participate && parts.attendees && parts.summary;
  const agree = async () => {
    setBusy(true);
    setError(null);
    try {
      onAgreed(await apiPost<ConsentTermsDto>(path, { version: terms.version, ...parts }));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };
  const tick = (k: keyof typeof parts) => (e: { target: { checked: boolean } }) =>
    setParts((p) => ({ ...p, [k]: e.target.checked }));
  return (
    <Page screen="consent" title={t('consent.title')}>
      {terms.status === 'outdated' ? (
        <p className="lead" role="status">
          {t('consent.changed')}
        </p>
      ) : null}
      {terms.status === 'withdrawn' ? <p className="lead">{t('consent.withdrawnBefore')}</p> : null}
      <section aria-labelledby="consent-is">
        <h2 id="consent-is">{t('consent.whatItIs')}</h2>
        <ul>
          <li>{t('consent.notLegal')}</li>
          <li>{t('consent.notRecorded')}</li>
          <li>{t('consent.pauseLeave')}</li>
          <li>{t('consent.voluntary')}</li>
        </ul>
      </section>
      <section aria-labelledby="consent-who">
        <h2 id="consent-who">{t('consent.whoHeading')}</h2>
        <ul data-testid="consent-present">
          {terms.present.map((p, i) => (
            <li key={i}>
              {p.name} ({roleLabel(tt, p.role)})
            </li>
          ))}
        </ul>
      </section>
      <fieldset className="form">
        <legend>{t('consent.agreeLegend')}</legend>
        <CheckboxField
          label={t('consent.participate')}
          checked={parts.participate}
          onChange={tick('participate')}
        />
        <CheckboxField
          label={t('consent.attendees')}
          checked={parts.attendees}
          onChange={tick('attendees')}
        />
        <CheckboxField
          label={t('consent.summary')}
          checked={parts.summary}
          onChange={tick('summary')}
        />
        <p className="field__hint">{t('consent.summaryHint')}</p>
      </fieldset>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="button" onClick={onBack}>
          {t('consent.back')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!all || busy}
          onClick={() => void agree()}
        >
          {t('consent.agree')}
        </button>
      </div>
      <p className="muted">{t('consent.withdrawLater')}</p>
    </Page>
  );
}
