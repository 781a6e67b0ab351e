// Issue 17: each e-mail in the person's language, as neutral as in English: the person's link and
// the facts, every placeholder filled, nothing else.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/i18n/languages';
import { NOTIFICATION_KINDS, notificationText } from '../../../server/src/notify/texts';

const FACTS = {
  link: 'https://x.example/j/abc',
  when: 'mardi 2 juin 2026 à 10:00 (Europe/Paris)',
  date: '1 juin 2026',
};

describe('e-mails in each language', () => {
  it.each(LANGUAGES.flatMap((l) => NOTIFICATION_KINDS.map((k) => [l, k] as const)))(
    '%s %s: the link and the facts, every placeholder filled',
    (lang, kind) => {
      const { subject, text } = notificationText(kind, FACTS, lang);
      expect(text).toContain(FACTS.link);
      if (kind === 'time' || kind === 'reminder') expect(text).toContain(FACTS.when);
      if (kind === 'due' || kind === 'late') expect(text).toContain(FACTS.date);
      expect(`${subject} ${text}`).not.toMatch(/undefined|\{\{|incident|harm|clinical/i);
    },
  );

  it('writes French for a French speaker and English otherwise', () => {
    const fr = notificationText('invitation', FACTS, 'fr');
    expect(fr.subject).toBe('Votre invitation');
    expect(fr.text).toMatch(/^Bonjour,/);
    expect(fr.text).toContain('Merci de ne pas transférer cet e-mail.');
    const en = notificationText('invitation', FACTS);
    expect(en.subject).toBe('Your invitation');
    expect(en.text).toContain('Please do not forward this e-mail.');
  });
});
