import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/protocol/errors';
import type { AccountInviteDto, CaseDto } from '../../../../shared/protocol/http';
import { announce } from '../../components/Announcer';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Fields';
import { apiPost, toAppError } from '../../lib/api';
import { HTTP_LIMITS } from '../../lib/contract';
import { formatDate } from '../../lib/time';
import { useSubmit } from '../../lib/useSubmit';

/** The lead assigns a colleague's facilitator account to the case, by its email. */
function AssignForm({ caseId, onCase }: { caseId: string; onCase: (c: CaseDto) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    onCase(
      await apiPost<CaseDto>(`/api/cases/${encodeURIComponent(caseId)}/facilitators`, {
        email: email.trim(),
      }),
    );
    setEmail('');
    announce(t('caseFacilitators.assigned'));
  });
  return (
    <form className="form form--inline" onSubmit={submit} aria-labelledby="assign-fac-h">
      <h3 id="assign-fac-h">{t('caseFacilitators.assignHeading')}</h3>
      <TextField
        label={t('caseFacilitators.email')}
        hint={t('caseFacilitators.emailHint')}
        type="email"
        required
        autoComplete="off"
        maxLength={HTTP_LIMITS.email}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <ErrorMessage error={error} />
      <button type="submit" className="button button--primary" disabled={busy || !email.trim()}>
        {t('caseFacilitators.assign')}
      </button>
    </form>
  );
}

/** Any facilitator creates a one-time account set-up link for a colleague, to copy and send. */
function ColleagueLink() {
  const { t, i18n } = useTranslation();
  const [link, setLink] = useState<AccountInviteDto | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setLink(await apiPost<AccountInviteDto>('/api/account-invites'));
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  };
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      announce(t('invites.copied'));
    } catch {
      const el = document.querySelector('[data-testid="colleague-link"]');
      if (el) window.getSelection()?.selectAllChildren(el);
      announce(t('invites.copyByHand'));
    }
  };
  return (
    <div className="colleague-link">
      <h3>{t('caseFacilitators.colleagueHeading')}</h3>
      <p className="field__hint">{t('caseFacilitators.colleagueHint')}</p>
      {link ? (
        <div className="invite">
          <code className="invite__url" data-testid="colleague-link">
            {link.url}
          </code>
          <span className="field__hint">
            {t('caseFacilitators.colleagueExpires', {
              date: formatDate(link.expiresAt, i18n.language),
            })}
          </span>
          <div className="actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => void copy(link.url)}
            >
              {t('caseFacilitators.copyColleagueLink')}
            </button>
          </div>
        </div>
      ) : null}
      <ErrorMessage error={error} />
      <button type="button" className="button" disabled={busy} onClick={() => void create()}>
        {t('caseFacilitators.createColleagueLink')}
      </button>
    </div>
  );
}

/**
 * The case's facilitators: the lead and the colleagues' accounts assigned to it. Only the lead
 * assigns and hands the case over (with a confirmation: it cannot be taken back by the old lead).
 */
export function FacilitatorsSection({ c, onCase }: { c: CaseDto; onCase: (c: CaseDto) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  const act = async (path: string, body: unknown, done: string) => {
    setError(null);
    try {
      onCase(await apiPost<CaseDto>(`/api/cases/${encodeURIComponent(c.id)}${path}`, body));
      announce(done);
    } catch (err) {
      setError(toAppError(err));
    }
  };
  const handOver = (facilitatorId: string, name: string) =>
    act('/handover', { facilitatorId }, t('caseFacilitators.handedOver', { name }));
  const unassign = (facilitatorId: string, name: string) =>
    act(
      `/facilitators/${encodeURIComponent(facilitatorId)}/unassign`,
      undefined,
      t('caseFacilitators.unassigned', { name }),
    );
  return (
    <section aria-labelledby="facilitators-h">
      <h2 id="facilitators-h">{t('caseFacilitators.heading')}</h2>
      <ul className="people__list">
        <li className="people__item">
          <span className="people__name">{c.lead.name}</span>
          <span className="people__role">{t('caseFacilitators.lead')}</span>
        </li>
        {c.facilitators.map((f) => (
          <li key={f.id} className="people__item">
            <span className="people__name">{f.name}</span>
            <span className="people__role">{t('caseFacilitators.cofacilitator')}</span>
            {c.viewerIsLead ? (
              <div className="actions">
                <ConfirmAction
                  label={t('caseFacilitators.handOver', { name: f.name })}
                  question={t('caseFacilitators.handOverQuestion', { name: f.name })}
                  explain={t('caseFacilitators.handOverExplain', { name: f.name })}
                  confirmLabel={t('caseFacilitators.handOverConfirm', { name: f.name })}
                  className="button button--small"
                  onConfirm={() => handOver(f.id, f.name)}
                />
                <ConfirmAction
                  label={t('caseFacilitators.unassign', { name: f.name })}
                  question={t('caseFacilitators.unassignQuestion', { name: f.name })}
                  explain={t('caseFacilitators.unassignExplain', { name: f.name })}
                  confirmLabel={t('caseFacilitators.unassignConfirm', { name: f.name })}
                  className="button button--small"
                  onConfirm={() => unassign(f.id, f.name)}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {c.facilitators.length === 0 ? <p className="muted">{t('caseFacilitators.none')}</p> : null}
      <ErrorMessage error={error} />
      {c.viewerIsLead && c.closedAt === null ? <AssignForm caseId={c.id} onCase={onCase} /> : null}
      <ColleagueLink />
    </section>
  );
}
