/**
 * Every Namespace of the input has a LimitRange. It gives containers that declare no requests or
 * limits (a sidecar an operator injects, a pod applied by hand) default ones, so none runs unbounded
 * or escapes the namespace's ResourceQuota accounting.
 *
 * Applies to: Namespace objects, against LimitRanges of the input in that namespace.
 */
import { namesByNamespace } from '../../analysis/names';
import { defineRule } from '../../rule';

export const namespaceLimitRange = defineRule({
  id: 'workload.namespace-limit-range',
  title: 'Namespaces have a LimitRange',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['nsa:resource-policies', 'kbp:RES-007'],
  kinds: ['Namespace'],
  description:
    'Without a LimitRange a container that declares no resources gets none: it may use the whole node, and with a ResourceQuota in place it cannot even be created.',
  remediation:
    'Add a LimitRange to the namespace with `type: Container` default requests and limits for cpu, memory and ephemeral-storage.',
  references: ['https://kubernetes.io/docs/concepts/policy/limit-range/'],
  check(target, context) {
    const name = target.object.metadata?.name ?? '';
    if ((namesByNamespace(context, 'LimitRange').get(name)?.size ?? 0) > 0) return [];
    return [{ path: 'metadata.name', message: `namespace "${name}" has no LimitRange` }];
  },
});
