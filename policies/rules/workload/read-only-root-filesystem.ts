/**
 * Containers mount their root filesystem read-only, so an intruder cannot drop tools or alter the
 * application on disk; writable paths are explicit emptyDir mounts. Pod Security Standards do not
 * check this.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.readOnlyRootFilesystem
 * Allowed: true. Skipped: Windows pods, where the field is not supported.
 */
import { containersOf, obj, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';

export const readOnlyRootFilesystem = defineRule({
  id: 'workload.read-only-root-filesystem',
  title: 'Containers have a read-only root filesystem',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['cis:5.7.3', 'nsa:pod-security', 'kbp:FS-001'],
  kinds: POD_BEARING_KINDS,
  description:
    'A writable root filesystem lets an attacker persist tools or modify the application inside the container.',
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` on every container and mount an emptyDir where the app must write.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod || obj(pod.spec.os).name === 'windows') return [];
    return containersOf(pod)
      .filter((c) => obj(c.container.securityContext).readOnlyRootFilesystem !== true)
      .map((c) => ({
        path: `${c.path}.securityContext.readOnlyRootFilesystem`,
        message: `container "${c.name}" does not set readOnlyRootFilesystem to true`,
      }));
  },
});
