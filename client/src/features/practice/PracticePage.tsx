import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { InviteInfoDto } from '../../../../shared/protocol/http';
import { usePersonLanguage } from '../../i18n/language';
import { useApi } from '../../lib/useApi';
import type { Track } from 'livekit-client';
import { useAttachedTrack } from '../../lib/useAttachedTrack';
import type { PracticeGrantDto } from '../../../../shared/protocol/around';
import type { AppError } from '../../../../shared/protocol/errors';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { Page } from '../../components/Page';
import { apiPost, toAppError } from '../../lib/api';
import { loadChoices } from '../../lib/deviceChoices';
import { paths } from '../../lib/router';
import { PracticeCall } from './PracticeCall';

function ReturnedVideo({ track, label }: { track: Track; label: string }) {
  const ref = useAttachedTrack<HTMLVideoElement>(track);
  return (
    <video
      ref={ref}
      className="practice__video"
      data-testid="practice-return-video"
      aria-label={label}
      autoPlay
      playsInline
      muted
    />
  );
}

/** The returned sound plays only when the person asks for it (with headphones: no echo). */
function ReturnedAudio({ track, audible }: { track: Track; audible: boolean }) {
  const ref = useAttachedTrack<HTMLAudioElement>(track);
  useEffect(() => {
    if (ref.current) ref.current.muted = !audible;
  }, [audible, track, ref]);
  return <audio ref={ref} autoPlay data-testid="practice-return-audio" />;
}

/**
 * /j/:token/practice: before the day, the person tries the room on their own (PRE-9). They see
 * and may hear themselves as they come back through the real media server; nobody else can join.
 */
export function PracticePage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [call] = useState(() => new PracticeCall());
  const snap = useSyncExternalStore(call.subscribe, call.getSnapshot);
  const [error, setError] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);
  const [audible, setAudible] = useState(false);
  const base = `/api/invite/${encodeURIComponent(token)}/practice`;
  // The person's own language, as on their link page (the same person key and default).
  const invite = useApi<InviteInfoDto>(`/api/invite/${encodeURIComponent(token)}`);
  usePersonLanguage(
    invite.data ? `person:${invite.data.person.id}` : null,
    invite.data?.person.language,
  );

  useEffect(() => () => void call.stop(), [call]);

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      const grant = await apiPost<PracticeGrantDto>(base);
      await call.start(grant, loadChoices());
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setStarting(false);
    }
  };
  const end = async () => {
    setAudible(false);
    await call.stop();
    await apiPost(`${base}/end`).catch(() => undefined);
  };

  const active = snap.status === 'connecting' || snap.status === 'connected';
  const status =
    snap.status === 'connected'
      ? snap.video
        ? t('practice.status.seeing')
        : t('practice.status.connected')
      : snap.status === 'connecting'
        ? t('practice.status.connecting')
        : snap.status === 'failed'
          ? t('practice.status.failed')
          : '';

  return (
    <Page screen="practice" title={t('practice.title')}>
      <p className="lead">{t('practice.intro')}</p>
      <ul className="promises" aria-label={t('practice.promisesLabel')}>
        <li>{t('practice.onlyYou')}</li>
        <li>{t('practice.nothingRecorded')}</li>
      </ul>
      <section aria-labelledby="practice-guide">
        <h2 id="practice-guide">{t('practice.guideHeading')}</h2>
        <ol className="steps">
          <li>{t('practice.step1')}</li>
          <li>{t('practice.step2')}</li>
          <li>{t('practice.step3')}</li>
          <li>{t('practice.step4')}</li>
        </ol>
      </section>

      <p role="status" aria-live="polite" data-testid="practice-status">
        {status}
      </p>
      <ErrorMessage error={error} />
      {snap.video ? <ReturnedVideo track={snap.video} label={t('practice.videoLabel')} /> : null}
      {snap.audio ? <ReturnedAudio track={snap.audio} audible={audible} /> : null}
      {snap.status === 'connected' ? (
        <p data-testid="practice-sound">
          {snap.heard ? t('practice.sound.heard') : t('practice.sound.waiting')}
        </p>
      ) : null}

      <div className="actions">
        {active ? (
          <>
            <button
              type="button"
              className="button"
              aria-pressed={audible}
              disabled={!snap.audio}
              onClick={() => setAudible((a) => !a)}
            >
              {t('practice.hearMyself')}
            </button>
            <button type="button" className="button button--primary" onClick={() => void end()}>
              {t('practice.end')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={starting}
            onClick={() => void start()}
          >
            {snap.status === 'failed' ? t('practice.tryAgain') : t('practice.start')}
          </button>
        )}
      </div>
      <p>
        <Link to={paths.join(token)}>{t('practice.back')}</Link>
      </p>
    </Page>
  );
}
