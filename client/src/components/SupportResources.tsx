import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/room/roles';

/** Where to find support: shown on the welcome, aftercare and ended screens. */
export function SupportResources({
  party,
  headingLevel = 2,
}: {
  party?: Party;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="support" aria-labelledby="support-heading">
      <H id="support-heading">{t('support.heading')}</H>
      <ul>
        <li>{t('support.emergency')}</li>
        {party === 'hcw' ? (
          <>
            <li>{t('support.hcwPeer')}</li>
            <li>{t('support.hcwProfessional')}</li>
          </>
        ) : party === 'patient' ? (
          <>
            <li>{t('support.patientServices')}</li>
            <li>{t('support.trusted')}</li>
          </>
        ) : (
          <li>{t('support.trusted')}</li>
        )}
        <li>{t('support.facilitatorContact')}</li>
      </ul>
    </section>
  );
}
