import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppConfigDto } from '../../../../shared/protocol/http';
import { PROTOCOL_VERSION } from '../../../../shared/protocol/version';
import type { RoomView } from '../../../../shared/room/views';
import { errorText } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useAppConfig } from '../../lib/appConfig';
import { RoomConnectionContext } from '../../lib/connectionContext';
import { loadChoices, type DeviceChoices } from '../../lib/deviceChoices';
import { navigate, paths } from '../../lib/router';
import { RoomConnection, type SocketStatus } from '../../lib/roomConnection';
import { useNow } from '../../lib/useNow';
import { useRoomConnection } from '../../lib/useRoomConnection';
import { SignInForm, useSession } from '../auth';
import { BoardPanel } from '../board';
import { FollowUpPanel } from '../followup';
import { RoomScreen } from '../room';
import { EndControls, StartControls } from './EndControls';
import { FloorControls } from './FloorControls';
import { Inbox } from './Inbox';
import { LobbyList } from './LobbyList';
import { PauseControls } from './PauseControls';
import { PhaseNavigator, Timers } from './PhaseNavigator';
import { ScriptEditor } from './ScriptEditor';
import { SideRooms } from './SideRooms';
import { TalkTimeBalance } from './TalkTimeBalance';

/**
 * Facilitator tools under the video: the script and the turns to speak. The meeting's stage lays
 * them out (Start before it, the timers and turns while live); the script can be edited while the
 * view offers it (`me.can.updateScript`).
 */
function FacilitatorTools({ view }: { view: RoomView }) {
  const now = useNow(1000);
  return (
    <div className="facilitator-tools">
      <div className="facilitator-panel">
        {view.status === 'open' ? <StartControls view={view} /> : null}
        <PhaseNavigator view={view} now={now} />
        {view.me.can.updateScript ? <ScriptEditor view={view} /> : null}
        {view.status === 'live' ? <Timers view={view} now={now} /> : null}
      </div>
      <div className="facilitator-panel">
        {view.status === 'live' ? <FloorControls view={view} /> : null}
        <TalkTimeBalance view={view} now={now} />
      </div>
    </div>
  );
}

/** Facilitator tools beside the room: requests, waiting areas, side rooms, ending. */
function FacilitatorAside({ view }: { view: RoomView }) {
  return (
    <div className="facilitator-panel">
      <Inbox view={view} />
      <LobbyList view={view} />
      <SideRooms view={view} />
    </div>
  );
}

/** The ending panel, at the end of the aside once the meeting is live. */
function FacilitatorEnding({ view }: { view: RoomView }) {
  if (view.status !== 'live') return null;
  return (
    <div className="facilitator-panel">
      <EndControls view={view} />
    </div>
  );
}

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

function MeetingRoom({ meetingId }: { meetingId: string }) {
  const config = useAppConfig();
  const [conn, setConn] = useState<RoomConnection | null>(null);
  const [choices] = useState(loadChoices);
  useEffect(() => {
    const c = new RoomConnection(
      { protocol: PROTOCOL_VERSION, meetingId },
      { withCredentials: true },
    );
    setConn(c);
    return () => c.close();
  }, [meetingId]);
  if (!conn) return null;
  return (
    <RoomConnectionContext.Provider value={conn}>
      <MeetingRoomInner
        conn={conn}
        meetingId={meetingId}
        config={config ?? null}
        choices={choices}
      />
    </RoomConnectionContext.Provider>
  );
}

function MeetingRoomInner({
  conn,
  meetingId,
  config,
  choices,
}: {
  conn: RoomConnection;
  meetingId: string;
  config: AppConfigDto | null;
  choices: DeviceChoices;
}) {
  const { t } = useTranslation();
  const snap = useRoomConnection(conn);
  const view = snap.view;
  if (snap.refusal) {
    return (
      <Page screen="not-found" title={t('facilitatorRoom.refusedTitle')}>
        <p className="lead">{errorText(t, snap.refusal)}</p>
        <p>
          <Link to={paths.home()}>{t('cases.backToCases')}</Link>
        </p>
      </Page>
    );
  }
  if (!view) {
    return (
      <Page screen="loading" title={t('common.loading')}>
        <p className="muted" role="status">
          {t('facilitatorRoom.connecting')}
        </p>
      </Page>
    );
  }
  if (view.status === 'ended') return <EndedMeeting view={view} meetingId={meetingId} />;
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
      banner={
        <>
          {closed ? <Notice tone="warning">{t('facilitatorRoom.closed')}</Notice> : null}
          <PauseControls view={view} />
        </>
      }
      aside={<FacilitatorAside view={view} />}
      tools={<FacilitatorTools view={view} />}
      asideEnd={<FacilitatorEnding view={view} />}
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
