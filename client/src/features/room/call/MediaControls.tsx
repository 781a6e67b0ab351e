import { Room } from 'livekit-client';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../../shared/room/views';
import { SelectField } from '../../../components/Fields';
import { loadChoices, saveChoices } from '../../../lib/deviceChoices';
import { useDismissablePopover } from '../../../lib/popover';
import { useNarrowRoom } from '../useNarrowRoom';
import { useCall, useCallVersion } from './CallContext';
import { useHasCamera } from './useHasCamera';

/**
 * "More": self-view and the choice of camera and microphone (and, on a phone, Audio only: its
 * `children`), in a small popover so the bar stays one row on a laptop. The devices are listed
 * only once it opens.
 */
function MoreMenu({
  hideSelf,
  onHideSelf,
  connected,
  children,
}: {
  hideSelf: boolean;
  onHideSelf: (hide: boolean) => void;
  connected: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const call = useCall();
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  useDismissablePopover(details);
  const [mics, setMics] = useState<MediaDeviceInfo[]>([]);
  const [cams, setCams] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void Promise.all([Room.getLocalDevices('audioinput'), Room.getLocalDevices('videoinput')])
      .then(([a, v]) => {
        if (!live) return;
        setMics(a.filter((d) => d.deviceId));
        setCams(v.filter((d) => d.deviceId));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [open]);
  const room = call.room;
  return (
    <details
      ref={details}
      className="devices bar-popover"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary aria-label={t('media.moreLabel')}>{t('media.more')}</summary>
      <div className="devices__panel bar-popover__panel">
        {children}
        <button
          type="button"
          className="button"
          aria-pressed={hideSelf}
          onClick={() => onHideSelf(!hideSelf)}
        >
          {t('media.hideSelf')}
        </button>
        {connected && mics.length > 0 ? (
          <SelectField
            label={t('devices.microphone')}
            options={mics.map((d, i) => ({
              value: d.deviceId,
              label: d.label || t('devices.micN', { n: i + 1 }),
            }))}
            value={room?.getActiveDevice('audioinput') ?? mics[0]?.deviceId ?? ''}
            onChange={(e) => void call.switchDevice('audioinput', e.target.value)}
          />
        ) : null}
        {connected && cams.length > 0 ? (
          <SelectField
            label={t('devices.camera')}
            options={cams.map((d, i) => ({
              value: d.deviceId,
              label: d.label || t('devices.cameraN', { n: i + 1 }),
            }))}
            value={room?.getActiveDevice('videoinput') ?? cams[0]?.deviceId ?? ''}
            onChange={(e) => void call.switchDevice('videoinput', e.target.value)}
          />
        ) : null}
      </div>
    </details>
  );
}

/** Microphone, camera, self-view. The microphone only turns on when the person presses it. */
export function MediaControls({
  view,
  hideSelf,
  onHideSelf,
}: {
  view: RoomView;
  hideSelf: boolean;
  onHideSelf: (hide: boolean) => void;
}) {
  const { t } = useTranslation();
  const call = useCall();
  useCallVersion(call);
  const [busy, setBusy] = useState(false);
  const media = view.me.media;
  const connected = call.state === 'connected';
  const canAudio = media?.canPublishAudio ?? false;
  const canVideo = media?.canPublishVideo ?? false;
  const stepped = view.me.steppedOut;
  const micOn = call.micOn;
  const camOn = call.cameraOn;
  const audioOnly = call.audioOnly;
  const hasCamera = useHasCamera();
  // On a phone Audio only waits in "More" (a setting for a weak connection, not a tap in the
  // moment), so the bar keeps two rows and the faces the room.
  const narrow = useNarrowRoom();

  let micHint: string | null = null;
  if (media && !canAudio) {
    if (view.pause) micHint = t('media.micPaused');
    else if (view.floor.mode === 'protected') micHint = t('media.micNotYourTurn');
    else micHint = t('media.micNotAllowed');
  } else if (stepped) {
    micHint = t('media.steppedOutHint');
  } else if (view.pause && view.me.isFacilitator && !view.me.sideRoom && micOn) {
    // The pause screen tells everyone who can still be heard; the facilitator is told too.
    micHint = t('media.heardDuringPause');
  }

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };

  const audioOnlyToggle = (
    <button
      type="button"
      className={audioOnly ? 'button button--on' : 'button'}
      aria-pressed={audioOnly}
      disabled={busy}
      data-testid="audio-only-toggle"
      onClick={() =>
        void run(async () => {
          // Kept for this tab, so a reload or the next room stays audio only.
          saveChoices({ ...loadChoices(), audioOnly: !audioOnly, cameraOn: false });
          await call.setAudioOnly(!audioOnly);
        })
      }
    >
      {t('media.audioOnly')}
    </button>
  );

  return (
    <div className="media-controls" role="group" aria-label={t('media.groupLabel')}>
      <button
        type="button"
        className={micOn ? 'button button--on' : 'button'}
        aria-describedby={micHint ? 'mic-hint' : undefined}
        disabled={!connected || !canAudio || stepped || busy}
        onClick={() => void run(() => call.setMic(!micOn))}
      >
        {micOn ? t('media.mute') : t('media.unmute')}
      </button>
      <button
        type="button"
        className={camOn ? 'button button--on' : 'button'}
        aria-describedby={hasCamera ? undefined : 'camera-hint'}
        disabled={!connected || !canVideo || stepped || busy || audioOnly || !hasCamera}
        onClick={() => void run(() => call.setCamera(!camOn))}
      >
        {camOn ? t('media.cameraOff') : t('media.cameraOn')}
      </button>
      {narrow ? null : audioOnlyToggle}
      {call.room && !call.room.canPlaybackAudio ? (
        <button
          type="button"
          className="button button--primary"
          onClick={() => void call.startAudio()}
        >
          {t('media.startAudio')}
        </button>
      ) : null}
      {!hasCamera ? (
        <p id="camera-hint" className="field__hint media-controls__hint">
          {t('media.noCamera')}
        </p>
      ) : null}
      {micHint ? (
        <p id="mic-hint" className="field__hint media-controls__hint">
          {micHint}
        </p>
      ) : null}
      <MoreMenu hideSelf={hideSelf} onHideSelf={onHideSelf} connected={connected}>
        {narrow ? audioOnlyToggle : null}
      </MoreMenu>
    </div>
  );
}
