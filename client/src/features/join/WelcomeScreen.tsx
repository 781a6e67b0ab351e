import { useTranslation } from 'react-i18next';
import type { InviteInfoDto } from '../../../../shared/protocol/http';
import { Page } from '../../components/Page';
import { SupportResources } from '../../components/SupportResources';
import { partyLabel, roleLabel } from '../../lib/labels';

/** The first thing someone sees from their link: who invited them and what will happen. */
export function WelcomeScreen({
  info,
  onContinue,
}: {
  info: InviteInfoDto;
  onContinue: () => void;
}) {
  const { t } = useTranslation();
  const { person } = info;
  return (
    <Page screen="welcome" title={t('welcome.title', { name: person.displayName })}>
      <p className="lead">
        {t('welcome.invited', { invitedBy: info.invitedBy, meeting: info.meetingTitle })}
      </p>
      <p>
        {t('welcome.youAre', {
          role: roleLabel(t, person.role),
          party: partyLabel(t, person.party),
        })}
      </p>

      <ul className="promises" aria-label={t('welcome.promisesLabel')}>
        <li>{t('welcome.nothingRecorded')}</li>
        <li>{t('welcome.pauseOrLeave')}</li>
      </ul>

      <section aria-labelledby="what-happens">
        <h2 id="what-happens">{t('welcome.whatHappens')}</h2>
        <ol className="steps">
          <li>{t('welcome.step1')}</li>
          <li>{t('welcome.step2')}</li>
          <li>{t('welcome.step3')}</li>
          <li>{t('welcome.step4')}</li>
        </ol>
      </section>

      <section aria-labelledby="ground-rules">
        <h2 id="ground-rules">{t('welcome.groundRules')}</h2>
        <ul>
          <li>{t('welcome.rule1')}</li>
          <li>{t('welcome.rule2')}</li>
          <li>{t('welcome.rule3')}</li>
          <li>{t('welcome.rule4')}</li>
          <li>{t('welcome.rule5')}</li>
        </ul>
        <p className="muted">{t('welcome.confidentialityLimits')}</p>
      </section>

      <SupportResources party={person.party} />

      <div className="actions">
        <button type="button" className="button button--primary" onClick={onContinue}>
          {t('welcome.continue')}
        </button>
      </div>
    </Page>
  );
}
