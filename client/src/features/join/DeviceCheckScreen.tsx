import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField } from '../../components/Fields';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import type { DeviceChoices } from '../../lib/deviceChoices';
import { useMediaPreview } from './useMediaPreview';

function deviceOptions(list: MediaDeviceInfo[], fallback: (n: number) => string) {
  return list.map((d, i) => ({ value: d.deviceId, label: d.label || fallback(i + 1) }));
}

/** Camera preview, mic level and device choice before the waiting area. Camera off is fine. */
export function DeviceCheckScreen({
  initial,
  onJoin,
  onBack,
  busy,
  joinLabel,
}: {
  initial: DeviceChoices;
  onJoin: (choices: DeviceChoices) => void;
  onBack: () => void;
  busy?: boolean;
  /** The main button's words where it does not lead to the waiting area (the facilitator). */
  joinLabel?: string;
}) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<DeviceChoices>(initial);
  const preview = useMediaPreview(choices.cameraOn, choices.cameraId, choices.micId);
  const videoRef = useRef<HTMLVideoElement>(null);
  const hasVideo = (preview.stream?.getVideoTracks().length ?? 0) > 0;
  // No camera at all: the person joins with sound only (the room never tries a camera they lack).
  const noCamera = preview.problem === 'noCamera';

  useEffect(() => {
    const el = videoRef.current;
    if (!el) return;
    el.srcObject = hasVideo ? preview.stream : null;
    if (hasVideo) void el.play().catch(() => undefined);
  }, [preview.stream, hasVideo]);

  const cameraOptions = deviceOptions(preview.cameras, (n) => t('devices.cameraN', { n }));
  const micOptions = deviceOptions(preview.mics, (n) => t('devices.micN', { n }));
  const percent = Math.round(preview.level * 100);

  return (
    <Page screen="device-check" title={t('devices.title')}>
      <p className="lead">{t('devices.intro')}</p>
      <div className="device-check">
        <div className="device-check__preview">
          {choices.cameraOn && hasVideo ? (
            <video
              ref={videoRef}
              className="self-preview"
              muted
              playsInline
              autoPlay
              aria-label={t('devices.previewLabel')}
            />
          ) : (
            <div className="video-placeholder" role="img" aria-label={t('devices.cameraOffLabel')}>
              <span>{choices.cameraOn ? t('devices.noCamera') : t('devices.cameraIsOff')}</span>
            </div>
          )}
        </div>
        <div className="device-check__controls">
          {preview.problem ? (
            <Notice tone="calm" live>
              {t(`devices.problem.${preview.problem}`)}
            </Notice>
          ) : null}
          <div className="field">
            <label htmlFor="mic-level">{t('devices.micLevel')}</label>
            <meter
              id="mic-level"
              className="mic-meter"
              min={0}
              max={100}
              value={percent}
              aria-describedby="mic-level-hint"
            >
              {percent}%
            </meter>
            <p id="mic-level-hint" className="field__hint">
              {t('devices.micLevelHint')}
            </p>
          </div>
          {cameraOptions.length > 1 ? (
            <SelectField
              label={t('devices.camera')}
              options={cameraOptions}
              value={choices.cameraId ?? cameraOptions[0]?.value ?? ''}
              onChange={(e) => setChoices((c) => ({ ...c, cameraId: e.target.value }))}
              disabled={!choices.cameraOn || choices.audioOnly}
            />
          ) : null}
          {micOptions.length > 1 ? (
            <SelectField
              label={t('devices.microphone')}
              options={micOptions}
              value={choices.micId ?? micOptions[0]?.value ?? ''}
              onChange={(e) => setChoices((c) => ({ ...c, micId: e.target.value }))}
            />
          ) : null}
          <CheckboxField
            label={t('devices.audioOnly')}
            hint={t('devices.audioOnlyHint')}
            checked={choices.audioOnly}
            onChange={(e) => {
              const audioOnly = e.target.checked;
              // Audio only needs no camera: the preview lets it go, and it stays off in the room.
              setChoices((c) => ({ ...c, audioOnly, cameraOn: !audioOnly }));
            }}
          />
          <CheckboxField
            label={t('devices.joinCameraOff')}
            checked={!choices.cameraOn || noCamera}
            disabled={choices.audioOnly || noCamera}
            onChange={(e) => setChoices((c) => ({ ...c, cameraOn: !e.target.checked }))}
          />
          <CheckboxField
            label={t('devices.joinMicOff')}
            hint={t('devices.joinMicOffHint')}
            checked={!choices.micOn}
            onChange={(e) => setChoices((c) => ({ ...c, micOn: !e.target.checked }))}
          />
        </div>
      </div>
      <p>{t('devices.privacy')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => onJoin(noCamera ? { ...choices, cameraOn: false } : choices)}
          disabled={busy}
        >
          {joinLabel ?? t('devices.join')}
        </button>
        <button type="button" className="button" onClick={onBack}>
          {t('common.back')}
        </button>
      </div>
    </Page>
  );
}
