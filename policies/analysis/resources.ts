/**
 * Container resource requests and limits, including the defaults a namespace's LimitRange fills in
 * at admission (a missing value there is not missing on the running pod).
 */
import { arr, containersOf, namespaceOf, obj, podTargetOf, type VisitedContainer } from '../k8s';
import type { Rule, RuleContext } from '../rule';
import type { RuleFinding } from '../types';

/** Container defaults of a namespace's LimitRanges: `default` (limits) and `defaultRequest`. */
interface RangeDefaults {
  readonly limits: Set<string>;
  readonly requests: Set<string>;
}

function defaultsByNamespace(context: RuleContext): ReadonlyMap<string, RangeDefaults> {
  return context.memo('analysis.limitRangeDefaults', () => {
    const out = new Map<string, RangeDefaults>();
    for (const { object } of context.ofKind('LimitRange')) {
      const namespace = namespaceOf(object);
      const entry = out.get(namespace) ?? { limits: new Set<string>(), requests: new Set<string>() };
      for (const raw of arr(obj(object.spec).limits)) {
        const limit = obj(raw);
        if (limit.type !== 'Container') continue;
        Object.keys(obj(limit.default)).forEach((r) => entry.limits.add(r));
        Object.keys(obj(limit.defaultRequest)).forEach((r) => entry.requests.add(r));
      }
      out.set(namespace, entry);
    }
    return out;
  });
}

/** `requests` or `limits`. */
export type ResourceField = 'requests' | 'limits';

/**
 * True when the container ends up with the value. A request defaults to the container's own limit,
 * then to the LimitRange's defaultRequest, then to its default limit (API server semantics).
 */
export function hasResource(
  context: RuleContext,
  namespace: string,
  container: VisitedContainer,
  field: ResourceField,
  resource: string,
): boolean {
  const resources = obj(container.container.resources);
  const set = (f: ResourceField) => obj(resources[f])[resource] !== undefined;
  const ranges = defaultsByNamespace(context).get(namespace);
  if (field === 'limits') return set('limits') || (ranges?.limits.has(resource) ?? false);
  return (
    set('requests') ||
    set('limits') ||
    (ranges?.requests.has(resource) ?? false) ||
    (ranges?.limits.has(resource) ?? false)
  );
}

/**
 * Findings for containers missing a request or limit. Ephemeral containers are skipped: the API
 * forbids resources on them, so the finding could never be fixed.
 */
export function missingResourceFindings(
  context: RuleContext,
  namespace: string,
  containers: readonly VisitedContainer[],
  field: ResourceField,
  resource: string,
): RuleFinding[] {
  const noun = field === 'requests' ? 'request' : 'limit';
  return containers
    .filter((c) => c.list !== 'ephemeralContainers' && !hasResource(context, namespace, c, field, resource))
    .map((c) => ({
      path: `${c.path}.resources.${field}.${resource}`,
      message: `container "${c.name}" has no ${resource} ${noun}`,
    }));
}

/** The check of a rule that wants `resources.<field>.<resource>` on every container of a pod. */
export function missingResourceCheck(field: ResourceField, resource: string): Rule['check'] {
  return (target, context) => {
    const pod = podTargetOf(target.object);
    return pod
      ? missingResourceFindings(context, namespaceOf(target.object), containersOf(pod), field, resource)
      : [];
  };
}
