/** Bumped whenever the socket protocol changes shape. */
export const PROTOCOL_VERSION = 1;
