import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFollowUpDto } from '../../../../shared/protocol/around';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/Fields';
import { apiPost } from '../../lib/api';
import { useApi } from '../../lib/useApi';
import { OverdueRow } from './OverdueList';
import { useSubmit } from '../../lib/useSubmit';

/** Every IANA zone the browser knows (with the current one kept even if it is not listed). */
function zones(current: string): string[] {
  const all = Intl.supportedValuesOf?.('timeZone') ?? [];
  return all.includes(current) ? all : [current, ...all];
}

function TimeZoneForm({
  caseId,
  current,
  onSaved,
}: {
  caseId: string;
  current: string;
  onSaved: (next: CaseFollowUpDto) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current);
  const { submit, busy, error } = useSubmit(async () => {
    onSaved(
      await apiPost<CaseFollowUpDto>(`/api/cases/${encodeURIComponent(caseId)}/time-zone`, {
        timeZone: value,
      }),
    );
  });
  return (
    <form className="form form--inline" onSubmit={submit}>
      <SelectField
        label={t('overdue.timeZone')}
        hint={t('overdue.timeZoneHint')}
        options={zones(current).map((z) => ({ value: z, label: z }))}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit" className="button" disabled={busy || value === current}>
        {t('overdue.saveTimeZone')}
      </button>
    </form>
  );
}

/** On a case's page: its time zone (the lead sets it) and its overdue agreed items. */
export function CaseFollowUp({ caseId, canEdit }: { caseId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const res = useApi<CaseFollowUpDto>(`/api/cases/${encodeURIComponent(caseId)}/follow-up`);
  const data = res.data;
  return (
    <section aria-labelledby="case-followup-h">
      <h2 id="case-followup-h">{t('overdue.caseHeading')}</h2>
      <ErrorMessage error={res.error} />
      {data ? (
        <>
          <p data-testid="case-time-zone">
            {t('overdue.caseTimeZone', { timeZone: data.timeZone, today: data.today })}
          </p>
          {canEdit ? (
            <TimeZoneForm
              key={data.timeZone}
              caseId={caseId}
              current={data.timeZone}
              onSaved={(next) => res.setData(() => next)}
            />
          ) : null}
          {data.overdue.length === 0 ? (
            <p className="muted">{t('overdue.noneInCase')}</p>
          ) : (
            <ul className="overdue__list">
              {data.overdue.map((i) => (
                <OverdueRow key={`${i.meetingId}:${i.itemId}`} item={i} showCase={false} />
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
