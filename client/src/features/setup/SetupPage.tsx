import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Fields';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { apiPost } from '../../lib/api';
import { invalidateAppConfig, useAppConfig } from '../../lib/appConfig';
import { HTTP_LIMITS } from '../../lib/contract';
import { navigate, paths } from '../../lib/router';
import { useSubmit } from '../../lib/useSubmit';

/** Reads the one-time token from /setup#token=… once, then takes it out of the address bar. */
function takeToken(): string {
  const m = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (!m?.[1]) return '';
  window.history.replaceState(null, '', window.location.pathname);
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

/**
 * /setup — the first facilitator account, with the token printed when the server started.
 * /setup/colleague — a colleague's account, with the one-time link another facilitator created
 * for them (co-facilitators are facilitator accounts, never invite links).
 */
export default function SetupPage({ colleague = false }: { colleague?: boolean }) {
  const { t } = useTranslation();
  const config = useAppConfig();
  const [token, setToken] = useState(takeToken);
  const [hadToken] = useState(() => token !== '');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const { submit, busy, error } = useSubmit(async () => {
    await apiPost(colleague ? '/api/setup/colleague' : '/api/setup', {
      token: token.trim(),
      email,
      name,
      password,
    });
    invalidateAppConfig();
    navigate(paths.home());
  });

  return (
    <Page screen="setup" title={t(colleague ? 'setup.colleagueTitle' : 'setup.title')}>
      <p className="lead">{t(colleague ? 'setup.colleagueIntro' : 'setup.intro')}</p>
      {!colleague && config && !config.needsSetup ? (
        <Notice tone="info">
          <p>
            {t('setup.done')} <Link to={paths.home()}>{t('setup.goSignIn')}</Link>
          </p>
        </Notice>
      ) : null}
      <form className="form" onSubmit={submit}>
        {!hadToken ? (
          <TextField
            label={t('setup.token')}
            hint={t(colleague ? 'setup.colleagueTokenHint' : 'setup.tokenHint')}
            required
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        ) : null}
        <TextField
          label={t('setup.name')}
          autoComplete="name"
          required
          maxLength={HTTP_LIMITS.displayName}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          required
          maxLength={HTTP_LIMITS.email}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('auth.password')}
          hint={t('setup.passwordHint', { min: HTTP_LIMITS.passwordMin })}
          type="password"
          autoComplete="new-password"
          required
          minLength={HTTP_LIMITS.passwordMin}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </Page>
  );
}
