import type { Party } from '../../../../../shared/room/roles';

export type PartyTotals = Partial<Record<Party, number>>;

/**
 * Talk time per party, measured from LiveKit's active-speaker events in this browser only (never
 * sent or saved). Two people of one party speaking at once count once for that party.
 */
export class TalkTimeMeter {
  private totals: PartyTotals = {};
  private speaking: Party[] = [];
  private since = 0;

  onSpeakers(parties: Party[], now: number): void {
    this.flush(now);
    this.speaking = [...new Set(parties)];
  }

  private flush(now: number): void {
    const dt = Math.max(0, now - this.since);
    for (const p of this.speaking) this.totals[p] = (this.totals[p] ?? 0) + dt;
    this.since = now;
  }

  /** Totals in ms, including the time of anyone speaking right now. */
  snapshot(now: number): PartyTotals {
    const out: PartyTotals = { ...this.totals };
    const dt = Math.max(0, now - this.since);
    for (const p of this.speaking) out[p] = (out[p] ?? 0) + dt;
    return out;
  }

  reset(now: number): void {
    this.totals = {};
    this.since = now;
  }
}
