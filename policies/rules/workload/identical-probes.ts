/**
 * A container's liveness probe is not its readiness probe (kube-score pod-probes-identical). When
 * both fail at the same moment, a pod that is merely overloaded is restarted instead of being taken
 * out of rotation, so load turns into restarts and the remaining pods get even more of it.
 *
 * Fields: spec.{initContainers,containers}[*].{livenessProbe,readinessProbe} (sidecar init containers
 * may have probes; ephemeral containers cannot)
 * Flagged: the two probes are equal once the API server's defaults are filled in and named ports
 * are resolved to the container's port numbers (policies/analysis/probes.ts), so failing one always
 * fails the other. kube-score compares only the
 * handlers; this rule accepts the same endpoint with a more tolerant liveness timing (a higher
 * failureThreshold or period), the usual fix, because then a busy pod leaves rotation long before it
 * would be restarted.
 */
import { effectiveProbe } from '../../analysis/probes';
import { containersOf, isObject, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';

export const identicalProbes = defineRule({
  id: 'workload.identical-probes',
  title: 'Liveness probes differ from readiness probes',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-003'],
  kinds: POD_BEARING_KINDS,
  description:
    'A liveness probe identical to the readiness probe restarts pods exactly when they are only busy, turning load into restarts.',
  remediation:
    'Make the liveness probe more tolerant than the readiness probe (e.g. twice the failureThreshold), or point it at an endpoint that checks only that the process is alive.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
    'https://github.com/zegl/kube-score/blob/master/README_PROBES.md',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return containersOf(pod)
      .filter((c) => {
        const { livenessProbe, readinessProbe } = c.container;
        return (
          isObject(livenessProbe) &&
          isObject(readinessProbe) &&
          effectiveProbe(livenessProbe, c.container) === effectiveProbe(readinessProbe, c.container)
        );
      })
      .map((c) => ({
        path: `${c.path}.livenessProbe`,
        message: `container "${c.name}" has a liveness probe identical to its readiness probe`,
      }));
  },
});
