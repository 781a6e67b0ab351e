import { useTranslation } from 'react-i18next';
import type { GateItem } from '../../../../shared/protocol/prep';
import type { Party } from '../../../../shared/room/roles';

/**
 * What a joint meeting still needs before it can start (NOT-9), as a checklist in words: each
 * party not at "go" and each person without current consent. Says so when nothing is missing.
 */
export function GateItems({
  missing,
  nameOf,
  partyName,
}: {
  missing: GateItem[];
  nameOf: (personId: string) => string;
  partyName: (party: Party) => string;
}) {
  const { t } = useTranslation('prep');
  if (missing.length === 0)
    return (
      <p className="success-text" data-testid="gate-ready">
        {t('gate.ready')}
      </p>
    );
  return (
    <ul className="gate-list" data-testid="gate-missing" aria-label={t('gate.missingLabel')}>
      {missing.map((item) =>
        item.code === 'readiness' ? (
          <li key={`r-${item.party}`}>
            {t(`gate.readiness.${item.decision ?? 'none'}`, { party: partyName(item.party) })}
          </li>
        ) : (
          <li key={`c-${item.personId}`}>
            {t(`gate.consent.${item.reason}`, { name: nameOf(item.personId) })}
          </li>
        ),
      )}
    </ul>
  );
}
