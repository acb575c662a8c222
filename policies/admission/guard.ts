/** What the generator needs to know about one guarded rule. */

/** A rule enforced at admission by one CEL validation. */
export interface Guard {
  /** The Bulwark rule id; the validation message starts with `[<ruleId>]`. */
  readonly ruleId: string;
  /** Kinds checked at admission: the rule's kinds, or a subset explained by `note`. */
  readonly kinds: readonly string[];
  /**
   * CEL that is true when the object passes the rule. Pod-bearing guards read the variables of
   * `pod.ts`; every guard may read `object`.
   */
  readonly expression: string;
  /** Why the guard checks fewer kinds than the rule does (rendered in docs/admission.md). */
  readonly note?: string;
}

/** Why a rule is not guarded at admission. */
export type UnguardedCategory =
  /** At restricted, upstream replaces the check with a restricted one that is guarded. */
  | 'subsumed'
  /** The verdict depends on other objects (bindings, NetworkPolicies, LimitRanges, Services...). */
  | 'cross-object'
  /** The check cannot be written in CEL with the same verdicts, or not within the cost limits. */
  | 'inexpressible'
  /** At admission the rule cannot apply as it does to manifests. */
  | 'not-at-admission'
  /** Severity info: `bulwark check` reports it without failing, so admission does not enforce it. */
  | 'advisory';

/** A rule deliberately left to `bulwark check`, with the reason. */
export interface Unguarded {
  readonly ruleId: string;
  readonly category: UnguardedCategory;
  /** One or two sentences, rendered in docs/admission.md. */
  readonly reason: string;
}
