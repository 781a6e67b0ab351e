import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilitatorDto } from '../../../../shared/protocol/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Fields';
import { Page } from '../../components/Page';
import { apiPost } from '../../lib/api';
import { HTTP_LIMITS } from '../../lib/contract';
import { useSubmit } from '../../lib/useSubmit';

/** Facilitators sign in with email and password (everyone else uses their invite link). */
export function SignInForm({ onSignedIn }: { onSignedIn: (me: FacilitatorDto | null) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const { submit, busy, error } = useSubmit(async () => {
    const me = await apiPost<FacilitatorDto | null>('/api/auth/login', { email, password });
    onSignedIn(me);
  });

  return (
    <Page screen="signin" title={t('auth.title')}>
      <p className="lead">{t('auth.intro')}</p>
      <form className="form" onSubmit={submit} noValidate={false}>
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
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('auth.signIn')}
        </button>
      </form>
      <p className="muted">{t('auth.invitees')}</p>
    </Page>
  );
}
