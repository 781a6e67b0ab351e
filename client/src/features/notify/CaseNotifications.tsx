import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseNotificationsDto } from '../../../../shared/protocol/around';
import type { PersonDto } from '../../../../shared/protocol/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Fields';
import { apiPost } from '../../lib/api';
import { useApi } from '../../lib/useApi';
import { useSubmit } from '../../lib/useSubmit';

function EmailForm({
  caseId,
  person,
  current,
  onSaved,
}: {
  caseId: string;
  person: PersonDto;
  current: string | null;
  onSaved: (next: CaseNotificationsDto) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current ?? '');
  const { submit, busy, error } = useSubmit(async () => {
    onSaved(
      await apiPost<CaseNotificationsDto>(
        `/api/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(person.id)}/email`,
        { email: value.trim() || null },
      ),
    );
  });
  return (
    <form className="form form--inline" onSubmit={submit}>
      <TextField
        label={t('notify.emailFor', { name: person.displayName })}
        type="email"
        autoComplete="off"
        maxLength={200}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit" className="button" disabled={busy || value === (current ?? '')}>
        {t('notify.save')}
      </button>
    </form>
  );
}

/**
 * On a case's page: people's e-mail addresses for the optional notifications (the lead sets
 * them; only the case's facilitators see them). Says plainly when the server sends no e-mail.
 */
export function CaseNotifications({
  caseId,
  people,
  canEdit,
}: {
  caseId: string;
  people: PersonDto[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const res = useApi<CaseNotificationsDto>(
    `/api/cases/${encodeURIComponent(caseId)}/notifications`,
  );
  const data = res.data;
  const emailOf = (id: string) => data?.people.find((p) => p.personId === id)?.email ?? null;
  return (
    <section aria-labelledby="case-notify-h">
      <h2 id="case-notify-h">{t('notify.heading')}</h2>
      <ErrorMessage error={res.error} />
      {data ? (
        <>
          <p className="muted">{data.enabled ? t('notify.enabled') : t('notify.disabled')}</p>
          {canEdit
            ? people.map((p) => (
                <EmailForm
                  key={`${p.id}:${emailOf(p.id) ?? ''}`}
                  caseId={caseId}
                  person={p}
                  current={emailOf(p.id)}
                  onSaved={(next) => res.setData(() => next)}
                />
              ))
            : null}
        </>
      ) : null}
    </section>
  );
}
