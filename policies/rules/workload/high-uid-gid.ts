/**
 * Containers run with a UID and GID of at least 10000 (kube-score, Checkov CKV_K8S_40). Low IDs
 * collide with real accounts on the node, so a container escape lands as a meaningful user. This is
 * stricter than Pod Security Standards, which only forbid UID 0.
 *
 * Fields: spec.securityContext.{runAsUser,runAsGroup}
 *         spec.{initContainers,containers,ephemeralContainers}[*].securityContext.{runAsUser,runAsGroup}
 * Allowed: an effective value (container, else pod) >= 10000.
 * Skipped: pods in a user namespace (`hostUsers: false`), whose IDs are not host IDs, and Windows pods.
 */
import { containersOf, obj, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

const MINIMUM = 10000;

export const highUidGid = defineRule({
  id: 'workload.high-uid-gid',
  title: 'Containers run as UID and GID 10000 or higher',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['cis:5.7.3', 'nsa:pod-security', 'kbp:PRIV-006'],
  kinds: POD_BEARING_KINDS,
  description:
    'UIDs and GIDs below 10000 overlap with accounts on the node, so a process that escapes its container acts as a real host user or group.',
  remediation:
    'Set `securityContext.runAsUser` and `securityContext.runAsGroup` to 10000 or more at pod level (or on every container).',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod || pod.spec.hostUsers === false || obj(pod.spec.os).name === 'windows') return [];
    const findings: RuleFinding[] = [];
    for (const field of ['runAsUser', 'runAsGroup'] as const) {
      const podValue = obj(pod.spec.securityContext)[field];
      const inheriting: string[] = [];
      for (const c of containersOf(pod)) {
        const own = obj(c.container.securityContext)[field];
        const path = `${c.path}.securityContext.${field}`;
        if (typeof own === 'number') {
          if (own < MINIMUM)
            findings.push({ path, message: `container "${c.name}" sets ${field} ${own}, below ${MINIMUM}` });
        } else if (typeof podValue === 'number') {
          if (podValue < MINIMUM) inheriting.push(`"${c.name}"`);
        } else {
          findings.push({
            path,
            message: `container "${c.name}" sets no ${field} and the pod sets none either`,
          });
        }
      }
      if (inheriting.length > 0) {
        findings.push({
          path: `${pod.specPath}.securityContext.${field}`,
          message: `pod sets ${field} ${String(podValue)}, below ${MINIMUM}, for containers ${inheriting.join(', ')}`,
        });
      }
    }
    return findings;
  },
});
