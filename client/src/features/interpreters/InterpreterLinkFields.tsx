import { useTranslation } from 'react-i18next';
import {
  INTERPRETING_MODES,
  type InterpretingMode,
} from '../../../../shared/room/interpreters/mode';
import { SelectField } from '../../components/Fields';

/** The link being edited: a person's id ('' for nobody) and the mode. */
export interface LinkDraft {
  memberId: string;
  mode: InterpretingMode;
}

/**
 * "Interprets for" a person (or everyone) and spoken or sign language (issue 17): the same two
 * fields on the case page's invite form and in the facilitator's people list in the room.
 */
export function InterpreterLinkFields({
  people,
  value,
  onChange,
}: {
  /** Whom the interpreter may be linked to (participants, neither facilitators nor interpreters). */
  people: readonly { id: string; name: string }[];
  value: LinkDraft;
  onChange: (next: LinkDraft) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('interpreter.interpretsFor')}
        hint={t('interpreter.interpretsForHint')}
        options={[
          { value: '', label: t('interpreter.nobody') },
          ...people.map((p) => ({ value: p.id, label: p.name })),
        ]}
        value={value.memberId}
        onChange={(e) => onChange({ ...value, memberId: e.target.value })}
      />
      <SelectField
        label={t('interpreter.mode')}
        options={INTERPRETING_MODES.map((m) => ({ value: m, label: t(`interpreter.modes.${m}`) }))}
        value={value.mode}
        onChange={(e) => onChange({ ...value, mode: e.target.value as InterpretingMode })}
      />
    </>
  );
}
