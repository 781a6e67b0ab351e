import type { Member, RoomState } from '../state';
import type { RoomErrorCode } from '../types';
import { reject } from './rejection';

/**
 * One condition of a permission rule, with the refusal `decide` gives when it does not hold. The
 * condition is asked of the state and the person acting, and of at most one target (a person, an
 * item, a floor holder) where the rule is per target.
 */
export interface Check<A extends unknown[] = []> {
  readonly ok: (s: RoomState, m: Member, ...target: A) => boolean;
  readonly code: RoomErrorCode;
  /** Plain words; a function where they depend on who asks (why someone may not consent). */
  readonly message: string | ((s: RoomState, m: Member) => string);
}

/** A condition and its refusal (see Check). */
export function check<A extends unknown[] = []>(
  ok: Check<A>['ok'],
  code: RoomErrorCode,
  message: Check<A>['message'],
): Check<A> {
  return { ok, code, message };
}

/**
 * A permission rule: the pure predicate the views ask (`canX(state, person)`), carrying the
 * ordered conditions it is made of, so that `enforce` refuses with the first one that fails. The
 * predicate and the refusal are the same list: they cannot drift apart.
 */
export interface Rule<A extends unknown[] = []> {
  (s: RoomState, m: Member, ...target: A): boolean;
  readonly checks: readonly Check<A>[];
}

/**
 * Builds a rule from conditions and other rules (whose conditions it takes, in order), e.g. a
 * per-target rule from the actor's rule and the conditions on the target. At most one target.
 */
export function rule<A extends unknown[] = []>(...parts: (Check<A> | Rule<A>)[]): Rule<A> {
  const checks = parts.flatMap((p) => (typeof p === 'function' ? p.checks : [p]));
  // A plain loop with one optional target: the views ask every rule for every viewer.
  const oks = checks.map((c) => c.ok) as unknown as ((
    s: RoomState,
    m: Member,
    t?: unknown,
  ) => boolean)[];
  const allows = (s: RoomState, m: Member, t?: unknown): boolean => {
    for (let i = 0; i < oks.length; i++) if (!oks[i]!(s, m, t)) return false;
    return true;
  };
  return Object.assign(allows as unknown as Rule<A>, { checks });
}

/** Refuses the command, with the words of the rule's first failing condition, unless it allows. */
export function enforce<A extends unknown[]>(
  r: Rule<A>,
  s: RoomState,
  m: Member,
  ...target: A
): void {
  for (const c of r.checks) {
    if (!c.ok(s, m, ...target)) {
      reject(c.code, typeof c.message === 'string' ? c.message : c.message(s, m));
    }
  }
}
