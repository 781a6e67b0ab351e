import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Values of `document.body.dataset.screen` (the e2e suite waits on them). */
export type ScreenName =
  | 'loading'
  | 'welcome'
  | 'consent'
  | 'device-check'
  | 'waiting'
  | 'room'
  | 'aftercare'
  | 'ended'
  | 'denied'
  | 'invite-problem'
  | 'signin'
  | 'cases'
  | 'case'
  | 'setup'
  | 'summary'
  | 'not-found'
  | 'practice';

/** Tells tests (and styles) which screen is showing. */
export function useScreen(screen: ScreenName): void {
  useEffect(() => {
    document.body.dataset.screen = screen;
  }, [screen]);
}

export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} – ${t('common.appName')}` : t('common.appName');
  }, [title, t]);
}

interface PageProps {
  screen: ScreenName;
  title: string;
  /** Shown instead of the title as the visible heading when they differ. */
  heading?: ReactNode;
  wide?: boolean;
  children?: ReactNode;
  className?: string;
}

/**
 * One screen: sets data-screen and the document title, and moves focus to the heading when it
 * first shows so screen-reader users hear where they are.
 */
export function Page({ screen, title, heading, wide, children, className }: PageProps) {
  useScreen(screen);
  useDocumentTitle(title);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) {
      ref.current?.focus({ preventScroll: true });
    }
  }, []);
  return (
    <main
      id="main"
      className={['page', wide ? 'page--wide' : '', className ?? ''].filter(Boolean).join(' ')}
    >
      <h1 ref={ref} tabIndex={-1} className="page__title">
        {heading ?? title}
      </h1>
      {children}
    </main>
  );
}
