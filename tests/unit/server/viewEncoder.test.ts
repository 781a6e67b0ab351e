// The server's encoder: an event whose arguments were serialised ahead (EncodedJson) goes on the
// wire exactly as Socket.IO's default encoder would send the values themselves, so clients keep
// the default parser; every other packet is the default encoder's.
import * as parser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { EncodedJson, serverParser } from '../../../server/src/realtime/viewEncoder';

const view = {
  meetingId: 'm1',
  version: 7,
  me: { id: 'p1', name: 'Zoë “Pat” O’Neil', note: 'line\nbreak \\ "quoted" </script>' },
  members: [
    { id: 'p1', away: false },
    { id: 'f1', away: true },
  ],
  board: null,
  timers: { meeting: { startedAt: 1_790_000_000_000, pausedMs: 0 } },
};

const ours = new serverParser.Encoder();
const theirs = new parser.Encoder();

describe('serverParser.Encoder', () => {
  it('sends a pre-serialised view as the same text as the default encoder sends the view', () => {
    const encoded = {
      type: parser.PacketType.EVENT,
      nsp: '/',
      data: ['room:view', new EncodedJson(JSON.stringify(view))],
    };
    const plain = { type: parser.PacketType.EVENT, nsp: '/', data: ['room:view', view] };
    expect(ours.encode(encoded)).toEqual(theirs.encode(plain));
    // What a client's default decoder makes of it: the view itself.
    const decoder = new parser.Decoder();
    const got: unknown[] = [];
    decoder.on('decoded', (p: parser.Packet) => got.push(p.data));
    decoder.add(ours.encode(encoded)[0]);
    expect(got).toEqual([['room:view', view]]);
  });

  it('keeps a namespace and an ack id as the default encoder does', () => {
    const json = new EncodedJson(JSON.stringify(view));
    for (const [nsp, id] of [
      ['/admin', undefined],
      ['/', 12],
      ['/admin', 3],
    ] as const) {
      const encoded = { type: parser.PacketType.EVENT, nsp, id, data: ['room:view', json] };
      const plain = { type: parser.PacketType.EVENT, nsp, id, data: ['room:view', view] };
      expect(ours.encode(encoded)).toEqual(theirs.encode(plain));
    }
  });

  it('encodes every other packet as the default encoder does, binary included', () => {
    const packets: parser.Packet[] = [
      { type: parser.PacketType.EVENT, nsp: '/', data: ['room:closed', { reason: 'left' }] },
      { type: parser.PacketType.ACK, nsp: '/', id: 4, data: [{ ok: true, data: { version: 2 } }] },
      { type: parser.PacketType.EVENT, nsp: '/', data: ['blob', Buffer.from([1, 2, 3])] },
      { type: parser.PacketType.CONNECT, nsp: '/', data: { sid: 'abc' } },
    ];
    for (const p of packets) expect(ours.encode(p)).toEqual(theirs.encode(p));
  });
});
