import { useSyncExternalStore } from 'react';

/** A tiny router on location.pathname: no library, just history.pushState and popstate. */

const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function getPath(): string {
  return window.location.pathname;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPath, () => '/');
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search + window.location.hash) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

export type Route =
  | { name: 'home' }
  | { name: 'setup' }
  | { name: 'colleagueSetup' }
  | { name: 'case'; caseId: string }
  | { name: 'meet'; meetingId: string }
  | { name: 'meetSummary'; meetingId: string }
  | { name: 'join'; token: string }
  | { name: 'joinSummary'; token: string }
  | { name: 'joinPractice'; token: string }
  | { name: 'notFound' };

function seg(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function matchRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  const [a, b, c] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (a === 'setup' && parts.length === 1) return { name: 'setup' };
  if (a === 'setup' && b === 'colleague' && parts.length === 2) return { name: 'colleagueSetup' };
  if (a === 'cases' && b && parts.length === 2) return { name: 'case', caseId: seg(b) };
  if (a === 'meet' && b && parts.length === 2) return { name: 'meet', meetingId: seg(b) };
  if (a === 'meet' && b && c === 'summary' && parts.length === 3) {
    return { name: 'meetSummary', meetingId: seg(b) };
  }
  if (a === 'j' && b && parts.length === 2) return { name: 'join', token: seg(b) };
  if (a === 'j' && b && c === 'summary' && parts.length === 3) {
    return { name: 'joinSummary', token: seg(b) };
  }
  if (a === 'j' && b && c === 'practice' && parts.length === 3) {
    return { name: 'joinPractice', token: seg(b) };
  }
  return { name: 'notFound' };
}

export const paths = {
  home: () => '/',
  case: (caseId: string) => `/cases/${encodeURIComponent(caseId)}`,
  meet: (meetingId: string) => `/meet/${encodeURIComponent(meetingId)}`,
  meetSummary: (meetingId: string) => `/meet/${encodeURIComponent(meetingId)}/summary`,
  join: (token: string) => `/j/${encodeURIComponent(token)}`,
  joinSummary: (token: string) => `/j/${encodeURIComponent(token)}/summary`,
  joinPractice: (token: string) => `/j/${encodeURIComponent(token)}/practice`,
};
