import type { Language } from '../../../shared/i18n/languages';
import { errorReason, type Logger } from '../logger';
import type { NotificationRow, Store } from '../store/ports';
import type { Mailer } from './mailer';
import { planNotifications } from './plan';
import { notificationText, type NotificationFacts, type NotificationKind } from './texts';

/** How often due notifications are planned and sent. */
export const NOTIFY_TICK_MS = 60_000;
/** At most this many e-mails per tick (a backlog drains over several ticks). */
export const NOTIFY_BATCH = 20;
/** A notification the SMTP server refused this many times is given up. */
export const NOTIFY_MAX_ATTEMPTS = 5;

export interface Notifier {
  /** Plans what is due from the data, then sends up to NOTIFY_BATCH of it. One at a time. */
  tick(): Promise<{ sent: number; failed: number }>;
  close(): Promise<void>;
}

/** Dates in the words of the person's language (issue 17); British English for English. */
const LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR' };

const longDate = (isoDay: string, lang: Language) =>
  new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDay}T12:00:00Z`),
  );

const longTime = (at: number, timeZone: string, lang: Language) =>
  `${new Intl.DateTimeFormat(LOCALE[lang], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(at))} (${timeZone})`;

/**
 * Optional e-mail notifications (issue 16, PRE-11): built only when SMTP is configured. Every
 * notification is a row (notifications table) planned from the data, so a restart loses nothing
 * and sends nothing twice; each tick is bounded (NOTIFY_BATCH, NOTIFY_MAX_ATTEMPTS). Logs say how
 * many went, never to whom or what.
 */
export function createNotifier(o: {
  repo: Store;
  mailer: Mailer;
  now: () => number;
  newId: () => string;
  /** The public address of a personal link, by invite id. */
  linkFor: (inviteId: string) => string;
  logger: Logger;
}): Notifier {
  const { repo, mailer, now, logger } = o;
  let running: Promise<{ sent: number; failed: number }> | null = null;

  /** The facts of one notification, or null when it no longer applies (dropped unsent). */
  const factsOf = async (n: NotificationRow): Promise<NotificationFacts | null> => {
    const person = await repo.personById(n.person_id);
    if (!person) return null;
    if (n.kind === 'invitation') {
      const invite = await repo.inviteById(n.ref);
      return invite && invite.revoked_at === null ? { link: o.linkFor(invite.id) } : null;
    }
    if (n.kind === 'message' || n.kind === 'returned') {
      // Any of the person's links of the case opens the exchange: the newest one.
      const newest = (await repo.invitesByCase(person.caseId))
        .filter((i) => i.person_id === person.id && !i.revoked_at)
        .at(-1);
      return newest ? { link: o.linkFor(newest.id) } : null;
    }
    const [meetingId, second, third] = n.ref.split(':');
    const invite = (await repo.invitesByCase(person.caseId))
      .filter((i) => i.person_id === person.id && i.meeting_id === meetingId && !i.revoked_at)
      .at(-1);
    if (!invite || !meetingId) return null;
    const link = o.linkFor(invite.id);
    if (n.kind === 'time' || n.kind === 'reminder') {
      // A time chosen again since: this one is stale.
      if ((await repo.timeChoice(meetingId))?.proposal_id !== second) return null;
      const t = (await repo.timeProposals(meetingId)).find((p) => p.id === second);
      if (!t || t.starts_at <= now()) return null;
      return {
        link,
        when: longTime(t.starts_at, await repo.caseTimeZone(person.caseId), person.language),
      };
    }
    return third ? { link, date: longDate(third, person.language) } : null;
  };

  const pass = async () => {
    await planNotifications(repo, now(), o.newId);
    let sent = 0;
    let failed = 0;
    for (const n of await repo.dueNotifications(now(), NOTIFY_BATCH, NOTIFY_MAX_ATTEMPTS)) {
      const to = await repo.personEmail(n.person_id);
      const facts = to ? await factsOf(n) : null;
      if (!to || !facts) {
        await repo.markNotificationSent(n.id, now()); // nothing to send any more: dropped
        continue;
      }
      const lang = (await repo.personById(n.person_id))?.language ?? 'en';
      const { subject, text } = notificationText(n.kind as NotificationKind, facts, lang);
      try {
        await mailer.send(to, subject, text);
        await repo.markNotificationSent(n.id, now());
        sent++;
      } catch (err) {
        await repo.markNotificationFailed(n.id);
        failed++;
        logger.warn('notify.send.failed', { reason: errorReason(err) });
      }
    }
    if (sent) logger.info('notify.sent', { count: sent });
    return { sent, failed };
  };

  return {
    tick() {
      running ??= pass().finally(() => (running = null));
      return running;
    },
    async close() {
      await running?.catch(() => undefined);
      mailer.close();
    },
  };
}
