/**
 * Containers request ephemeral storage (logs, emptyDir, writable layers), so the scheduler accounts
 * for node disk. A request defaulted from the limit or a LimitRange counts.
 *
 * Fields: spec.{initContainers,containers}[*].resources.requests.ephemeral-storage
 */
import { POD_BEARING_KINDS } from '../../k8s';
import { missingResourceCheck } from '../../analysis/resources';
import { defineRule } from '../../rule';

export const ephemeralStorageRequest = defineRule({
  id: 'workload.ephemeral-storage-request',
  title: 'Containers request ephemeral storage',
  pack: 'workload',
  severity: 'info',
  frameworks: ['nsa:resource-policies', 'kbp:RES-006'],
  kinds: POD_BEARING_KINDS,
  description:
    'Without an ephemeral-storage request the scheduler ignores the scratch-disk needs of the container when placing it.',
  remediation:
    'Set `resources.requests.ephemeral-storage` on every container (or a `defaultRequest` in the namespace LimitRange).',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  check: missingResourceCheck('requests', 'ephemeral-storage'),
});
