import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientCommand } from '../../../../shared/protocol/commands';
import { PHASE_KINDS, type PhaseKind } from '../../../../shared/room/phases';
import { STORY_PARTIES, type StoryParty } from '../../../../shared/room/roles';
import type { RoomView } from '../../../../shared/room/views';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField, TextAreaField, TextField } from '../../components/Fields';
import { LIMITS } from '../../lib/contract';
import { partyLabel, phaseName } from '../../lib/labels';
import { useCommand } from '../../lib/useCommand';

type ScriptUpdate = Extract<ClientCommand, { type: 'script.update' }>;
type PhaseDraft = ScriptUpdate['phases'][number];

/** Before the start: the script of phases, the order of stories, floor mode and soft turn limit. */
export function ScriptEditor({ view }: { view: RoomView }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const prompts = view.facilitator?.prompts ?? [];
  const [phases, setPhases] = useState<PhaseDraft[]>(() =>
    view.phases.map((p, i) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      party: p.party,
      prompt: prompts[i] ?? '',
    })),
  );
  const [storyOrder, setStoryOrder] = useState<StoryParty[]>(() => [...view.storyOrder]);
  const [floorMode, setFloorMode] = useState(view.floor.mode);
  const [limitMin, setLimitMin] = useState(() => {
    const s = view.facilitator?.softTurnLimitSec;
    return s ? String(Math.round(s / 60)) : '';
  });
  const [saved, setSaved] = useState(false);

  const update = (i: number, patch: Partial<PhaseDraft>) => {
    setSaved(false);
    setPhases((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  };
  const move = (i: number, d: -1 | 1) =>
    setPhases((ps) => {
      const next = [...ps];
      const [x] = next.splice(i, 1);
      if (x) next.splice(i + d, 0, x);
      return next;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const minutes = Number(limitMin);
    const res = await cmd.run({
      type: 'script.update',
      phases: phases.map((p) => ({
        ...p,
        name: p.name.trim().slice(0, LIMITS.phaseName),
        party: p.kind === 'story' ? (p.party ?? 'patient') : null,
      })),
      storyOrder,
      floorMode,
      softTurnLimitSec:
        limitMin && minutes > 0 ? Math.min(3600, Math.max(30, Math.round(minutes * 60))) : null,
    });
    setSaved(res.ok);
  };

  return (
    <details className="panel script">
      <summary>{t('script.heading')}</summary>
      <form onSubmit={submit}>
        <SelectField
          label={t('script.storyOrder')}
          options={[
            { value: 'patient', label: t('script.patientFirst') },
            { value: 'hcw', label: t('script.hcwFirst') },
          ]}
          value={storyOrder[0] ?? 'patient'}
          onChange={(e) =>
            setStoryOrder(e.target.value === 'hcw' ? ['hcw', 'patient'] : ['patient', 'hcw'])
          }
        />
        <SelectField
          label={t('script.floorMode')}
          hint={t('floorControls.modeHint')}
          options={[
            { value: 'gentle', label: t('floorControls.mode.gentle') },
            { value: 'protected', label: t('floorControls.mode.protected') },
          ]}
          value={floorMode}
          onChange={(e) => setFloorMode(e.target.value as 'gentle' | 'protected')}
        />
        <TextField
          label={t('script.softLimit')}
          hint={t('script.softLimitHint')}
          type="number"
          min={1}
          max={60}
          inputMode="numeric"
          value={limitMin}
          onChange={(e) => setLimitMin(e.target.value)}
        />
        <ol className="script__phases">
          {phases.map((p, i) => (
            <li key={p.id ?? `new-${i}`} className="script__phase">
              <TextField
                label={t('script.phaseName', { n: i + 1 })}
                hint={t('script.phaseNameHint')}
                placeholder={phaseName(t, { ...p, name: '' })}
                maxLength={LIMITS.phaseName}
                value={p.name}
                onChange={(e) => update(i, { name: e.target.value })}
              />
              <SelectField
                label={t('script.phaseKind')}
                options={PHASE_KINDS.map((k: PhaseKind) => ({
                  value: k,
                  label: t(`phases.kind.${k}`),
                }))}
                value={p.kind}
                onChange={(e) => update(i, { kind: e.target.value as PhaseKind })}
              />
              {p.kind === 'story' ? (
                <SelectField
                  label={t('script.whoseStory')}
                  options={STORY_PARTIES.map((sp) => ({ value: sp, label: partyLabel(t, sp) }))}
                  value={p.party ?? 'patient'}
                  onChange={(e) => update(i, { party: e.target.value as StoryParty })}
                />
              ) : null}
              <TextAreaField
                label={t('script.prompt')}
                rows={2}
                maxLength={LIMITS.prompt}
                value={p.prompt}
                onChange={(e) => update(i, { prompt: e.target.value })}
              />
              <div className="actions">
                <button
                  type="button"
                  className="button button--small"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  {t('board.moveUp')}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  disabled={i === phases.length - 1}
                  onClick={() => move(i, 1)}
                >
                  {t('board.moveDown')}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  disabled={phases.length <= 1}
                  onClick={() => setPhases((ps) => ps.filter((_, j) => j !== i))}
                >
                  {t('script.removePhase')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={phases.length >= LIMITS.phases}
            onClick={() =>
              setPhases((ps) => [...ps, { kind: 'custom', name: '', party: null, prompt: '' }])
            }
          >
            {t('script.addPhase')}
          </button>
          <button type="submit" className="button button--primary" disabled={cmd.pending}>
            {t('script.save')}
          </button>
        </div>
        <ErrorMessage error={cmd.error} />
        {saved ? <p className="success-text">{t('script.saved')}</p> : null}
      </form>
    </details>
  );
}
