import type { GateItem } from '../prep/gate';
import type { RoomErrorCode } from '../types';

/**
 * A command refused: thrown by a guard or a handler, caught by `decide`, which then returns the
 * typed error and changes nothing (the draft is dropped).
 */
export class Rejection extends Error {
  constructor(
    public readonly code: RoomErrorCode,
    message: string,
    /** A start refused by the gate carries what is missing. */
    public readonly missing?: GateItem[],
  ) {
    super(message);
  }
}

/** Refuses the command with a typed, content-free, plain-language error. */
export function reject(code: RoomErrorCode, message: string): never {
  throw new Rejection(code, message);
}
