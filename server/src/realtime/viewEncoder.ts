import * as parser from 'socket.io-parser';

/**
 * One argument of an emit, already serialised as JSON (`JSON.stringify` of the value the client
 * receives). The client sees exactly what it would see for the value itself.
 */
export class EncodedJson {
  constructor(readonly json: string) {}
}

/**
 * Socket.IO's default encoder, except for events whose arguments are all EncodedJson: their
 * packet is put together from the texts, with no binary check and no second serialisation. The
 * text on the wire is the same as the default encoder's for the same values, so the client keeps
 * the default parser.
 */
class Encoder extends parser.Encoder {
  override encode(packet: parser.Packet): ReturnType<parser.Encoder['encode']> {
    const args = packet.data as unknown[] | undefined;
    if (packet.type === parser.PacketType.EVENT && Array.isArray(args) && encodedAfterName(args)) {
      let text = `${packet.type}`;
      if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
      if (packet.id != null) text += packet.id;
      text += `[${JSON.stringify(args[0])}`;
      for (let i = 1; i < args.length; i++) text += `,${(args[i] as EncodedJson).json}`;
      return [`${text}]`];
    }
    return super.encode(packet);
  }
}

/** Whether every argument after the event's name is EncodedJson (and there is at least one). */
function encodedAfterName(args: unknown[]): boolean {
  if (args.length < 2) return false;
  for (let i = 1; i < args.length; i++) if (!(args[i] instanceof EncodedJson)) return false;
  return true;
}

/** The parser for the server (`new Server(http, { parser })`). */
export const serverParser = { ...parser, Encoder };
