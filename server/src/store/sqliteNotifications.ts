import type { Db } from './db';
import type { NotificationRow, NotificationStore, Synchronous } from './ports';

/** E-mail notifications as due rows, and people's optional addresses. */
export function createSqliteNotifications(db: Db): Synchronous<NotificationStore> {
  const q = {
    email: db.prepare('SELECT email FROM people WHERE id = ?'),
    setEmail: db.prepare('UPDATE people SET email = ? WHERE id = ?'),
    withEmail: db.prepare(
      `SELECT p.id, p.case_id, p.party, p.email FROM people p JOIN cases c ON c.id = p.case_id
       WHERE p.email IS NOT NULL AND c.closed_at IS NULL`,
    ),
    schedule: db.prepare(
      `INSERT OR IGNORE INTO notifications (id, person_id, kind, ref, due_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    due: db.prepare(
      `SELECT * FROM notifications WHERE sent_at IS NULL AND due_at <= ? AND attempts < ?
       ORDER BY due_at LIMIT ?`,
    ),
    sent: db.prepare('UPDATE notifications SET sent_at = ?, attempts = attempts + 1 WHERE id = ?'),
    failed: db.prepare('UPDATE notifications SET attempts = attempts + 1 WHERE id = ?'),
  };
  return {
    personEmail: (personId) =>
      (q.email.get(personId) as { email: string | null } | undefined)?.email ?? null,
    setPersonEmail: (personId, email) => q.setEmail.run(email, personId),
    peopleWithEmail: () =>
      q.withEmail.all() as { id: string; case_id: string; party: string; email: string }[],
    scheduleNotification: (n) => q.schedule.run(n.id, n.personId, n.kind, n.ref, n.dueAt),
    dueNotifications: (now, limit, maxAttempts) =>
      q.due.all(now, maxAttempts, limit) as NotificationRow[],
    markNotificationSent: (id, now) => q.sent.run(now, id),
    markNotificationFailed: (id) => q.failed.run(id),
  };
}
