import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/protocol/errors';
import type { AppConfigDto } from '../../../../shared/protocol/http';
import { PROTOCOL_VERSION } from '../../../../shared/protocol/version';
import type { RoomView } from '../../../../shared/room/views';
import { errorText } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import type { MeetingPrepDto } from '../../../../shared/protocol/prep';
import { useAppConfig } from '../../lib/appConfig';
import { RoomConnectionContext } from '../../lib/connectionContext';
import { loadChoices, saveChoices, type DeviceChoices } from '../../lib/deviceChoices';
import { navigate, paths } from '../../lib/router';
import { RoomConnection, type SocketStatus } from '../../lib/roomConnection';
import { useApi } from '../../lib/useApi';
import { useRoomConnection } from '../../lib/useRoomConnection';
import { SignInForm, useSession } from '../auth';
import { BoardPanel } from '../board';
import { FollowUpPanel } from '../followup';
// The device check itself, not the join feature's index (its page loads the room lazily).
import { DeviceCheckScreen } from '../join/DeviceCheckScreen';
import { RoomScreen } from '../room';
import { FacilitatorConsole } from './FacilitatorConsole';
import { PauseControls } from './PauseControls';
import { PauseRequestAlert } from './PauseRequestAlert';

function EndedMeeting({ view, meetingId }: { view: RoomView; meetingId: string }) {
  const { t } = useTranslation();
  return (
    <Page screen="ended" title={t('ended.title')} wide>
      <p className="lead">{t('ended.facilitatorText')}</p>
      <p>
        <Link to={paths.meetSummary(meetingId)}>{t('ended.summaryLink')}</Link> ·{' '}
        <Link to={paths.home()}>{t('cases.backToCases')}</Link>
      </p>
      <FollowUpPanel view={view} note={false} />
      <BoardPanel view={view} />
    </Page>
  );
}

/** This facilitator may not open the meeting (not theirs, or not found). */
function Refused({ error }: { error: AppError }) {
  const { t } = useTranslation();
  return (
    <Page screen="not-found" title={t('facilitatorRoom.refusedTitle')}>
      <p className="lead">{errorText(t, error)}</p>
      <p>
        <Link to={paths.home()}>{t('cases.backToCases')}</Link>
      </p>
    </Page>
  );
}

function Connecting() {
  const { t } = useTranslation();
  return (
    <Page screen="loading" title={t('common.loading')}>
      <p className="muted" role="status">
        {t('facilitatorRoom.connecting')}
      </p>
    </Page>
  );
}

function MeetingRoom({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const config = useAppConfig();
  // What the meeting is (and whether this facilitator may open it), read before anything else.
  const meeting = useApi<MeetingPrepDto>(`/api/meetings/${encodeURIComponent(meetingId)}/prep`);
  // Null until the facilitator has checked camera and microphone.
  const [choices, setChoices] = useState<DeviceChoices | null>(null);
  const [conn, setConn] = useState<RoomConnection | null>(null);
  const onChecked = (c: DeviceChoices) => {
    saveChoices(c);
    setChoices(c);
  };
  // The socket opens once the facilitator goes in: its connection is what shows them present to
  // the people waiting, who would otherwise expect to be let in while the device check is still
  // on the facilitator's screen. An ended meeting opens it at once (its page reads the view).
  const open = choices !== null || meeting.data?.status === 'ended';
  useEffect(() => {
    if (!open) return;
    const c = new RoomConnection(
      { protocol: PROTOCOL_VERSION, meetingId },
      { withCredentials: true },
    );
    setConn(c);
    return () => {
      c.close();
      setConn(null);
    };
  }, [meetingId, open]);
  if (meeting.error) {
    return <Refused error={meeting.error} />;
  }
  if (!meeting.data) {
    return <Connecting />;
  }
  if (!open) {
    return (
      <DeviceCheckScreen
        initial={loadChoices()}
        joinLabel={t('facilitatorRoom.enterRoom')}
        onBack={() => navigate(paths.home())}
        onJoin={onChecked}
      />
    );
  }
  if (!conn) return null;
  return (
    <RoomConnectionContext.Provider value={conn}>
      <MeetingRoomInner
        conn={conn}
        meetingId={meetingId}
        config={config ?? null}
        choices={choices}
        onChecked={onChecked}
      />
    </RoomConnectionContext.Provider>
  );
}

function MeetingRoomInner({
  conn,
  meetingId,
  config,
  choices,
  onChecked,
}: {
  conn: RoomConnection;
  meetingId: string;
  config: AppConfigDto | null;
  choices: DeviceChoices | null;
  onChecked: (c: DeviceChoices) => void;
}) {
  const { t } = useTranslation();
  const snap = useRoomConnection(conn);
  const view = snap.view;
  if (snap.refusal) {
    return <Refused error={snap.refusal} />;
  }
  if (!view) {
    return <Connecting />;
  }
  if (view.status === 'ended') return <EndedMeeting view={view} meetingId={meetingId} />;
  // The same camera and microphone check as every participant, before the room: the call (and
  // anything published) starts only once the facilitator goes in, muted by default.
  if (!choices) {
    return (
      <DeviceCheckScreen
        initial={loadChoices()}
        joinLabel={t('facilitatorRoom.enterRoom')}
        onBack={() => navigate(paths.home())}
        onJoin={onChecked}
      />
    );
  }
  return (
    <FacilitatorRoom
      view={view}
      socketStatus={snap.status}
      closed={snap.closedReason !== null}
      choices={choices}
      config={config}
      onLeft={() => navigate(paths.home())}
      summaryHref={paths.meetSummary(meetingId)}
    />
  );
}

/**
 * The room with every facilitator tool. Used at /meet/:id by the signed-in facilitator, and from
 * an invite link by a co-facilitator (equal process controls, FAC-15).
 */
export function FacilitatorRoom({
  view,
  socketStatus,
  closed,
  choices,
  config,
  onLeft,
  summaryHref,
}: {
  view: RoomView;
  socketStatus: SocketStatus;
  closed: boolean;
  choices: DeviceChoices;
  config: AppConfigDto | null;
  onLeft: () => void;
  summaryHref?: string;
}) {
  const { t } = useTranslation();
  return (
    <RoomScreen
      view={view}
      socketStatus={socketStatus}
      choices={choices}
      config={config}
      onLeft={onLeft}
      topActions={<PauseControls view={view} />}
      banner={
        <>
          {closed ? <Notice tone="warning">{t('facilitatorRoom.closed')}</Notice> : null}
          <PauseRequestAlert view={view} />
        </>
      }
      console={<FacilitatorConsole view={view} summaryHref={summaryHref} />}
      summaryHref={summaryHref}
    />
  );
}

/** /meet/:meetingId — the facilitator in the room (signs in first if needed). */
export default function FacilitatorRoomPage({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const me = useSession();
  if (me.loading && !me.data) {
    return (
      <Page screen="loading" title={t('common.loading')}>
        <p className="muted">{t('common.pleaseWait')}</p>
      </Page>
    );
  }
  if (!me.data) return <SignInForm onSignedIn={me.reload} />;
  return <MeetingRoom meetingId={meetingId} />;
}
