import { useTranslation } from 'react-i18next';
import type { CaseDto } from '../../../../../shared/protocol/http';
import {
  PREP_PARTIES,
  type CasePrepDto,
  type QuestionDto,
  type ReadinessDto,
} from '../../../../../shared/protocol/prep';
import { partyLabel } from '../../../lib/labels';
import { useApi } from '../../../lib/useApi';
import { PrepRecordForm } from './PrepRecordForm';
import { ReadinessForm } from './ReadinessForm';
import { SafetyPlanForm } from './SafetyPlanForm';

/**
 * Preparing the case (issue 15), for its facilitators only: readiness per party, each party's
 * preparation record, each person's safety plan, and the patient's questions (and which of them
 * the patient shared). Nothing here is ever shown to the parties.
 */
export function CasePrep({ c, canEdit }: { c: CaseDto; canEdit: boolean }) {
  const { t } = useTranslation('prep');
  const { t: tt } = useTranslation();
  const id = encodeURIComponent(c.id);
  const readiness = useApi<ReadinessDto[]>(`/api/cases/${id}/readiness`);
  const prep = useApi<CasePrepDto>(`/api/cases/${id}/prep`);
  const questions = useApi<QuestionDto[]>(`/api/cases/${id}/questions`);
  const parties = PREP_PARTIES.filter((p) => c.people.some((x) => x.party === p));
  if (parties.length === 0) return null;
  return (
    <section aria-labelledby="prep-h" data-testid="case-prep">
      <h2 id="prep-h">{t('case.heading')}</h2>
      <p className="muted">{t('case.private')}</p>
      {parties.map((party) => (
        <section key={party} aria-labelledby={`prep-${party}-h`}>
          <h3 id={`prep-${party}-h`}>{partyLabel(tt, party)}</h3>
          {canEdit && readiness.data ? (
            <ReadinessForm
              caseId={c.id}
              party={party}
              current={readiness.data.find((r) => r.party === party)}
              onSaved={(next) => readiness.setData(() => next)}
            />
          ) : null}
          {prep.data ? (
            <details>
              <summary>{t('record.heading', { party: partyLabel(tt, party) })}</summary>
              <PrepRecordForm
                caseId={c.id}
                party={party}
                record={prep.data.records[party]}
                onSaved={(next) => prep.setData(() => next)}
              />
            </details>
          ) : null}
          {prep.data
            ? c.people
                .filter((p) => p.party === party)
                .map((p) => (
                  <details key={p.id}>
                    <summary>{t('safety.heading', { name: p.displayName })}</summary>
                    <SafetyPlanForm
                      caseId={c.id}
                      personId={p.id}
                      plan={prep.data!.safety[p.id]}
                      onSaved={(next) => prep.setData(() => next)}
                    />
                  </details>
                ))
            : null}
        </section>
      ))}
      {questions.data && questions.data.length > 0 ? (
        <section aria-labelledby="prep-questions-h">
          <h3 id="prep-questions-h">{t('case.questionsHeading')}</h3>
          <ul>
            {questions.data.map((q) => (
              <li key={q.id}>
                {q.text}{' '}
                <span className="muted">
                  {q.shared ? t('questions.isShared') : t('questions.notShared')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
