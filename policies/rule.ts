/**
 * The shape of a rule and `defineRule`, which checks a rule's metadata once, at load time.
 */
import type { PssLevel, RuleFinding, RuleMeta, SourceObject } from './types';

/** What every check can see besides the object it judges. */
export interface RuleContext {
  /** Every object under evaluation, in input order. */
  readonly objects: readonly SourceObject[];
  /** Objects of one kind, in input order. */
  ofKind(kind: string): readonly SourceObject[];
  /** The Pod Security Standards level and concrete version (`v1.35`, never `latest`) being enforced. */
  readonly pss: { readonly level: PssLevel; readonly version: string };
  /**
   * Computes a value once per evaluation and shares it across rules and objects (e.g. which pods
   * each NetworkPolicy selects). Keys are namespaced by the caller: `network.policiesByNamespace`.
   */
  memo<T>(key: string, compute: () => T): T;
}

/** A rule: metadata plus a pure check. */
export interface Rule extends RuleMeta {
  /**
   * Judges one object whose kind is in `kinds`. Returns one finding per problem, each with the field
   * path of the offending value; an empty array means the object passes.
   */
  check(target: SourceObject, context: RuleContext): RuleFinding[];
}

const ID_PATTERN =
  /^(pss\.(baseline|restricted)\.[a-zA-Z0-9_]+|(workload|network|rbac|secrets|services)\.[a-z0-9]+(-[a-z0-9]+)*)$/;

/**
 * Declares a rule. Throws at load time when its metadata is incomplete, so a malformed rule can
 * never ship.
 */
export function defineRule(rule: Rule): Rule {
  const problems: string[] = [];
  if (!ID_PATTERN.test(rule.id))
    problems.push(`id '${rule.id}' must be '<pack>.<kebab-name>' or 'pss.<level>.<checkId>'`);
  if (!rule.id.startsWith(`${rule.pack}.`))
    problems.push(`id '${rule.id}' must start with its pack '${rule.pack}.'`);
  for (const field of ['title', 'description', 'remediation'] as const) {
    if (!rule[field] || rule[field].trim() === '') problems.push(`'${field}' is empty`);
  }
  if (rule.kinds.length === 0) problems.push(`'kinds' is empty`);
  if (rule.frameworks.length === 0) problems.push(`'frameworks' is empty`);
  if (problems.length > 0) {
    throw new Error(`rule ${rule.id}: ${problems.join('; ')}`);
  }
  return Object.freeze(rule);
}
