import { SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter';

interface StoredPacket {
  id: string;
  opts: BroadcastOptions;
}

/**
 * Connection-state recovery that keeps only the newest packet per Socket.IO room.
 *
 * The built-in adapter keeps every packet for the whole recovery window so it can replay them.
 * Every message we send to a member's room is a whole view (a snapshot with a version), so only
 * the newest one matters: older ones are dropped. A client whose last packet is still stored is
 * recovered and gets what it missed; otherwise it reconnects normally and gets the current view.
 * Memory stays at about one view per connected person instead of every view of the window.
 */
export class LatestViewAdapter extends SessionAwareAdapter {
  private readonly newest = new Map<string, string>();
  private readonly superseded = new Set<string>();

  private get stored(): StoredPacket[] {
    return (this as unknown as { packets: StoredPacket[] }).packets;
  }

  private set stored(p: StoredPacket[]) {
    (this as unknown as { packets: StoredPacket[] }).packets = p;
  }

  override broadcast(
    packet: { type: number; data?: unknown[]; nsp?: string },
    opts: BroadcastOptions,
  ): void {
    const before = this.stored.length;
    super.broadcast(packet, opts);
    const added = this.stored.length > before ? this.stored[this.stored.length - 1] : undefined;
    if (!added || opts.rooms.size !== 1 || opts.except?.size) return;
    const room = [...opts.rooms][0]!;
    const previous = this.newest.get(room);
    if (previous) this.superseded.add(previous);
    this.newest.set(room, added.id);
    // Compact now and then: amortised O(1) per packet.
    if (this.superseded.size > 256 && this.superseded.size > this.stored.length / 2) {
      this.stored = this.stored.filter((p) => !this.superseded.has(p.id));
      this.superseded.clear();
      const kept = new Set(this.stored.map((p) => p.id));
      for (const [r, id] of this.newest) if (!kept.has(id)) this.newest.delete(r);
    }
  }
}
