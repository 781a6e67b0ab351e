/** What the timer needs of a clock (RoomActor's Clock has it; not imported, to keep no circle). */
export interface TimerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { unref?: () => void };
}

/** A deadline the state holds: an id the timer names when it fires, and when it is due. */
export interface Due {
  id: string;
  at: number;
}

/**
 * One timer per meeting, for the earliest deadline its state holds (issue 12: deadlines as data).
 * The actor calls `follow` after every command and after a restart; a timer whose deadline is no
 * longer the earliest (it was cleared, or an earlier one came) finds itself replaced and does
 * nothing, so only the current deadline ever fires, and it fires with its own id.
 */
export class DeadlineTimer {
  private current: (Due & { token: object }) | null = null;

  constructor(
    private readonly clock: TimerClock,
    private readonly fire: (deadlineId: string) => void,
  ) {}

  /** Schedules the earliest of `deadlines` (none: no timer); keeps a timer already set for it. */
  follow(deadlines: readonly Due[]): void {
    let next: Due | null = null;
    for (const d of deadlines) if (!next || d.at < next.at) next = d;
    if (next && this.current?.id === next.id && this.current.at === next.at) return;
    this.current = null;
    if (!next) return;
    const { id, at } = next;
    const token = {};
    this.current = { id, at, token };
    this.clock
      .setTimeout(
        () => {
          if (this.current?.token !== token) return;
          this.current = null;
          this.fire(id);
        },
        Math.max(0, at - this.clock.now()),
      )
      .unref?.();
  }

  /** The deadline a timer is set for now (tests). */
  get pending(): Due | null {
    return this.current ? { id: this.current.id, at: this.current.at } : null;
  }

  stop(): void {
    this.current = null;
  }
}
