import { ConnectionState } from 'livekit-client';
import { useTranslation } from 'react-i18next';
import { useCall, useCallVersion } from './CallContext';

/**
 * The video connection in two or three words for the top bar. Silent (no live region): the
 * notices under the top bar say what to do when something is wrong.
 */
export function ConnectionPill({ socketReconnecting }: { socketReconnecting?: boolean }) {
  const { t } = useTranslation();
  const call = useCall();
  useCallVersion(call);
  const key =
    socketReconnecting ||
    call.state === ConnectionState.Reconnecting ||
    call.state === ConnectionState.SignalReconnecting
      ? 'reconnecting'
      : call.state === ConnectionState.Connected
        ? 'connected'
        : call.state === ConnectionState.Connecting
          ? 'connecting'
          : 'offline';
  return (
    <p className="connection-pill" data-state={key} data-testid="connection-pill">
      <span className="connection-pill__text">{t(`connection.${key}`)}</span>
    </p>
  );
}
