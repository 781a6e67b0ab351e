import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveAnnouncer } from './components/Announcer';
import { Link } from './components/Link';
import { DisplayControls } from './components/DisplayControls';
import { LanguageSwitch } from './components/LanguageSwitch';
import { Page } from './components/Page';
import { JoinPage } from './features/join';
import { usePersonLanguage } from './i18n/language';
import { matchRoute, paths, usePathname, type Route } from './lib/router';

// Facilitator pages and the summary load on demand: the invitee's join page stays small.
const HomePage = lazy(() => import('./features/cases').then((m) => ({ default: m.HomePage })));
const CasePage = lazy(() => import('./features/cases').then((m) => ({ default: m.CasePage })));
const SetupPage = lazy(() => import('./features/setup').then((m) => ({ default: m.SetupPage })));
const FacilitatorRoomPage = lazy(() =>
  import('./features/facilitator').then((m) => ({ default: m.FacilitatorRoomPage })),
);
const PracticePage = lazy(() =>
  import('./features/practice').then((m) => ({ default: m.PracticePage })),
);
const SummaryPage = lazy(() =>
  import('./features/summary').then((m) => ({ default: m.SummaryPage })),
);

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page screen="not-found" title={t('notFound.title')}>
      <p className="lead">{t('notFound.text')}</p>
      <p>
        <Link to={paths.home()}>{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}

function Loading() {
  const { t } = useTranslation();
  return (
    <main id="main" className="page">
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    </main>
  );
}

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'setup':
      return <SetupPage />;
    case 'colleagueSetup':
      return <SetupPage colleague />;
    case 'case':
      return <CasePage caseId={route.caseId} />;
    case 'meet':
      return <FacilitatorRoomPage meetingId={route.meetingId} />;
    case 'meetSummary':
      return <SummaryPage meetingId={route.meetingId} />;
    case 'join':
      return <JoinPage token={route.token} />;
    case 'joinSummary':
      return <SummaryPage token={route.token} />;
    case 'joinPractice':
      return <PracticePage token={route.token} />;
    case 'notFound':
      return <NotFound />;
  }
}

export function App() {
  const { t } = useTranslation();
  const pathname = usePathname();
  const route = matchRoute(pathname);
  // Facilitator pages keep the facilitator's language; a link's pages set their person's.
  usePersonLanguage(route.name.startsWith('join') ? null : 'facilitator');
  return (
    <>
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-header__name">{t('common.appName')}</span>
        <div className="app-header__tools">
          <DisplayControls />
          <LanguageSwitch />
        </div>
      </header>
      <Suspense fallback={<Loading />}>
        <RouteView key={pathname} route={route} />
      </Suspense>
      <LiveAnnouncer />
    </>
  );
}
