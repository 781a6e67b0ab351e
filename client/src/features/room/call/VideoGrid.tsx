import { ConnectionQuality, Track, type Participant } from 'livekit-client';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView, RoomView } from '../../../../../shared/room/views';
import { roleLabel } from '../../../lib/labels';
import { useCall, useCallVersion } from './CallContext';
import { gridColumns, onStage, pinnedInterpreterId, spotlightId } from './spotlight';
import { interpreterLabel } from '../../interpreters';
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
  view,
  self,
  spotlight,
  pinned,
}: {
  participant: Participant;
  member: MemberView | undefined;
  view: RoomView;
  self?: boolean;
  spotlight?: boolean;
  /** An interpreter pinned large for the person they interpret for (issue 17). */
  pinned?: boolean;
}) {
  const { t } = useTranslation();
  const cam = participant.getTrackPublication(Track.Source.Camera);
  const mic = participant.getTrackPublication(Track.Source.Microphone);
  const videoTrack = cam && !cam.isMuted && cam.track ? cam.track : undefined;
  const showVideo = !!videoTrack && (self || cam?.isSubscribed);
  const muted = !mic || mic.isMuted || !mic.track;
  const name = self ? t('tile.you') : (member?.name ?? (participant.name || t('common.someone')));
  const role = member ? (interpreterLabel(t, view, member) ?? roleLabel(t, member.role)) : '';
  const quality = qualityKey(participant.connectionQuality);
  return (
    <li
      className={spotlight ? 'tile tile--spotlight' : pinned ? 'tile tile--pinned' : 'tile'}
      data-speaking={participant.isSpeaking ? 'true' : undefined}
      data-pinned={pinned ? (member?.interpretsFor?.mode ?? 'spoken') : undefined}
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
  const shown = new Set(onStage(view, [...room.remoteParticipants.keys()]));
  const remotes = [...room.remoteParticipants.values()]
    .filter((p) => shown.has(p.identity))
    .sort((a, b) => (order.get(a.identity) ?? 1e6) - (order.get(b.identity) ?? 1e6));
  // A captioner sends nothing: no tile of their own either, the stage is all theirs to watch.
  const selfShown = !hideSelf && view.me.role !== 'captioner';
  const me = byId.get(view.me.id);
  const spot = spotlightId(
    view,
    remotes.map((p) => p.identity),
  );
  const star = spot ? remotes.find((p) => p.identity === spot) : undefined;
  // Audio only receives no video: nothing to pin (the interpreter is heard like everyone).
  const pin = call.audioOnly
    ? null
    : pinnedInterpreterId(
        view,
        remotes.map((p) => p.identity),
      );
  const pinned = pin ? remotes.find((p) => p.identity === pin) : undefined;
  const others = remotes.filter((p) => p !== star && p !== pinned);
  const count = remotes.length + (selfShown ? 1 : 0);
  const large = (star ? 1 : 0) + (pinned ? 1 : 0);
  const strip = count - large;
  // The speaker and the interpreter share the top row, half each; the strip's tiles then span two
  // of twice as many columns, so both rows stay even (styles.css, video-grid[data-paired]).
  const paired = !!star && !!pinned;
  const stripCols = Math.max(1, strip);
  return (
    <ul
      className="video-grid"
      aria-label={t('tile.gridLabel')}
      data-count={count}
      data-layout={large ? 'spotlight' : 'grid'}
      data-paired={paired ? 'true' : undefined}
      data-strip={strip}
      style={
        {
          '--cols': large ? (paired ? 2 * stripCols : stripCols) : gridColumns(count),
          '--half': stripCols,
          '--rows': large ? 1 : Math.ceil(count / gridColumns(count)),
        } as CSSProperties
      }
    >
      {star ? (
        <Tile
          key={star.identity}
          participant={star}
          member={byId.get(star.identity)}
          view={view}
          spotlight
        />
      ) : null}
      {pinned ? (
        <Tile
          key={pinned.identity}
          participant={pinned}
          member={byId.get(pinned.identity)}
          view={view}
          pinned
        />
      ) : null}
      {selfShown ? <Tile participant={room.localParticipant} member={me} view={view} self /> : null}
      {others.map((p) => (
        <Tile key={p.identity} participant={p} member={byId.get(p.identity)} view={view} />
      ))}
    </ul>
  );
}
