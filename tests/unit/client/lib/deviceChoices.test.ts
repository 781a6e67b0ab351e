// The device-check choices (client/src/lib/deviceChoices.ts): everyone enters muted unless they
// chose otherwise on this tab's device check (issue 14, "Entering gently").
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_CHOICES,
  loadChoices,
  saveChoices,
} from '../../../../client/src/lib/deviceChoices';

describe('device choices', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    vi.stubGlobal('window', {
      sessionStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
      },
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('enters muted with the camera on by default', () => {
    expect(DEFAULT_CHOICES.micOn).toBe(false);
    expect(DEFAULT_CHOICES.cameraOn).toBe(true);
    expect(loadChoices()).toEqual(DEFAULT_CHOICES);
  });

  it('keeps a choice made on the device check, and reads anything unclear as muted', () => {
    saveChoices({ ...DEFAULT_CHOICES, micOn: true });
    expect(loadChoices().micOn).toBe(true);
    window.sessionStorage.setItem('common-ground.devices', JSON.stringify({ cameraOn: false }));
    expect(loadChoices()).toMatchObject({ micOn: false, cameraOn: false });
    window.sessionStorage.setItem('common-ground.devices', JSON.stringify({ micOn: 'yes' }));
    expect(loadChoices().micOn).toBe(false);
    window.sessionStorage.setItem('common-ground.devices', '{not json');
    expect(loadChoices()).toEqual(DEFAULT_CHOICES);
  });

  it('starts in audio only when the person’s side asked for it in preparation, until they choose', () => {
    expect(loadChoices({ audioOnly: true })).toEqual({
      ...DEFAULT_CHOICES,
      audioOnly: true,
      cameraOn: false,
    });
    expect(loadChoices({ audioOnly: false })).toEqual(DEFAULT_CHOICES);
    saveChoices({ ...DEFAULT_CHOICES, audioOnly: false });
    expect(loadChoices({ audioOnly: true }).audioOnly).toBe(false);
  });
});
