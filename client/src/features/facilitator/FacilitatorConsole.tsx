import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { useNow } from '../../lib/useNow';
import { BoardPanel } from '../board';
import { PrepHints } from '../prep';
import { PeopleList, Tabs, type TabDef } from '../room';
import { consoleBadges } from './consoleBadges';
import { EndControls, StartControls } from './EndControls';
import { FloorControls } from './FloorControls';
import { Inbox } from './Inbox';
import { LobbyList } from './LobbyList';
import { ChimeToggle } from './PauseRequestAlert';
import { PhaseNavigator, Timers } from './PhaseNavigator';
import { ScriptEditor } from './ScriptEditor';
import { SideRooms } from './SideRooms';
import { TalkTimeBalance } from './TalkTimeBalance';

/**
 * The facilitator's control panel beside the stage, in tabs so the whole console fits one screen:
 * people and lobby, turns, phases, private conversations, agreements, start and end. The pause is
 * not here: it stays in the top bar, always in reach. Badges count what waits behind a tab.
 */
export function FacilitatorConsole({
  view,
  summaryHref,
}: {
  view: RoomView;
  summaryHref?: string;
}) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const badges = consoleBadges(view);
  const live = view.status === 'live';
  const tabs: TabDef[] = [
    {
      id: 'people',
      label: t('console.people'),
      badge: badges.people,
      badgeLabel: t('console.needYou', { count: badges.people }),
      urgent: badges.pauseRequested,
      content: (
        <>
          <Inbox view={view} />
          <LobbyList view={view} />
          <PeopleList
            view={view}
            aboutPerson={(m) =>
              m.party === 'facilitation' ? null : (
                <PrepHints
                  meetingId={view.meetingId}
                  personId={m.id}
                  party={m.party}
                  dropped={!m.connected}
                />
              )
            }
          />
          <ChimeToggle />
        </>
      ),
    },
    {
      id: 'turns',
      label: t('console.turns'),
      badge: badges.turns,
      badgeLabel: t('console.askingToSpeak', { count: badges.turns }),
      content: (
        <>
          {live ? (
            <FloorControls view={view} />
          ) : (
            <p className="muted">{t('console.turnsLater')}</p>
          )}
          <TalkTimeBalance view={view} now={now} />
        </>
      ),
    },
    {
      id: 'phases',
      label: t('console.phases'),
      content: (
        <>
          <PhaseNavigator view={view} now={now} />
          {live ? <Timers view={view} now={now} /> : null}
          {view.me.can.updateScript ? <ScriptEditor view={view} /> : null}
        </>
      ),
    },
    { id: 'private', label: t('console.private'), content: <SideRooms view={view} /> },
    {
      id: 'agreements',
      label: t('console.agreements'),
      content: <BoardPanel view={view} summaryHref={summaryHref} />,
    },
    {
      id: 'ending',
      label: live ? t('console.ending') : t('console.start'),
      content: live ? <EndControls view={view} /> : <StartControls view={view} />,
    },
  ];
  return (
    <Tabs
      label={t('console.label')}
      tabs={tabs}
      storageKey={`common-ground.console-tab.${view.meetingId}`}
      testId="console-tabs"
      className="console"
    />
  );
}
