/**
 * Containers limit memory, so a leak or an attack cannot exhaust the node and take its
 * neighbours down. A LimitRange default counts.
 *
 * Fields: spec.{initContainers,containers}[*].resources.limits.memory
 */
import { POD_BEARING_KINDS } from '../../k8s';
import { missingResourceCheck } from '../../analysis/resources';
import { defineRule } from '../../rule';

export const memoryLimit = defineRule({
  id: 'workload.memory-limit',
  title: 'Containers limit memory',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['nsa:resource-policies', 'kbp:RES-004'],
  kinds: POD_BEARING_KINDS,
  description:
    'A container without a memory limit can exhaust the memory of its node and get other workloads OOM-killed or evicted (denial of service).',
  remediation:
    'Set `resources.limits.memory` on every container (or a `default` in the namespace LimitRange).',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  check: missingResourceCheck('limits', 'memory'),
});
