/** What the person chose on the device check, kept for this tab (also across a reload). */
export interface DeviceChoices {
  cameraOn: boolean;
  micOn: boolean;
  cameraId: string | null;
  micId: string | null;
  /** No video sent and none received: for a weak connection, or for anyone who prefers it. */
  audioOnly: boolean;
}

const KEY = 'common-ground.devices';

/**
 * Everyone enters muted and unmutes when ready (the facilitator too): nobody is heard by the other
 * side before they choose to be. The camera is on, since faces are how the room begins.
 */
export const DEFAULT_CHOICES: DeviceChoices = {
  cameraOn: true,
  micOn: false,
  cameraId: null,
  micId: null,
  audioOnly: false,
};

/**
 * This tab's choices; before any, the defaults, with audio only when the person's side asked for
 * it in preparation (`prepared`, from their link): they can still turn it off.
 */
export function loadChoices(prepared?: { audioOnly: boolean }): DeviceChoices {
  const first = prepared?.audioOnly
    ? { ...DEFAULT_CHOICES, audioOnly: true, cameraOn: false }
    : DEFAULT_CHOICES;
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return first;
    const v = JSON.parse(raw) as Partial<DeviceChoices>;
    const audioOnly = v.audioOnly === true;
    return {
      cameraOn: v.cameraOn !== false && !audioOnly,
      micOn: v.micOn === true,
      cameraId: typeof v.cameraId === 'string' ? v.cameraId : null,
      micId: typeof v.micId === 'string' ? v.micId : null,
      audioOnly,
    };
  } catch {
    return first;
  }
}

export function saveChoices(c: DeviceChoices): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(c));
  } catch {
    // Private browsing may refuse storage; the choices still hold for this page.
  }
}
