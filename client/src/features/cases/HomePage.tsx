import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useAppConfig } from '../../lib/appConfig';
import { SignInForm, useSession } from '../auth';
import { CaseListPage } from './CaseListPage';

/** `/`: the sign-in form, or the facilitator's cases. */
export default function HomePage() {
  const { t } = useTranslation();
  const config = useAppConfig();
  const me = useSession();
  if (config?.needsSetup) {
    return (
      <Page screen="setup" title={t('setup.title')}>
        <Notice tone="info">
          <p>{t('setup.needed')}</p>
        </Notice>
        <p>
          <Link to="/setup">{t('setup.openForm')}</Link>
        </p>
      </Page>
    );
  }
  if (me.loading && !me.data) {
    return (
      <Page screen="loading" title={t('common.loading')}>
        <p className="muted">{t('common.pleaseWait')}</p>
      </Page>
    );
  }
  if (!me.data) return <SignInForm onSignedIn={() => me.reload()} />;
  return <CaseListPage me={me.data} onSignedOut={() => window.location.assign('/')} />;
}
