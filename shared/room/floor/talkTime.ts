import { STORY_PARTIES, type StoryParty } from '../roles';

/** The parties whose talk time is measured: each story party, and everyone else who speaks. */
export const TALK_PARTIES = [...STORY_PARTIES, 'other'] as const;
export type TalkParty = StoryParty | 'other';

/** Milliseconds each party has held the floor in this meeting, up to the last change of holder. */
export type TalkTime = Record<TalkParty, number>;

/** No talk time yet: a meeting before it starts, and after it ends. */
export function emptyTalk(): TalkTime {
  return { patient: 0, hcw: 0, other: 0 };
}
