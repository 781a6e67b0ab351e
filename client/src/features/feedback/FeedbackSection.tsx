import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FEEDBACK_QUESTIONS,
  type FeedbackQuestion,
  type LinkFeedbackDto,
} from '../../../../shared/protocol/around';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextAreaField } from '../../components/Fields';
import { apiPost } from '../../lib/api';
import { useApi } from '../../lib/useApi';
import { useSubmit } from '../../lib/useSubmit';

type Scores = Record<FeedbackQuestion, number | null>;
const SCORES = [1, 2, 3, 4, 5] as const;

function ScoreQuestion({
  q,
  value,
  onChange,
}: {
  q: FeedbackQuestion;
  value: number | null;
  onChange: (v: number | null) => void;
}) {
  const { t } = useTranslation();
  const name = `feedback-${q}`;
  return (
    <fieldset className="feedback__question">
      <legend>{t(`feedback.questions.${q}`)}</legend>
      <div className="feedback__scale">
        {SCORES.map((n) => (
          <label key={n} className="feedback__choice">
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
            />{' '}
            {t(`feedback.scale.${n}`)}
          </label>
        ))}
        <label className="feedback__choice">
          <input
            type="radio"
            name={name}
            value=""
            checked={value === null}
            onChange={() => onChange(null)}
          />{' '}
          {t('feedback.skip')}
        </label>
      </div>
    </fieldset>
  );
}

/** After the meeting, on the person's link: a short, optional, anonymous questionnaire. */
export function FeedbackSection({ token }: { token: string }) {
  const { t } = useTranslation();
  const path = `/api/invite/${encodeURIComponent(token)}/feedback`;
  const res = useApi<LinkFeedbackDto>(path);
  const [scores, setScores] = useState<Scores>({ feltSafe: null, wasHeard: null, itHelped: null });
  const [comment, setComment] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    const next = await apiPost<LinkFeedbackDto>(path, { ...scores, comment: comment || null });
    res.setData(() => next);
  });
  if (!res.data?.open) return null;
  const empty = Object.values(scores).every((v) => v === null) && !comment.trim();
  return (
    <section className="feedback" aria-labelledby="feedback-h">
      <h2 id="feedback-h">{t('feedback.heading')}</h2>
      {res.data.given ? (
        <p role="status" data-testid="feedback-thanks">
          {t('feedback.thanks')}
        </p>
      ) : (
        <form className="form" onSubmit={submit}>
          <p>{t('feedback.explain')}</p>
          {FEEDBACK_QUESTIONS.map((q) => (
            <ScoreQuestion
              key={q}
              q={q}
              value={scores[q]}
              onChange={(v) => setScores((s) => ({ ...s, [q]: v }))}
            />
          ))}
          <TextAreaField
            label={t('feedback.comment')}
            hint={t('feedback.commentHint')}
            maxLength={2000}
            rows={4}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <ErrorMessage error={error} />
          <button type="submit" className="button button--primary" disabled={busy || empty}>
            {t('feedback.send')}
          </button>
        </form>
      )}
    </section>
  );
}
