/** Constants of the shared contract, from its zod-free file (keeps zod out of the join page). */
export {
  BOARD_CATEGORIES,
  CSRF_HEADER,
  FOLLOW_UP_STATUSES,
  HTTP_LIMITS,
  LIMITS,
} from '../../../shared/protocol/constants';

/** How long a room command waits for its ack before it is sent again with the same id. */
export const COMMAND_TIMEOUT_MS = 8000;
export const COMMAND_ATTEMPTS = 3;
