import { useEffect, useState } from 'react';
import type { AppConfigDto } from '../../../shared/protocol/http';
import { apiGet } from './api';

let cached: Promise<AppConfigDto | null> | null = null;

/** GET /api/config once per page load (null if it could not be read). */
export function loadAppConfig(): Promise<AppConfigDto | null> {
  cached ??= apiGet<AppConfigDto>('/api/config').catch(() => {
    cached = null;
    return null;
  });
  return cached;
}

/** Forget the cached config (after set-up, needsSetup changes). */
export function invalidateAppConfig(): void {
  cached = null;
}

export function useAppConfig(): AppConfigDto | null | undefined {
  const [config, setConfig] = useState<AppConfigDto | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadAppConfig().then((c) => {
      if (live) setConfig(c);
    });
    return () => {
      live = false;
    };
  }, []);
  return config;
}
