// The client's one room connection (client/src/lib/roomConnection.ts) against a fake socket: what
// the UI sees (status, view, closing, refusal) and how commands and media tokens are asked for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_ATTEMPTS, COMMAND_TIMEOUT_MS } from '../../../../client/src/lib/contract';
import type { RoomView } from '../../../../shared/room/views';

/** A stand-in for socket.io-client's Socket: the test fires server events and answers emits. */
class FakeSocket {
  readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  /** What an emitWithAck resolves to (or rejects with, for a timeout), per call. */
  answer: (event: string, payload: unknown) => Promise<unknown> = () =>
    Promise.reject(new Error('operation has timed out'));
  readonly emitted: { event: string; payload: unknown; timeout: number }[] = [];
  active = true;
  disconnected = false;

  on(event: string, fn: (...args: unknown[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }

  fire(event: string, ...args: unknown[]): void {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }

  timeout(ms: number) {
    return {
      emitWithAck: (event: string, payload: unknown) => {
        this.emitted.push({ event, payload, timeout: ms });
        return this.answer(event, payload);
      },
    };
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  disconnect(): this {
    this.disconnected = true;
    return this;
  }
}

const created: { socket: FakeSocket; options: Record<string, unknown> }[] = [];
vi.mock('socket.io-client', () => ({
  io: (options: Record<string, unknown>) => {
    const socket = new FakeSocket();
    created.push({ socket, options });
    return socket;
  },
}));

const { RoomConnection, NO_ANSWER } = await import('../../../../client/src/lib/roomConnection');

const view = (version: number, meetingId = 'm1') => ({ meetingId, version }) as unknown as RoomView;

describe('RoomConnection', () => {
  let socket: FakeSocket;
  let conn: InstanceType<typeof RoomConnection>;
  beforeEach(() => {
    created.length = 0;
    conn = new RoomConnection({ protocol: 3, invite: 'tok' });
    socket = created[0]!.socket;
  });
  afterEach(() => conn.close());

  it('opens one socket on the room path with the handshake auth, without cookies by default', () => {
    expect(created).toHaveLength(1);
    expect(created[0]!.options).toMatchObject({
      path: '/socket.io',
      auth: { protocol: 3, invite: 'tok' },
      withCredentials: false,
    });
    const fac = new RoomConnection({ protocol: 3, meetingId: 'm1' }, { withCredentials: true });
    expect(created[1]!.options).toMatchObject({ withCredentials: true, auth: { meetingId: 'm1' } });
    fac.close();
  });

  it('goes connecting, connected, reconnecting, and asks for the view again after a reconnect', async () => {
    const seen: string[] = [];
    conn.subscribe(() => seen.push(conn.getSnapshot().status));
    expect(conn.getSnapshot()).toEqual({
      status: 'connecting',
      view: null,
      closedReason: null,
      refusal: null,
    });
    socket.fire('connect');
    // The first connect: the server pushes the view itself; nothing is asked for.
    expect(socket.emitted).toEqual([]);
    socket.fire('room:view', view(4));
    socket.fire('disconnect', 'transport close');
    expect(conn.getSnapshot().status).toBe('reconnecting');
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(conn.getSnapshot().status).toBe('reconnecting');
    socket.answer = async (event) => (event === 'room:sync' ? { ok: true, data: view(6) } : null);
    socket.fire('connect');
    expect(socket.emitted).toEqual([
      { event: 'room:sync', payload: {}, timeout: COMMAND_TIMEOUT_MS },
    ]);
    await vi.waitFor(() => expect(conn.getSnapshot().view?.version).toBe(6));
    expect(seen).toEqual([
      'connected',
      'connected',
      'reconnecting',
      'reconnecting',
      'connected',
      'connected',
    ]);
  });

  it('keeps the newest view of a meeting and drops older ones', () => {
    socket.fire('room:view', view(5));
    socket.fire('room:view', view(3));
    expect(conn.getSnapshot().view?.version).toBe(5);
    socket.fire('room:view', view(5));
    socket.fire('room:view', view(7));
    expect(conn.getSnapshot().view?.version).toBe(7);
    // Another meeting's view (a new link in the same tab) is never "older".
    socket.fire('room:view', view(1, 'm2'));
    expect(conn.getSnapshot().view).toEqual(view(1, 'm2'));
  });

  it('says why the server closed the room connection', () => {
    socket.fire('room:closed', { reason: 'denied' });
    expect(conn.getSnapshot().closedReason).toBe('denied');
    socket.fire('disconnect', 'io server disconnect');
    expect(conn.getSnapshot().status).toBe('closed');
  });

  it('turns a refusal from the server into an error the page shows', () => {
    const err = Object.assign(new Error('refused'), {
      data: { code: 'INVITE_REVOKED', message: 'withdrawn' },
    });
    socket.fire('connect_error', err);
    expect(conn.getSnapshot()).toMatchObject({
      status: 'refused',
      refusal: { code: 'INVITE_REVOKED', message: 'withdrawn' },
    });
    // A later connect clears it.
    socket.fire('connect');
    expect(conn.getSnapshot()).toMatchObject({ status: 'connected', refusal: null });
  });

  it('reads a refusal code from the error message too, and ignores codes not meant for it', () => {
    socket.fire('connect_error', new Error('CLIENT_TOO_OLD'));
    expect(conn.getSnapshot().refusal).toEqual({ code: 'CLIENT_TOO_OLD', message: '' });
    // Not a refusal code, and the socket still tries again: only "connecting".
    socket.fire('connect_error', Object.assign(new Error('x'), { data: { code: 'INTERNAL' } }));
    expect(conn.getSnapshot().status).toBe('connecting');
  });

  it('is refused with no answer when the socket gave up', () => {
    socket.active = false;
    socket.fire('connect_error', new Error('websocket error'));
    expect(conn.getSnapshot()).toMatchObject({ status: 'refused', refusal: NO_ANSWER });
  });

  it('sends a command once when it is answered', async () => {
    socket.answer = async () => ({ ok: true, data: { version: 9 } });
    expect(await conn.send({ type: 'floor.pass' } as never)).toEqual({
      ok: true,
      data: { version: 9 },
    });
    expect(socket.emitted).toHaveLength(1);
    const { event, payload, timeout } = socket.emitted[0]!;
    expect(event).toBe('room:command');
    expect(timeout).toBe(COMMAND_TIMEOUT_MS);
    expect(payload).toMatchObject({ command: { type: 'floor.pass' } });
    expect((payload as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a command again with the same id after a timeout, and gives up after the last try', async () => {
    const tries = await conn.send({ type: 'floor.pass' } as never);
    expect(tries).toEqual({ ok: false, error: NO_ANSWER });
    expect(socket.emitted).toHaveLength(COMMAND_ATTEMPTS);
    const ids = new Set(socket.emitted.map((e) => (e.payload as { id: string }).id));
    expect(ids.size).toBe(1);

    // Answered on the second try: that answer.
    socket.emitted.length = 0;
    let n = 0;
    socket.answer = async () => {
      if (++n === 1) throw new Error('operation has timed out');
      return { ok: false, error: { code: 'FORBIDDEN', message: '' } };
    };
    expect(await conn.send({ type: 'floor.pass' } as never)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '' },
    });
    expect(socket.emitted).toHaveLength(2);
  });

  it('does not try a command again once the connection is closed', async () => {
    socket.fire('disconnect', 'io server disconnect');
    expect(await conn.send({ type: 'floor.pass' } as never)).toEqual({
      ok: false,
      error: NO_ANSWER,
    });
    expect(socket.emitted).toHaveLength(1);
  });

  it('asks for a media token and answers no answer when none came', async () => {
    const grant = { url: 'ws://lk', token: 't', room: 'main' };
    socket.answer = async (event) => (event === 'media:token' ? { ok: true, data: grant } : null);
    expect(await conn.mediaToken()).toEqual({ ok: true, data: grant });
    socket.answer = () => Promise.reject(new Error('operation has timed out'));
    expect(await conn.mediaToken()).toEqual({ ok: false, error: NO_ANSWER });
    expect(socket.emitted.map((e) => e.event)).toEqual(['media:token', 'media:token']);
  });

  it('closes: no more events reach it, the socket is disconnected, listeners hear it', () => {
    const heard = vi.fn();
    const unsubscribe = conn.subscribe(heard);
    conn.close();
    expect(socket.disconnected).toBe(true);
    expect(conn.getSnapshot().status).toBe('closed');
    expect(heard).toHaveBeenCalledTimes(1);
    socket.fire('room:view', view(9));
    expect(conn.getSnapshot().view).toBeNull();
    unsubscribe();
    socket.fire('connect');
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
