import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../../shared/protocol/errors';
import type { QuestionDto } from '../../../../../shared/protocol/prep';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextField } from '../../../components/Fields';
import { apiPost, toAppError } from '../../../lib/api';
import { useApi } from '../../../lib/useApi';

interface LinkQuestionsDto {
  own: boolean;
  questions: QuestionDto[];
}

/**
 * The patient's questions (PRE-7): the patient's side writes them and shares each one with the
 * clinicians' side only if it chooses (and can take it back); the clinicians' side reads only what
 * was shared. Nothing for anyone else.
 */
export function LinkQuestions({ base }: { base: string }) {
  const { t } = useTranslation('prep');
  const res = useApi<LinkQuestionsDto>(`${base}/questions`);
  const [text, setText] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const d = res.data;
  if (!d || (!d.own && d.questions.length === 0)) return null;
  const update = async (path: string, body: unknown) => {
    setError(null);
    try {
      const questions = await apiPost<QuestionDto[]>(path, body);
      res.setData(() => ({ own: true, questions }));
      return true;
    } catch (e) {
      setError(toAppError(e));
      return false;
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await update(`${base}/questions`, { text })) setText('');
  };
  if (!d.own) {
    return (
      <section aria-labelledby="link-q-h">
        <h3 id="link-q-h">{t('questions.sharedHeading')}</h3>
        <p className="muted">{t('questions.sharedExplain')}</p>
        <ul data-testid="shared-questions">
          {d.questions.map((q) => (
            <li key={q.id}>{q.text}</li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section aria-labelledby="link-q-h">
      <h3 id="link-q-h">{t('questions.ownHeading')}</h3>
      <p className="muted">{t('questions.ownExplain')}</p>
      <ul data-testid="own-questions">
        {d.questions.map((q) => (
          <li key={q.id}>
            <span>{q.text}</span>{' '}
            <span className="muted">
              {q.shared ? t('questions.isShared') : t('questions.notShared')}
            </span>{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => void update(`${base}/questions/${q.id}/share`, { shared: !q.shared })}
            >
              {q.shared ? t('questions.unshare') : t('questions.share')}
            </button>{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => void update(`${base}/questions/${q.id}/delete`, {})}
            >
              {t('questions.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form className="form form--inline" onSubmit={(e) => void add(e)}>
        <TextField
          label={t('questions.add')}
          maxLength={500}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button" disabled={!text.trim()}>
          {t('questions.addButton')}
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
