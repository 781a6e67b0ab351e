import type { RedisClientType } from 'redis';
import { randomId } from '../auth/crypto';

/** A request one node sends the owner of a meeting. */
export interface RpcRequest {
  /** presence: [memberId, sockets that node holds now, that node's id] (see ClusterNode). */
  op: 'dispatch' | 'presence' | 'mintToken' | 'view';
  meetingId: string;
  args: unknown[];
}

/** Why a forwarded call did not run: the node asked no longer owns the meeting, or no answer. */
export class NotOwnerError extends Error {
  constructor(readonly reason: 'not-owner' | 'timeout') {
    super(`the meeting's owner did not take the call (${reason})`);
    this.name = 'NotOwnerError';
  }
}

interface Envelope {
  id: string;
  from: string;
  req?: RpcRequest;
  ok?: boolean;
  result?: unknown;
  error?: 'not-owner' | 'failed';
}

const inbox = (nodeId: string) => `cg:rpc:${nodeId}`;

/**
 * Calls between app nodes over Redis pub/sub: a request to the node that owns a meeting, its
 * answer back to the node that asked. Only ids, command payloads (already validated) and views
 * travel, never logged.
 */
export class Rpc {
  private readonly waiting = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  constructor(
    private readonly pub: RedisClientType,
    private readonly sub: RedisClientType,
    readonly nodeId: string,
    private readonly handle: (req: RpcRequest) => Promise<{ owner: boolean; result?: unknown }>,
  ) {}

  async start(): Promise<void> {
    await this.sub.subscribe(inbox(this.nodeId), (text) => void this.received(text));
  }

  /** Runs `req` on node `to`; NotOwnerError when it does not own the meeting or does not answer. */
  call(to: string, req: RpcRequest, timeoutMs = 1500): Promise<unknown> {
    const id = randomId(9);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new NotOwnerError('timeout'));
      }, timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      const env: Envelope = { id, from: this.nodeId, req };
      this.pub.publish(inbox(to), JSON.stringify(env)).catch((err: unknown) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  private async received(text: string): Promise<void> {
    const env = JSON.parse(text) as Envelope;
    if (env.req) {
      let reply: Envelope;
      try {
        const out = await this.handle(env.req);
        reply = out.owner
          ? { id: env.id, from: this.nodeId, ok: true, result: out.result ?? null }
          : { id: env.id, from: this.nodeId, ok: false, error: 'not-owner' };
      } catch {
        reply = { id: env.id, from: this.nodeId, ok: false, error: 'failed' };
      }
      await this.pub.publish(inbox(env.from), JSON.stringify(reply)).catch(() => undefined);
      return;
    }
    const w = this.waiting.get(env.id);
    if (!w) return;
    this.waiting.delete(env.id);
    clearTimeout(w.timer);
    if (env.ok) w.resolve(env.result);
    else if (env.error === 'not-owner') w.reject(new NotOwnerError('not-owner'));
    else w.reject(new Error('the owning node failed to run the call'));
  }

  close(): void {
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new NotOwnerError('timeout'));
    }
    this.waiting.clear();
  }
}
