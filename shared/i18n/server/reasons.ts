import { serverEn } from './en';

export type ServerErrorReason = keyof typeof serverEn.errors;

const REASON_BY_MESSAGE = new Map<string, ServerErrorReason>(
  Object.entries(serverEn.errors).map(([reason, message]) => [
    message,
    reason as ServerErrorReason,
  ]),
);

/**
 * The reason code of a refusal the server sent, found from its English sentence (like a gettext
 * msgid), or null for a sentence this catalogue does not know. English only, so that the browser
 * loads another language's words only for the people who use it.
 */
export function errorReason(message: string): ServerErrorReason | null {
  return REASON_BY_MESSAGE.get(message) ?? null;
}
