/**
 * Containers request CPU, so the scheduler places pods where the capacity exists and the pod is
 * not first in line for throttling. A request defaulted from the container's limit or from the
 * namespace's LimitRange counts: the running pod has it.
 *
 * Fields: spec.{initContainers,containers}[*].resources.requests.cpu
 */
import { POD_BEARING_KINDS } from '../../k8s';
import { missingResourceCheck } from '../../analysis/resources';
import { defineRule } from '../../rule';

export const cpuRequest = defineRule({
  id: 'workload.cpu-request',
  title: 'Containers request CPU',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['nsa:resource-policies', 'kbp:RES-001'],
  kinds: POD_BEARING_KINDS,
  description:
    'Without a CPU request the scheduler cannot reserve capacity and the container competes for CPU with best-effort priority.',
  remediation:
    'Set `resources.requests.cpu` on every container (or a `defaultRequest` in the namespace LimitRange).',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  check: missingResourceCheck('requests', 'cpu'),
});
