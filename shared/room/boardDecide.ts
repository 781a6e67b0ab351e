import type { ClientCommand } from '../protocol/commands';
import type { Draft } from './decide';
import type { Member } from './state';
import { reject } from './types';

export type BoardCommand = Extract<
  ClientCommand,
  { type: `board.${string}` } | { type: 'followup.update' }
>;

export function isBoardCommand(cmd: ClientCommand): cmd is BoardCommand {
  return cmd.type.startsWith('board.') || cmd.type === 'followup.update';
}

/** Board commands: implemented in this file (issue 4). */
export function decideBoard(_d: Draft, _actor: Member, _cmd: BoardCommand): void {
  reject('INVALID_STATE', 'The agreement board is not available yet.');
}
