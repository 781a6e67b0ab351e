import { useTranslation } from 'react-i18next';
import {
  FEEDBACK_MIN_ANSWERS,
  FEEDBACK_QUESTIONS,
  type FeedbackSummaryDto,
} from '../../../../shared/protocol/around';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApi } from '../../lib/useApi';

function Summary({ data }: { data: FeedbackSummaryDto }) {
  const { t } = useTranslation();
  if (!data.shown || !data.scores) {
    return (
      <p className="muted">
        {t('feedback.notYet', { count: data.answers, min: FEEDBACK_MIN_ANSWERS })}
      </p>
    );
  }
  const scores = data.scores;
  return (
    <>
      <p>{t('feedback.answers', { count: data.answers })}</p>
      <dl className="feedback__summary">
        {FEEDBACK_QUESTIONS.map((q) => (
          <div key={q} data-testid={`feedback-score-${q}`}>
            <dt>{t(`feedback.questions.${q}`)}</dt>
            <dd>
              {scores[q].mean === null
                ? t('feedback.noScores')
                : t('feedback.mean', { mean: scores[q].mean, count: scores[q].answered })}
            </dd>
          </div>
        ))}
      </dl>
      {data.comments.length ? (
        <>
          <h3>{t('feedback.commentsHeading')}</h3>
          <ul className="feedback__comments">
            {data.comments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** Facilitators: a case's feedback, added up and never per person. */
export function CaseFeedback({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const res = useApi<FeedbackSummaryDto>(`/api/cases/${encodeURIComponent(caseId)}/feedback`);
  return (
    <section aria-labelledby="case-feedback-h" data-testid="case-feedback">
      <h2 id="case-feedback-h">{t('feedback.caseHeading')}</h2>
      <ErrorMessage error={res.error} />
      {res.data ? <Summary data={res.data} /> : null}
    </section>
  );
}

/** Facilitators: the feedback of all their cases together. */
export function FeedbackOverview() {
  const { t } = useTranslation();
  const res = useApi<FeedbackSummaryDto>('/api/feedback');
  return (
    <section aria-labelledby="feedback-all-h" data-testid="feedback-overview">
      <h2 id="feedback-all-h">{t('feedback.allHeading')}</h2>
      <ErrorMessage error={res.error} />
      {res.data ? <Summary data={res.data} /> : null}
    </section>
  );
}
