import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/protocol/errors';
import type { InviteInfoDto } from '../../../../shared/protocol/http';
import { PROTOCOL_VERSION } from '../../../../shared/protocol/version';
import { usePersonLanguage } from '../../i18n/language';
import { useAppConfig } from '../../lib/appConfig';
import { RoomConnectionContext } from '../../lib/connectionContext';
import { loadChoices, saveChoices, type DeviceChoices } from '../../lib/deviceChoices';
import { paths } from '../../lib/router';
import { RoomConnection } from '../../lib/roomConnection';
import { useApi } from '../../lib/useApi';
import { useRoomConnection } from '../../lib/useRoomConnection';
// Not the feature's index either: only the choice is needed here, not the captions' screens.
import { captionsByDefault } from '../captions/captionPrefs';
import { WaitingScreen } from '../lobby';
// Not the feature's index: that also holds the practice call (livekit-client), loaded on demand.
import { PracticeLink } from '../practice/PracticeLink';
import {
  AftercareScreen,
  DeniedScreen,
  EndedScreen,
  InviteProblem,
  LoadingScreen,
} from './AfterScreens';
import { DeviceCheckScreen } from './DeviceCheckScreen';
import { WelcomeScreen } from './WelcomeScreen';

// The call (livekit-client) and the board load only when needed: not in the join page's first JS.
const RoomScreen = lazy(() => import('../room').then((m) => ({ default: m.RoomScreen })));
const CallStage = lazy(() => import('../room').then((m) => ({ default: m.CallStage })));
// A co-facilitator who joins from an invite link gets the same tools as the lead facilitator.
const FacilitatorRoom = lazy(() =>
  import('../facilitator').then((m) => ({ default: m.FacilitatorRoom })),
);
// The sections around the meeting (preparation, consent, the written exchange, feedback) load
// after the welcome page's first paint: they are not in the join page's first JS either.
const ConsentGate = lazy(() => import('../prep').then((m) => ({ default: m.ConsentGate })));
const LinkPrepSection = lazy(() => import('../prep').then((m) => ({ default: m.LinkPrepSection })));
const RelaySection = lazy(() => import('../relay').then((m) => ({ default: m.RelaySection })));
const FeedbackSection = lazy(() =>
  import('../feedback').then((m) => ({ default: m.FeedbackSection })),
);
const FollowUpPanel = lazy(() => import('../followup').then((m) => ({ default: m.FollowUpPanel })));

type Step = 'welcome' | 'devices' | 'meeting' | 'left';

/** Connections that already asked to join the waiting area (one ask per connection). */
const joinAsked = new WeakSet<RoomConnection>();

/** /j/:token — welcome → device check → waiting area → room → aftercare / ended. */
export function JoinPage({ token }: { token: string }) {
  const invite = useApi<InviteInfoDto>(`/api/invite/${encodeURIComponent(token)}`);
  usePersonLanguage(
    invite.data ? `person:${invite.data.person.id}` : null,
    invite.data?.person.language,
  );
  // Captions start on when this person's side asked for them in preparation (unless they chose).
  const captionsAsked = invite.data?.access.captions ? invite.data.person.id : null;
  useEffect(() => {
    if (captionsAsked) captionsByDefault(captionsAsked);
  }, [captionsAsked]);
  const [step, setStep] = useState<Step>('welcome');
  const [choices, setChoices] = useState<DeviceChoices>(loadChoices);
  // One socket connection per "session" number; a new number (Join, Rejoin) makes a new socket.
  const [session, setSession] = useState<number | null>(null);
  const [active, setActive] = useState<{ session: number; conn: RoomConnection } | null>(null);

  useEffect(() => {
    if (session === null) return;
    const conn = new RoomConnection({ protocol: PROTOCOL_VERSION, invite: token });
    setActive({ session, conn });
    return () => conn.close();
  }, [session, token]);

  const counter = useRef(0);
  const connect = useCallback(() => {
    counter.current += 1;
    setSession(counter.current);
    setStep('meeting');
  }, []);

  // After the meeting the link shows the ended screen and follow-up straight away.
  const ended = invite.data?.meetingStatus === 'ended';
  useEffect(() => {
    if (ended && step === 'welcome') connect();
  }, [ended, step, connect]);

  if (invite.error) return <InviteProblem error={invite.error} onRetry={invite.reload} />;
  if (!invite.data) return <LoadingScreen />;
  const info = invite.data;

  if (step === 'welcome') {
    return (
      <>
        <WelcomeScreen info={info} onContinue={() => setStep('devices')} />
        <PracticeLink token={token} ended={ended} />
        <Suspense fallback={null}>
          <RelaySection token={token} />
          <LinkPrepSection token={token} />
        </Suspense>
      </>
    );
  }
  if (step === 'devices') {
    return (
      <Suspense fallback={<LoadingScreen />}>
        <ConsentGate token={token} onBack={() => setStep('welcome')}>
          <DeviceCheckScreen
            initial={loadChoices(info.access)}
            onBack={() => setStep('welcome')}
            onJoin={(c) => {
              saveChoices(c);
              setChoices(c);
              connect();
            }}
          />
        </ConsentGate>
      </Suspense>
    );
  }
  if (step === 'left') {
    return <AftercareScreen party={info.person.party} onRejoin={connect} />;
  }
  if (!active || active.session !== session) return <LoadingScreen />;
  const conn = active.conn;
  return (
    <RoomConnectionContext.Provider value={conn}>
      <InMeeting
        key={active.session}
        conn={conn}
        info={info}
        token={token}
        choices={choices}
        onLeft={() => {
          setStep('left');
          setSession(null);
        }}
        onRejoin={connect}
      />
    </RoomConnectionContext.Provider>
  );
}

