/**
 * Containers request memory, so the scheduler reserves it and the pod is not the first evicted
 * under pressure. A request defaulted from the limit or a LimitRange counts.
 *
 * Fields: spec.{initContainers,containers}[*].resources.requests.memory
 */
import { POD_BEARING_KINDS } from '../../k8s';
import { missingResourceCheck } from '../../analysis/resources';
import { defineRule } from '../../rule';

export const memoryRequest = defineRule({
  id: 'workload.memory-request',
  title: 'Containers request memory',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['nsa:resource-policies', 'kbp:RES-003'],
  kinds: POD_BEARING_KINDS,
  description:
    'Without a memory request the scheduler may overcommit the node and the container is among the first evicted under memory pressure.',
  remediation:
    'Set `resources.requests.memory` on every container (or a `defaultRequest` in the namespace LimitRange).',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  check: missingResourceCheck('requests', 'memory'),
});
