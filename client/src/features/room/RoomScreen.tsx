import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppConfigDto } from '../../../../shared/protocol/http';
import type { RoomView } from '../../../../shared/room/views';
import { DisplayControls } from '../../components/DisplayControls';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Notice } from '../../components/Notice';
import { useDocumentTitle, useScreen } from '../../components/Page';
import type { DeviceChoices } from '../../lib/deviceChoices';
import { IN_REACH } from '../../lib/focusTrap';
import type { SocketStatus } from '../../lib/roomConnection';
import { phaseName } from '../../lib/labels';
import { CaptionControls, CaptionerDesk, CaptionsOverlay } from '../captions';
import { AudioRenderer } from './call/AudioRenderer';
import { CallProvider, useCall, useCallVersion } from './call/CallContext';
import { CallStatus } from './call/CallStatus';
import { ConnectionPill } from './call/ConnectionPill';
import { MediaControls } from './call/MediaControls';
import { VideoGrid } from './call/VideoGrid';
import { FloorPanel } from './FloorPanel';
import { PauseScreen } from './PauseScreen';
import { PhaseBar } from './PhaseBar';
import { RoomPanels } from './RoomPanels';
import { LeaveControl, PauseRequestButton, StepOutControl } from './SelfControls';
import { SideRoomNotice } from './SideRoomNotice';
import { WhoCanHear } from './WhoCanHear';
import { useNarrowRoom } from './useNarrowRoom';
import { useRoomAnnouncements, useMediaPrompt } from './useRoomNotices';

export interface RoomScreenProps {
  view: RoomView;
  socketStatus: SocketStatus;
  choices: DeviceChoices;
  config: AppConfigDto | null;
  onLeft: () => void;
  /** Facilitators: their console (tabs), in place of a participant's side panel. */
  console?: ReactNode;
  /** Facilitators: the pause, in the top bar so it is always in reach (never in a tab). */
  topActions?: ReactNode;
  /** Shown above the stage for facilitators (a participant's pause request, alerts). */
  banner?: ReactNode;
  summaryHref?: string;
}

/**
 * The room as a calm video call: a compact top bar (phase, connection), the stage filling what is
 * left of the window (whoever holds the floor large), a side panel of tabs beside it, and a fixed
 * bottom bar with who can hear me and the person's own controls. The page itself never scrolls;
 * panels scroll inside themselves (styles.css, `.room`).
 */
function RoomBody({
  view,
  socketStatus,
  config,
  onLeft,
  console: facilitatorConsole,
  topActions,
  banner,
  summaryHref,
}: Omit<RoomScreenProps, 'choices'>) {
  const { t } = useTranslation();
  const call = useCall();
  useCallVersion(call);
  const [hideSelf, setHideSelf] = useState(false);
  const narrow = useNarrowRoom();
  const [prompt, dismissPrompt] = useMediaPrompt(view);
  useRoomAnnouncements(view);
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
    <div
      className={fac ? 'room room--console' : 'room'}
      data-testid="room"
      data-connection-state={call.state}
    >
      {/* IN_REACH: still usable while the pause screen holds the focus (lib/focusTrap). */}
      <header className="room__top" {...IN_REACH}>
        <PhaseBar view={view} />
        <ConnectionPill socketReconnecting={socketStatus === 'reconnecting'} />
        {/* The app's header is hidden in the room (styles.css): its language switch and display
            controls live here. On a phone the language is inside "Display", beside the phase, so
            the top bar keeps one row (the facilitator's pause on a second) and the faces the room. */}
        {narrow ? <DisplayControls language /> : null}
        {topActions ? <div className="room__top-actions">{topActions}</div> : null}
        {narrow ? null : (
          <>
            <DisplayControls />
            <LanguageSwitch />
          </>
        )}
      </header>
      <main id="main" className="room__main">
        <h1 ref={headingRef} tabIndex={-1} className="visually-hidden">
          {t('room.title')}
        </h1>
        <div className="room__notices" {...IN_REACH}>
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
          {call.audioOnly && videoAvailable ? (
            <Notice tone="calm" testId="audio-only">
              {t('media.audioOnlyOn')}
            </Notice>
          ) : null}
          {view.me.steppedOut ? (
            <Notice tone="calm" title={t('self.steppedOutTitle')} live>
              <p>{t('self.steppedOutText')}</p>
            </Notice>
          ) : null}
        </div>
        {!fac && !inSideRoom && view.status === 'live' ? <FloorPanel view={view} /> : null}
        <div
          className="room__stage"
          data-testid="stage"
          data-paused={pausedForMe ? 'true' : undefined}
        >
          {pausedForMe ? (
            <PauseScreen view={view} />
          ) : (
            <VideoGrid view={view} hideSelf={hideSelf} />
          )}
          {showPrompt ? (
            // A toast over the top of the stage, so it never pushes the faces down. Not a live
            // region: the live region already says it, with the floor (once).
            <div className="stage-toast" data-testid="unmute-prompt">
              <p>{prompt === 'resumed' ? t('room.resumed') : t('room.canUnmute')}</p>
              <button type="button" className="button button--small" onClick={dismissPrompt}>
                {t('common.ok')}
              </button>
            </div>
          ) : null}
          <CaptionsOverlay view={view} />
        </div>
        {/* The captioner (CART) types under the stage, where they still see and hear the room. */}
        {view.me.role === 'captioner' ? <CaptionerDesk view={view} /> : null}
      </main>
      <aside className="room__side" aria-label={t('room.asideLabel')}>
        {facilitatorConsole ?? <RoomPanels view={view} summaryHref={summaryHref} />}
      </aside>
      <section className="room__bar" aria-label={t('room.controlsLabel')}>
        <WhoCanHear view={view} />
        {videoAvailable ? (
          <MediaControls view={view} hideSelf={hideSelf} onHideSelf={setHideSelf} />
        ) : null}
        <CaptionControls view={view} />
        <div className="room__self" {...IN_REACH}>
          {!fac && !view.pause && can.requestPause ? <PauseRequestButton /> : null}
          {!fac && (can.stepOut || can.stepBack) ? <StepOutControl view={view} /> : null}
          {can.leave ? <LeaveControl onLeft={onLeft} /> : null}
        </div>
      </section>
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
