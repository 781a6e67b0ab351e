import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WAITING_LIMITS } from '../../../../shared/room/policies';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { MessageToFacilitators } from '../../components/MessageToFacilitators';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { formatList } from '../../lib/lists';
import { partyLabel } from '../../lib/labels';
import { useCommand } from '../../lib/useCommand';

/**
 * The party's own waiting area: calm, says who they are waiting for, shows nobody else. When the
 * facilitator opens a private check-in, `checkIn` (the call) appears here. The message form and
 * Leave show as the view offers them (`me.can`).
 */
export function WaitingScreen({
  view,
  reconnecting,
  checkIn,
  onLeft,
}: {
  view: RoomView;
  reconnecting: boolean;
  checkIn: ReactNode;
  onLeft: () => void;
}) {
  const { t, i18n } = useTranslation();
  const me = view.me;
  const can = me.can;
  const inCheckIn = me.sideRoom?.purpose === 'checkin';

  return (
    <Page screen="waiting" title={t('waiting.title')} className="waiting">
      {reconnecting ? (
        <Notice tone="calm" live>
          {t('room.reconnecting')}
        </Notice>
      ) : null}
      <p className="lead">{t('waiting.hello', { name: me.name })}</p>
      <p>{t('waiting.area', { party: partyLabel(t, me.party) })}</p>
      <p className="waiting__main">{t('waiting.letYouIn')}</p>
      <ul>
        <li>{t('waiting.private')}</li>
        <li>{t('welcome.nothingRecorded')}</li>
        <li>{t('waiting.takeTime')}</li>
      </ul>

      {inCheckIn ? (
        <section aria-labelledby="checkin-heading" className="checkin">
          <h2 id="checkin-heading">{t('waiting.checkInHeading')}</h2>
          <p>
            {t('waiting.checkInText', {
              names:
                formatList(me.sideRoom?.facilitatorNames.filter(Boolean) ?? [], i18n.language) ||
                t('roles.facilitator'),
            })}
          </p>
          {checkIn}
        </section>
      ) : null}

      {can.messageFacilitators ? (
        <MessageToFacilitators maxLength={WAITING_LIMITS.messageChars} />
      ) : null}

      {can.leave ? <LeaveWaiting onLeft={onLeft} /> : null}
    </Page>
  );
}

/** Leave the waiting area: asks once, then the aftercare screen shows. */
function LeaveWaiting({ onLeft }: { onLeft: () => void }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const [confirm, setConfirm] = useState(false);
  const leave = async () => {
    const res = await cmd.run({ type: 'self.leave' });
    if (res.ok) onLeft();
  };
  return (
    <section aria-labelledby="leave-waiting" className="leave-box">
      <h2 id="leave-waiting" className="section-title">
        {t('waiting.leaveHeading')}
      </h2>
      {confirm ? (
        <>
          <p>{t('waiting.leaveConfirm')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={leave} disabled={cmd.pending}>
              {t('waiting.leaveYes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirm(false)}>
              {t('waiting.stay')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="button" onClick={() => setConfirm(true)}>
          {t('waiting.leave')}
        </button>
      )}
      <ErrorMessage error={cmd.error} />
    </section>
  );
}
