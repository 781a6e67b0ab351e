import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { MessageToFacilitators } from '../../components/MessageToFacilitators';
import { BoardPanel } from '../board';
import { PeopleList } from './PeopleList';
import { Tabs, type TabDef } from './Tabs';

/**
 * A participant's side panel beside the stage (below it on a phone): who is here, the agreements,
 * and a message to the facilitators, as tabs so none of them pushes the video off the screen.
 */
export function RoomPanels({ view, summaryHref }: { view: RoomView; summaryHref?: string }) {
  const { t } = useTranslation();
  const tabs: TabDef[] = [
    { id: 'people', label: t('roomTabs.people'), content: <PeopleList view={view} /> },
    {
      id: 'agreements',
      label: t('roomTabs.agreements'),
      content: <BoardPanel view={view} summaryHref={summaryHref} />,
    },
  ];
  if (view.me.can.messageFacilitators) {
    tabs.push({
      id: 'messages',
      label: t('roomTabs.messages'),
      content: <MessageToFacilitators />,
    });
  }
  return (
    <Tabs
      label={t('room.asideLabel')}
      tabs={tabs}
      storageKey="common-ground.room-tab"
      testId="room-tabs"
      className="room-tabs"
    />
  );
}
