/**
 * Every Namespace of the input has a ResourceQuota. It caps what the namespace's workloads may
 * request in total, so one runaway or compromised app cannot exhaust the cluster for the others.
 *
 * Applies to: Namespace objects, against ResourceQuotas of the input in that namespace.
 */
import { namesByNamespace } from '../../analysis/names';
import { defineRule } from '../../rule';

export const namespaceResourceQuota = defineRule({
  id: 'workload.namespace-resource-quota',
  title: 'Namespaces have a ResourceQuota',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['nsa:resource-policies', 'kbp:RES-008'],
  kinds: ['Namespace'],
  description:
    'Without a ResourceQuota the workloads of one namespace can claim every node resource and object count of the cluster, a denial of service for everyone else.',
  remediation:
    'Add a ResourceQuota to the namespace that caps requests and limits of cpu, memory and ephemeral-storage, and the number of pods.',
  references: ['https://kubernetes.io/docs/concepts/policy/resource-quotas/'],
  check(target, context) {
    const name = target.object.metadata?.name ?? '';
    if ((namesByNamespace(context, 'ResourceQuota').get(name)?.size ?? 0) > 0) return [];
    return [{ path: 'metadata.name', message: `namespace "${name}" has no ResourceQuota` }];
  },
});
