/**
 * Containers limit CPU, so one runaway container cannot starve its neighbours. Informational:
 * CPU is compressible and many teams run without CPU limits on purpose. A LimitRange default counts.
 *
 * Fields: spec.{initContainers,containers}[*].resources.limits.cpu
 */
import { POD_BEARING_KINDS } from '../../k8s';
import { missingResourceCheck } from '../../analysis/resources';
import { defineRule } from '../../rule';

export const cpuLimit = defineRule({
  id: 'workload.cpu-limit',
  title: 'Containers limit CPU',
  pack: 'workload',
  severity: 'info',
  frameworks: ['nsa:resource-policies', 'kbp:RES-002'],
  kinds: POD_BEARING_KINDS,
  description:
    'A container without a CPU limit can use every idle core of its node; the impact is throttling of neighbours, not eviction, so this is advisory.',
  remediation: 'Set `resources.limits.cpu` on every container (or a `default` in the namespace LimitRange).',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  check: missingResourceCheck('limits', 'cpu'),
});
