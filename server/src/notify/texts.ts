/*
 * The e-mails' words (PRE-11): neutral on purpose. No clinical or incident words, no case or
 * meeting title, nobody's name (the other party's least of all) and nothing anyone wrote: only
 * that there is something to look at, when, and the person's own link. Whoever sees the e-mail
 * over someone's shoulder learns nothing about what it is about.
 */
import type { Language } from '../../../shared/i18n/languages';
import { fill, SERVER_TEXT } from '../../../shared/i18n/server';

export const NOTIFICATION_KINDS = [
  'invitation',
  'time',
  'reminder',
  'due',
  'late',
  'message',
  'returned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationFacts {
  /** The person's own link. */
  link: string;
  /** The meeting's time, written out in the case's time zone (time and reminder). */
  when?: string;
  /** An agreed step's due date (due and late). */
  date?: string;
}

/** One e-mail in the person's language: the words are in shared/i18n/server (issue 17). */
export function notificationText(
  kind: NotificationKind,
  f: NotificationFacts,
  lang: Language = 'en',
): { subject: string; text: string } {
  const words = SERVER_TEXT[lang].email;
  const vars = { link: f.link, when: f.when ?? '', date: f.date ?? '' };
  return {
    subject: words[kind].subject,
    text: `${fill(words[kind].text, vars)}\n\n${words.footer}\n`,
  };
}
