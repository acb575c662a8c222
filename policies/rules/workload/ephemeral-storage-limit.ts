/**
 * Containers limit ephemeral storage, so filling /tmp or an emptyDir evicts only the offender,
 * not every pod on the node. A LimitRange default counts.
 *
 * Fields: spec.{initContainers,containers}[*].resources.limits.ephemeral-storage
 */
import { POD_BEARING_KINDS } from '../../k8s';
import { missingResourceCheck } from '../../analysis/resources';
import { defineRule } from '../../rule';

export const ephemeralStorageLimit = defineRule({
  id: 'workload.ephemeral-storage-limit',
  title: 'Containers limit ephemeral storage',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['nsa:resource-policies', 'kbp:RES-006'],
  kinds: POD_BEARING_KINDS,
  description:
    'A container without an ephemeral-storage limit can fill the disk of its node and get every pod on the node evicted.',
  remediation:
    'Set `resources.limits.ephemeral-storage` on every container (or a `default` in the namespace LimitRange).',
  references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  check: missingResourceCheck('limits', 'ephemeral-storage'),
});
