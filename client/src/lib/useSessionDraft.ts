import { useCallback, useEffect, useState } from 'react';

/**
 * State that survives a reconnect or a reload of this tab: kept in sessionStorage under `key`
 * (gone when the tab closes; never sent anywhere). Without a key it is plain state.
 */
export function useSessionDraft<T>(key: string | undefined, initial: T) {
  const [value, setValue] = useState<T>(() => {
    if (!key) return initial;
    try {
      const raw = window.sessionStorage.getItem(key);
      return raw ? (JSON.parse(raw) as T) : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    if (!key) return;
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the draft simply lives in memory.
    }
  }, [key, value]);
  const clear = useCallback(() => {
    if (key) window.sessionStorage.removeItem(key);
  }, [key]);
  return [value, setValue, clear] as const;
}
