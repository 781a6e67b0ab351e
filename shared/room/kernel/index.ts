/**
 * The kernel every handler imports and that imports none of them: the draft of one decision, the
 * event and alert helpers, the rules and their shared conditions, and the rejection.
 */
export * from './draft';
export * from './guards';
export * from './rejection';
export * from './rule';
