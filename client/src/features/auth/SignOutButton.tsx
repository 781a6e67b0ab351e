import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../lib/api';

export function SignOutButton({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button--small"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await apiPost('/api/auth/logout').catch(() => undefined);
        setBusy(false);
        onSignedOut();
      }}
    >
      {t('auth.signOut')}
    </button>
  );
}
