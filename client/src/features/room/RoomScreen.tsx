import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppConfigDto } from '../../../../shared/protocol/http';
import type { RoomView } from '../../../../shared/room/views';
import { MessageToFacilitators } from '../../components/MessageToFacilitators';
import { Notice } from '../../components/Notice';
import { useDocumentTitle, useScreen } from '../../components/Page';
import type { DeviceChoices } from '../../lib/deviceChoices';
import type { SocketStatus } from '../../lib/roomConnection';
import { phaseName } from '../../lib/labels';
import { BoardPanel } from '../board';
import { AudioRenderer } from './call/AudioRenderer';
import { CallProvider, useCall, useCallVersion } from './call/CallContext';
import { CallStatus } from './call/CallStatus';
import { MediaControls } from './call/MediaControls';
import { VideoGrid } from './call/VideoGrid';
import { FloorPanel } from './FloorPanel';
import { PauseScreen } from './PauseScreen';
import { PeopleList } from './PeopleList';
import { PhaseBar } from './PhaseBar';
import { LeaveControl, PauseRequestButton, StepOutControl } from './SelfControls';
import { SideRoomNotice } from './SideRoomNotice';
import { WhoCanHear } from './WhoCanHear';
import { useFloorAnnouncements, useMediaPrompt } from './useRoomNotices';

export interface RoomScreenProps {
  view: RoomView;
  socketStatus: SocketStatus;
  choices: DeviceChoices;
  config: AppConfigDto | null;
  onLeft: () => void;
  /** Facilitator tools, shown beside the room. */
  aside?: ReactNode;
  /** Facilitator tools shown under the video (phases, turns). */
  tools?: ReactNode;
  /** Shown last beside the room (ending the meeting, out of the way of everyday controls). */
  asideEnd?: ReactNode;
  /** Shown above the video for facilitators (pause banner, alerts). */
  banner?: ReactNode;
  summaryHref?: string;
}

function RoomBody({
  view,
  socketStatus,
  config,
  onLeft,
  aside,
  tools,
  asideEnd,
  banner,
  summaryHref,
}: Omit<RoomScreenProps, 'choices'>) {
  const { t } = useTranslation();
  const call = useCall();
  useCallVersion(call);
  const [hideSelf, setHideSelf] = useState(false);
  const [prompt, dismissPrompt] = useMediaPrompt(view);
  useFloorAnnouncements(view);
  useScreen('room');
  const phase = view.status === 'live' ? view.phases[view.phaseIndex] : undefined;
  useDocumentTitle(phase ? phaseName(t, phase) : t('room.title'));
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  // `fac` chooses the layout (facilitators have their own tools and talk to each other directly);
  // whether a control may be used comes from the view (`me.can`).
  const fac = view.me.isFacilitator;
  const can = view.me.can;
  const micOn = call.micOn;
  // No "you can unmute" while the call is held in another window: this one cannot unmute.
  const showPrompt = !fac && prompt && !micOn && call.problem?.kind !== 'duplicate';
  // The pause belongs to the main room: people in a private conversation see and hear each other
  // (the server lets them publish there), so they get their call, not the pause screen.
  const inSideRoom = view.me.sideRoom !== null;
  const pausedForMe = view.pause !== null && !fac && !inSideRoom;
  const videoAvailable = config?.videoAvailable !== false;

  return (
    <div className="room" data-testid="room" data-connection-state={call.state}>
      <main id="main" className="room__main">
        <h1 ref={headingRef} tabIndex={-1} className="visually-hidden">
          {t('room.title')}
        </h1>
        <PhaseBar view={view} />
        <CallStatus
          config={config}
          facilitator={fac}
          socketReconnecting={socketStatus === 'reconnecting'}
        />
        {banner}
        <SideRoomNotice view={view} />
        {view.status === 'open' && !fac ? (
          <Notice tone="calm">{t('room.notStarted')}</Notice>
        ) : null}
        {showPrompt ? (
          <Notice tone="success" testId="unmute-prompt" live>
            <p>{prompt === 'resumed' ? t('room.resumed') : t('room.canUnmute')}</p>
            <button type="button" className="button" onClick={dismissPrompt}>
              {t('common.ok')}
            </button>
          </Notice>
        ) : null}
        {view.me.steppedOut ? (
          <Notice tone="calm" title={t('self.steppedOutTitle')} live>
            <p>{t('self.steppedOutText')}</p>
          </Notice>
        ) : null}
        {!fac && !inSideRoom && view.status === 'live' ? <FloorPanel view={view} /> : null}
        <div className="room__stage">
          {pausedForMe ? (
            <PauseScreen view={view} />
          ) : (
            <VideoGrid view={view} hideSelf={hideSelf} />
          )}
        </div>
        <div className="room__controls">
          {videoAvailable ? (
            <MediaControls view={view} hideSelf={hideSelf} onHideSelf={setHideSelf} />
          ) : null}
          <div className="room__self">
            <WhoCanHear view={view} />
            {!fac && !view.pause && can.requestPause ? <PauseRequestButton /> : null}
            {!fac && (can.stepOut || can.stepBack) ? <StepOutControl view={view} /> : null}
            {can.leave ? <LeaveControl onLeft={onLeft} /> : null}
          </div>
        </div>
        {tools}
      </main>
      <aside className="room__aside" aria-label={t('room.asideLabel')}>
        {aside}
        <PeopleList view={view} />
        <BoardPanel view={view} summaryHref={summaryHref} />
        {!fac && can.messageFacilitators ? <MessageToFacilitators /> : null}
        {asideEnd}
      </aside>
      <AudioRenderer />
    </div>
  );
}

/** The meeting room for everyone: video, phase, floor, pause, board, and the ways out. */
export default function RoomScreen({ choices, ...props }: RoomScreenProps) {
  return (
    <CallProvider view={props.view} config={props.config} choices={choices}>
      <RoomBody {...props} />
    </CallProvider>
  );
}
