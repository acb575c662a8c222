/**
 * Names of objects per kind and namespace, for "does the thing this refers to exist" checks.
 */
import { namespaceOf } from '../k8s';
import type { RuleContext } from '../rule';

/** Names of the objects of `kind` in each namespace; computed once per kind per evaluation. */
export function namesByNamespace(
  context: RuleContext,
  kind: string,
): ReadonlyMap<string, ReadonlySet<string>> {
  return context.memo(`analysis.namesByNamespace.${kind}`, () => {
    const out = new Map<string, Set<string>>();
    for (const { object } of context.ofKind(kind)) {
      const namespace = namespaceOf(object);
      const names = out.get(namespace) ?? new Set<string>();
      names.add(object.metadata?.name ?? '');
      out.set(namespace, names);
    }
    return out;
  });
}

/** True when an object of `kind` named `name` is in `namespace` in the input. */
export function exists(context: RuleContext, kind: string, namespace: string, name: string): boolean {
  return namesByNamespace(context, kind).get(namespace)?.has(name) ?? false;
}

/**
 * True when the input holds the Namespace object `name`. Rules that judge what a namespace lacks
 * (a ServiceAccount, a Service) only do so for namespaces the input declares, so checking a single
 * file of a larger set reports nothing it cannot see.
 */
export function declaresNamespace(context: RuleContext, name: string): boolean {
  return context
    .memo(
      'analysis.declaredNamespaces',
      () => new Set(context.ofKind('Namespace').map((s) => s.object.metadata?.name ?? '')),
    )
    .has(name);
}
