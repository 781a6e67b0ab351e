import { useEffect, useState } from 'react';

/**
 * Whether this device has a camera at all (false on a computer without one), kept up to date
 * when one is plugged in or out. True until known, so a slow answer never hides a camera.
 */
export function useHasCamera(): boolean {
  const [has, setHas] = useState(true);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) return;
    let live = true;
    const check = () =>
      void media
        .enumerateDevices()
        .then((list) => {
          if (live) setHas(list.some((d) => d.kind === 'videoinput'));
        })
        .catch(() => undefined);
    check();
    media.addEventListener('devicechange', check);
    return () => {
      live = false;
      media.removeEventListener('devicechange', check);
    };
  }, []);
  return has;
}
