import type { StoryParty } from './roles';

export const PHASE_KINDS = [
  'opening',
  'checkin',
  'story',
  'questions',
  'harms',
  'repair',
  'agreements',
  'closing',
  'debrief',
  'custom',
] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export interface Phase {
  id: string;
  kind: PhaseKind;
  /** Shown to everyone. Plain language, no clinical detail. */
  name: string;
  /** For story phases: whose story. */
  party: StoryParty | null;
  /** Facilitator-only prompt. */
  prompt: string;
}

/** The default script (research/domain.md §4, stage B). Names are i18n keys resolved by the client when `name` is empty. */
export function defaultPhases(): Phase[] {
  return [
    { id: 'opening', kind: 'opening', name: '', party: null, prompt: '' },
    { id: 'checkin', kind: 'checkin', name: '', party: null, prompt: '' },
    { id: 'story-patient', kind: 'story', name: '', party: 'patient', prompt: '' },
    { id: 'story-hcw', kind: 'story', name: '', party: 'hcw', prompt: '' },
    { id: 'questions', kind: 'questions', name: '', party: null, prompt: '' },
    { id: 'harms', kind: 'harms', name: '', party: null, prompt: '' },
    { id: 'repair', kind: 'repair', name: '', party: null, prompt: '' },
    { id: 'agreements', kind: 'agreements', name: '', party: null, prompt: '' },
    { id: 'closing', kind: 'closing', name: '', party: null, prompt: '' },
    { id: 'debrief', kind: 'debrief', name: '', party: null, prompt: '' },
  ];
}
