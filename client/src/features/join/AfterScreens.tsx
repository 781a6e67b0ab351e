import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/protocol/errors';
import type { Party } from '../../../../shared/room/roles';
import { errorText } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { Page } from '../../components/Page';
import { SupportResources } from '../../components/SupportResources';

/** After leaving: support, and a way back in with the same link. */
export function AftercareScreen({
  party,
  onRejoin,
  busy,
  error,
}: {
  party?: Party;
  onRejoin: () => void;
  busy?: boolean;
  error?: AppError | null;
}) {
  const { t } = useTranslation();
  return (
    <Page screen="aftercare" title={t('aftercare.title')}>
      <p className="lead">{t('aftercare.thanks')}</p>
      <p>{t('aftercare.goesOn')}</p>
      <p>{t('aftercare.contact')}</p>
      <SupportResources party={party} />
      <section aria-labelledby="rejoin-heading">
        <h2 id="rejoin-heading">{t('aftercare.rejoinHeading')}</h2>
        <p>{t('aftercare.rejoinText')}</p>
        {error ? (
          <p className="error-text" role="alert">
            {errorText(t, error)}
          </p>
        ) : null}
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            onClick={onRejoin}
            disabled={busy}
          >
            {t('aftercare.rejoin')}
          </button>
        </div>
      </section>
    </Page>
  );
}

/** The meeting is over: thanks, support, the agreed items and the summary. */
export function EndedScreen({
  party,
  summaryHref,
  children,
}: {
  party?: Party;
  summaryHref?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Page screen="ended" title={t('ended.title')}>
      <p className="lead">{t('ended.thanks')}</p>
      <p>{t('ended.next')}</p>
      {children}
      {summaryHref ? (
        <p>
          <Link to={summaryHref}>{t('ended.summaryLink')}</Link>
        </p>
      ) : null}
      <SupportResources party={party} />
    </Page>
  );
}

/** The facilitator did not let this person in, or asked them to leave. */
export function DeniedScreen({ reason, party }: { reason: 'denied' | 'removed'; party?: Party }) {
  const { t } = useTranslation();
  return (
    <Page screen="denied" title={t(`denied.${reason}.title`)}>
      <p className="lead">{t(`denied.${reason}.text`)}</p>
      <p>{t('denied.contact')}</p>
      <SupportResources party={party} />
    </Page>
  );
}

/** The link itself does not work (expired, revoked, unknown) or the app is out of date. */
export function InviteProblem({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const known = [
    'INVITE_EXPIRED',
    'INVITE_REVOKED',
    'NOT_FOUND',
    'CLIENT_TOO_OLD',
    'SERVER_TOO_OLD',
  ];
  const code = known.includes(error.code) ? error.code : 'other';
  return (
    <Page screen="invite-problem" title={t(`invite.${code}.title` as 'invite.other.title')}>
      <p className="lead">{t(`invite.${code}.text` as 'invite.other.text')}</p>
      {code === 'CLIENT_TOO_OLD' ? (
        <button
          type="button"
          className="button button--primary"
          onClick={() => window.location.reload()}
        >
          {t('invite.reload')}
        </button>
      ) : onRetry && code === 'other' ? (
        <button type="button" className="button button--primary" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      ) : null}
      <SupportResources />
    </Page>
  );
}

/** A short calm placeholder while something loads. */
export function LoadingScreen({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Page screen="loading" title={label ?? t('common.loading')}>
      <p className="muted" role="status">
        {t('common.pleaseWait')}
      </p>
    </Page>
  );
}
