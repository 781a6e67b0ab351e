import { ConnectionQuality, Track, type Participant } from 'livekit-client';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView, RoomView } from '../../../../../shared/room/views';
import { roleLabel } from '../../../lib/labels';
import { useCall, useCallVersion } from './CallContext';
import { gridColumns, spotlightId } from './spotlight';
import { TrackVideo } from './TrackElements';

function qualityKey(q: ConnectionQuality): 'excellent' | 'good' | 'poor' | 'lost' | 'unknown' {
  switch (q) {
    case ConnectionQuality.Excellent:
      return 'excellent';
    case ConnectionQuality.Good:
      return 'good';
    case ConnectionQuality.Poor:
      return 'poor';
    case ConnectionQuality.Lost:
      return 'lost';
    default:
      return 'unknown';
  }
}

function Tile({
  participant,
  member,
  self,
  spotlight,
}: {
  participant: Participant;
  member: MemberView | undefined;
  self?: boolean;
  spotlight?: boolean;
}) {
  const { t } = useTranslation();
  const cam = participant.getTrackPublication(Track.Source.Camera);
  const mic = participant.getTrackPublication(Track.Source.Microphone);
  const videoTrack = cam && !cam.isMuted && cam.track ? cam.track : undefined;
  const showVideo = !!videoTrack && (self || cam?.isSubscribed);
  const muted = !mic || mic.isMuted || !mic.track;
  const name = self ? t('tile.you') : (member?.name ?? (participant.name || t('common.someone')));
  const role = member ? roleLabel(t, member.role) : '';
  const quality = qualityKey(participant.connectionQuality);
  return (
    <li
      className={spotlight ? 'tile tile--spotlight' : 'tile'}
      data-speaking={participant.isSpeaking ? 'true' : undefined}
      data-tile-id={participant.identity}
    >
      <div className="tile__media">
        {showVideo && videoTrack ? (
          <TrackVideo
            track={videoTrack}
            participantId={self ? undefined : participant.identity}
            label={self ? t('tile.selfVideo') : t('tile.video', { name })}
            self={self}
          />
        ) : (
          <div className="tile__placeholder" aria-hidden="true">
            <span>{(member?.name ?? name).slice(0, 1).toUpperCase()}</span>
          </div>
        )}
      </div>
      <div className="tile__caption">
        {/* One line: a long name ends in an ellipsis, its full text in the title (and the DOM). */}
        <span className="tile__who" title={role ? `${name}, ${role}` : name}>
          <span className="tile__name">{name}</span>
          {role ? <span className="tile__role">{role}</span> : null}
        </span>
        <span className="tile__badges">
          {member?.hasFloor ? (
            <span className="badge badge--floor">{t('tile.hasFloor')}</span>
          ) : null}
          {member?.steppedOut ? <span className="badge">{t('tile.steppedOut')}</span> : null}
          {muted ? <span className="badge">{t('tile.muted')}</span> : null}
          {participant.isSpeaking && !muted ? (
            <span className="badge badge--speaking">{t('tile.speaking')}</span>
          ) : null}
          {/* Only a poor or lost connection is worth a word: calm tiles otherwise. */}
          {!self && (quality === 'poor' || quality === 'lost') ? (
            <span className={`badge badge--quality-${quality}`}>
              {t(`tile.quality.${quality}`)}
            </span>
          ) : null}
        </span>
      </div>
    </li>
  );
}

/**
 * Video tiles: one per person in this LiveKit room (identity = member id). Whoever holds the
 * floor is shown large (spotlight) with everyone else in a strip below; otherwise an even grid,
 * self first.
 */
export function VideoGrid({ view, hideSelf }: { view: RoomView; hideSelf: boolean }) {
  const { t } = useTranslation();
  const call = useCall();
  useCallVersion(call);
  const room = call.room;
  if (!room) return <p className="stage__empty">{t('room.stageWaiting')}</p>;
  const order = new Map(view.members.map((m, i) => [m.id, i]));
  const byId = new Map(view.members.map((m) => [m.id, m]));
  const remotes = [...room.remoteParticipants.values()].sort(
    (a, b) => (order.get(a.identity) ?? 1e6) - (order.get(b.identity) ?? 1e6),
  );
  const me = byId.get(view.me.id);
  const spot = spotlightId(
    view,
    remotes.map((p) => p.identity),
  );
  const star = spot ? remotes.find((p) => p.identity === spot) : undefined;
  const others = remotes.filter((p) => p !== star);
  const count = remotes.length + (hideSelf ? 0 : 1);
  const strip = count - 1;
  return (
    <ul
      className="video-grid"
      aria-label={t('tile.gridLabel')}
      data-count={count}
      data-layout={star ? 'spotlight' : 'grid'}
      style={
        {
          '--cols': star ? Math.max(1, strip) : gridColumns(count),
          '--rows': star ? 1 : Math.ceil(count / gridColumns(count)),
        } as CSSProperties
      }
    >
      {star ? (
        <Tile key={star.identity} participant={star} member={byId.get(star.identity)} spotlight />
      ) : null}
      {hideSelf ? null : <Tile participant={room.localParticipant} member={me} self />}
      {others.map((p) => (
        <Tile key={p.identity} participant={p} member={byId.get(p.identity)} />
      ))}
    </ul>
  );
}
