/**
 * PodDisruptionBudgets indexed by namespace, so "is this workload covered" is a lookup in one
 * namespace rather than a scan of every object.
 */
import { namespaceOf, obj, selectorMatches } from '../k8s';
import type { RuleContext } from '../rule';
import type { SourceObject } from '../types';

/** PodDisruptionBudgets of the input, grouped by namespace. */
export function budgetsByNamespace(context: RuleContext): ReadonlyMap<string, readonly SourceObject[]> {
  return context.memo('analysis.budgetsByNamespace', () => {
    const out = new Map<string, SourceObject[]>();
    for (const source of context.ofKind('PodDisruptionBudget')) {
      const namespace = namespaceOf(source.object);
      out.set(namespace, [...(out.get(namespace) ?? []), source]);
    }
    return out;
  });
}

/** True when some PodDisruptionBudget of the namespace selects pods carrying `labels`. */
export function hasBudget(
  context: RuleContext,
  namespace: string,
  labels: Readonly<Record<string, string>>,
): boolean {
  return (budgetsByNamespace(context).get(namespace) ?? []).some((b) =>
    selectorMatches(obj(b.object.spec).selector, labels),
  );
}
