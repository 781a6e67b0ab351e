import { useTranslation } from 'react-i18next';
import type { AppConfigDto } from '../../../../../shared/protocol/http';
import { errorText } from '../../../components/ErrorMessage';
import { Notice } from '../../../components/Notice';
import { useCall, useCallVersion } from './CallContext';

/** Calm notices about the video connection: reconnecting, unavailable, could not connect. */
export function CallStatus({
  config,
  facilitator,
  socketReconnecting,
}: {
  config: AppConfigDto | null;
  facilitator?: boolean;
  socketReconnecting?: boolean;
}) {
  const { t } = useTranslation();
  const call = useCall();
  useCallVersion(call);
  if (config && !config.videoAvailable) {
    return (
      <Notice tone="warning" title={t('call.unavailableTitle')} testId="video-unavailable">
        <p>{facilitator && config.videoHelp ? config.videoHelp : t('call.unavailableText')}</p>
      </Notice>
    );
  }
  const reconnecting =
    socketReconnecting || call.state === 'reconnecting' || call.state === 'signalReconnecting';
  const p = call.problem;
  return (
    <>
      {reconnecting ? (
        <Notice tone="calm" live testId="reconnecting">
          {t('room.reconnecting')}
        </Notice>
      ) : null}
      {p?.kind === 'token' || p?.kind === 'connect' ? (
        <Notice tone="calm" live>
          <p>
            {p.kind === 'token' ? errorText(t, p.error) : t('call.connectFailed')}{' '}
            {t('call.retrying')}
          </p>
          <button type="button" className="button" onClick={() => call.retry()}>
            {t('common.tryAgain')}
          </button>
        </Notice>
      ) : null}
      {p?.kind === 'duplicate' ? (
        <Notice tone="warning" live>
          <p>{t('call.duplicate')}</p>
          <button type="button" className="button" onClick={() => call.retry()}>
            {t('call.useThisWindow')}
          </button>
        </Notice>
      ) : null}
      {p?.kind === 'device' ? (
        <Notice tone="calm" live>
          <p>{t(`call.device.${p.which}`)}</p>
          <button type="button" className="button" onClick={() => call.clearProblem()}>
            {t('common.ok')}
          </button>
        </Notice>
      ) : null}
    </>
  );
}