function InMeeting({
  conn,
  info,
  token,
  choices,
  onLeft,
  onRejoin,
}: {
  conn: RoomConnection;
  info: InviteInfoDto;
  token: string;
  choices: DeviceChoices;
  onLeft: () => void;
  onRejoin: () => void;
}) {
  const { t } = useTranslation();
  const snap = useRoomConnection(conn);
  const config = useAppConfig();
  const [joinError, setJoinError] = useState<AppError | null>(null);
  const view = snap.view;
  const party = info.person.party;
  const status = view?.me.status;
  const meetingEnded = view?.status === 'ended';

  // Someone arriving (or coming back after leaving) asks to join their party's waiting area.
  useEffect(() => {
    if (!view || meetingEnded || joinAsked.has(conn)) return;
    if (status !== 'invited' && status !== 'left') return;
    joinAsked.add(conn);
    void conn.send({ type: 'lobby.join' }).then((res) => {
      if (!res.ok) setJoinError(res.error);
    });
  }, [view, status, meetingEnded, conn]);

  if (snap.refusal) return <InviteProblem error={snap.refusal} />;
  // The link was withdrawn (or replaced by a newer one) or ran out while this page was open.
  if (snap.closedReason === 'revoked' || snap.closedReason === 'expired') {
    const code = snap.closedReason === 'revoked' ? 'INVITE_REVOKED' : 'INVITE_EXPIRED';
    return <InviteProblem error={{ code, message: '' }} />;
  }
  // Not let in, or asked to leave: the server says so as it closes the socket (such a person is
  // never sent a view, so the view's own status is never denied or removed).
  if (snap.closedReason === 'denied' || snap.closedReason === 'removed') {
    return <DeniedScreen reason={snap.closedReason} party={party} />;
  }
  if (meetingEnded) {
    return (
      <EndedScreen party={party} summaryHref={paths.joinSummary(token)}>
        {view?.board ? (
          <Suspense fallback={null}>
            <FollowUpPanel view={view} token={token} />
          </Suspense>
        ) : null}
        <Suspense fallback={null}>
          <FeedbackSection token={token} />
          <RelaySection token={token} embedded />
        </Suspense>
      </EndedScreen>
    );
  }
  if (snap.closedReason === 'left') {
    return <AftercareScreen party={party} onRejoin={onRejoin} />;
  }
  if (joinError) {
    return <AftercareScreen party={party} onRejoin={onRejoin} error={joinError} />;
  }
  if (!view || status === 'invited' || status === 'left') {
    return <LoadingScreen label={t('waiting.joining')} />;
  }
  const reconnecting = snap.status === 'reconnecting' || snap.status === 'connecting';
  if (status === 'waiting') {
    return (
      <WaitingScreen
        view={view}
        reconnecting={reconnecting}
        onLeft={onLeft}
        checkIn={
          view.me.media ? (
            <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
              <CallStage view={view} choices={choices} config={config ?? null} />
            </Suspense>
          ) : null
        }
      />
    );
  }
  if (view.me.isFacilitator) {
    return (
      <Suspense fallback={<LoadingScreen label={t('room.loading')} />}>
        <FacilitatorRoom
          view={view}
          socketStatus={snap.status}
          closed={snap.closedReason !== null}
          choices={choices}
          config={config ?? null}
          onLeft={onLeft}
          summaryHref={paths.joinSummary(token)}
        />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<LoadingScreen label={t('room.loading')} />}>
      <RoomScreen
        view={view}
        socketStatus={snap.status}
        choices={choices}
        config={config ?? null}
        onLeft={onLeft}
        summaryHref={paths.joinSummary(token)}
      />
    </Suspense>
  );
}
