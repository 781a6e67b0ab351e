import { useTranslation } from 'react-i18next';
import type { BoardCategory, FollowUpStatus } from '../../../../shared/protocol/commands';
import type { InviteInfoDto } from '../../../../shared/protocol/http';
import { errorText } from '../../components/ErrorMessage';
import { usePersonLanguage } from '../../i18n/language';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { BOARD_CATEGORIES, FOLLOW_UP_STATUSES } from '../../lib/contract';
import { formatDate } from '../../lib/time';
import { useApi } from '../../lib/useApi';

/**
 * The answer of GET /api/summary/:token and GET /api/meetings/:id/summary (server/src/http/
 * summary.ts). It is not in shared/protocol/http.ts yet, so it is read defensively: an item may be
 * a board item ({ fields, followUp }) or flat ({ text, category, … }).
 */
interface SummaryDto {
  meetingTitle?: string;
  finalisedAt?: number | null;
  noAgreement?: boolean;
  items: unknown[];
  markdown: string;
}

interface SummaryItem {
  id: string;
  text: string;
  category: BoardCategory | null;
  owner: string;
  dueDate: string | null;
  completionEvidence: string;
  status: FollowUpStatus | null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function normalise(raw: unknown, i: number): SummaryItem {
  const r = (raw ?? {}) as Record<string, unknown>;
  const f = (r.fields && typeof r.fields === 'object' ? r.fields : r) as Record<string, unknown>;
  const fu = (r.followUp && typeof r.followUp === 'object' ? r.followUp : r) as Record<
    string,
    unknown
  >;
  const category = BOARD_CATEGORIES.find((c) => c === f.category) ?? null;
  const status = FOLLOW_UP_STATUSES.find((s) => s === fu.status) ?? null;
  return {
    id: str(r.id) || String(i),
    text: str(f.text),
    category,
    owner: str(f.owner),
    dueDate: str(f.dueDate) || null,
    completionEvidence: str(f.completionEvidence),
    status,
  };
}

function download(markdown: string) {
  const blob = new Blob([markdown], { type: 'text/markdown;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'common-ground-summary.md';
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A printable page of what was agreed, with a Markdown download (AGR-4). It is a document on its
 * own, with no link back into the join screens or the room: during the meeting it opens in a tab
 * of its own, and a way back from there would join the meeting a second time and cut the video in
 * the meeting's own tab (issue 14).
 */
export default function SummaryPage(props: { token: string } | { meetingId: string }) {
  const { t, i18n } = useTranslation();
  // Through a link, the page is in that person's language; the Markdown follows the page's.
  const invite = useApi<InviteInfoDto>(
    'token' in props ? `/api/invite/${encodeURIComponent(props.token)}` : null,
  );
  const person = invite.data?.person;
  usePersonLanguage(person ? `person:${person.id}` : null, person?.language);
  const lang = `lang=${encodeURIComponent(i18n.language)}`;
  const path =
    'token' in props
      ? `/api/summary/${encodeURIComponent(props.token)}?${lang}`
      : `/api/meetings/${encodeURIComponent(props.meetingId)}/summary?${lang}`;
  const res = useApi<SummaryDto>(path);
  const items = (res.data?.items ?? []).map(normalise);
  const groups = [...BOARD_CATEGORIES, null].map((c) => ({
    category: c,
    items: items.filter((i) => i.category === c),
  }));

  return (
    <Page screen="summary" title={t('summary.title')} className="summary-page">
      <p className="board__note">{t('board.notContract')}</p>
      {res.error ? (
        <Notice tone="calm">
          <p>
            {res.error.code === 'INVALID_STATE' || res.error.code === 'NOT_FOUND'
              ? t('summary.notReady')
              : errorText(t, res.error)}
          </p>
        </Notice>
      ) : null}
      {res.loading ? <p className="muted">{t('common.loading')}</p> : null}
      {res.data ? (
        <>
          {res.data.meetingTitle ? <p className="lead">{res.data.meetingTitle}</p> : null}
          {res.data.finalisedAt ? (
            <p>
              {t('summary.finalisedOn', { date: formatDate(res.data.finalisedAt, i18n.language) })}
            </p>
          ) : null}
          {res.data.noAgreement ? <p>{t('followup.noAgreement')}</p> : null}
          <div className="actions no-print">
            <button type="button" className="button" onClick={() => window.print()}>
              {t('summary.print')}
            </button>
            <button type="button" className="button" onClick={() => download(res.data!.markdown)}>
              {t('summary.download')}
            </button>
          </div>
          {items.length === 0 && !res.data.noAgreement ? <p>{t('summary.noItems')}</p> : null}
          {groups
            .filter((g) => g.items.length > 0)
            .map((g) => (
              <section key={g.category ?? 'other'} className="summary__group">
                <h2>{g.category ? t(`board.category.${g.category}`) : t('summary.otherItems')}</h2>
                <ul className="board__items">
                  {g.items.map((item) => (
                    <li key={item.id} className="board-item">
                      <p className="board-item__text">{item.text}</p>
                      <dl className="facts">
                        {item.owner ? (
                          <>
                            <dt>{t('board.facts.owner')}</dt>
                            <dd>{item.owner}</dd>
                          </>
                        ) : null}
                        {item.dueDate ? (
                          <>
                            <dt>{t('board.facts.due')}</dt>
                            <dd>{formatDate(item.dueDate, i18n.language)}</dd>
                          </>
                        ) : null}
                        {item.completionEvidence ? (
                          <>
                            <dt>{t('board.facts.evidence')}</dt>
                            <dd>{item.completionEvidence}</dd>
                          </>
                        ) : null}
                        {item.status ? (
                          <>
                            <dt>{t('followup.status')}</dt>
                            <dd>{t(`followup.statuses.${item.status}`)}</dd>
                          </>
                        ) : null}
                      </dl>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
        </>
      ) : null}
    </Page>
  );
}
