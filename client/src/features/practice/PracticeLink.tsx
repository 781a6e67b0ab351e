import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useAppConfig } from '../../lib/appConfig';
import { paths } from '../../lib/router';

/** On the link's first page, before the meeting: the way into the person's own practice room. */
export function PracticeLink({ token, ended }: { token: string; ended: boolean }) {
  const { t } = useTranslation();
  const config = useAppConfig();
  // Without a media server there is nothing to practise on.
  if (ended || config?.videoAvailable === false) return null;
  return (
    <aside className="page page--aside" aria-labelledby="practice-link-heading">
      <h2 id="practice-link-heading">{t('practice.linkHeading')}</h2>
      <p>{t('practice.linkText')}</p>
      <p>
        <Link to={paths.joinPractice(token)} className="button">
          {t('practice.link')}
        </Link>
      </p>
    </aside>
  );
}
