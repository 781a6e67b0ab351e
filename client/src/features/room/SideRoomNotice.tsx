import { useTranslation } from 'react-i18next';
import type { RoomView } from '../../../../shared/room/views';
import { Notice } from '../../components/Notice';
import { memberName } from '../../lib/labels';

/** In a side room: who with. Everyone else: a neutral notice that someone is talking privately. */
export function SideRoomNotice({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const side = view.me.sideRoom;
  if (side && view.me.isFacilitator) {
    const room = view.facilitator?.sideRooms.find((r) => r.id === side.id);
    const names = (room?.memberIds ?? [])
      .map((id) => memberName(view, id, t('common.someone')))
      .join(', ');
    return (
      <Notice tone="calm" title={t(`side.${side.purpose}.title`)} testId="side-room-notice" live>
        <p>{t('side.facilitatorText', { names })}</p>
      </Notice>
    );
  }
  if (side) {
    const names = side.facilitatorNames.filter(Boolean).join(', ');
    return (
      <Notice tone="calm" title={t(`side.${side.purpose}.title`)} testId="side-room-notice" live>
        <p>{names ? t(`side.${side.purpose}.text`, { names }) : t('side.facilitatorComing')}</p>
      </Notice>
    );
  }
  if (view.privateConversation) {
    return (
      <Notice tone="calm" testId="private-conversation-notice" live>
        <p>{t('side.others')}</p>
      </Notice>
    );
  }
  return null;
}
