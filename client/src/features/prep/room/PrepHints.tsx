import { useTranslation } from 'react-i18next';
import type { CasePrepDto, PrepParty } from '../../../../../shared/protocol/prep';
import type { Party } from '../../../../../shared/room/roles';
import { useApi } from '../../../lib/useApi';

/**
 * For the facilitators' room, beside one person (PRE-2, PRE-8): how to address them, the topics
 * their side asked not to raise, their access needs, and their safety plan (the call-back number
 * first when their connection has dropped). Read over HTTP, facilitators only: never in the room's
 * state, never shown to anyone else.
 */
export function PrepHints({
  meetingId,
  personId,
  party,
  dropped = false,
}: {
  meetingId: string;
  personId: string;
  party: Party;
  /** Their connection dropped: the call-back number and the plan come first. */
  dropped?: boolean;
}) {
  const { t } = useTranslation('prep');
  const res = useApi<CasePrepDto>(`/api/meetings/${encodeURIComponent(meetingId)}/case-prep`);
  const d = res.data;
  if (!d) return null;
  const record = party === 'facilitation' ? undefined : d.records[party as PrepParty];
  const plan = d.safety[personId];
  const access: string[] = record
    ? [
        ...(['captions', 'interpreter', 'audioOnly', 'breaks'] as const)
          .filter((k) => record.access[k])
          .map((k): string => t(`record.${k}`)),
        ...[record.access.language, record.access.other].filter(Boolean),
      ]
    : [];
  const safety = plan ? (
    <div data-testid={`prep-safety-${personId}`}>
      {plan.callbackNumber ? (
        <p>
          <strong>{t('safety.callbackNumber')}:</strong>{' '}
          <a href={`tel:${plan.callbackNumber.replace(/[^0-9+]/g, '')}`}>{plan.callbackNumber}</a>
        </p>
      ) : null}
      {plan.location ? <p>{t('hints.location', { location: plan.location })}</p> : null}
      {plan.ifDistressed ? <p>{t('hints.ifDistressed', { plan: plan.ifDistressed })}</p> : null}
      {plan.afterSupport ? <p>{t('hints.afterSupport', { who: plan.afterSupport })}</p> : null}
    </div>
  ) : null;
  if (!record && !plan) return null;
  return (
    <aside
      className="prep-hints"
      aria-label={t('hints.label')}
      data-testid={`prep-hints-${personId}`}
    >
      {dropped ? safety : null}
      {record?.namesPronouns ? <p>{t('hints.names', { names: record.namesPronouns })}</p> : null}
      {record?.avoidTopics ? <p>{t('hints.avoid', { topics: record.avoidTopics })}</p> : null}
      {access.length ? <p>{t('hints.access', { needs: access.join(', ') })}</p> : null}
      {dropped ? null : safety}
    </aside>
  );
}
