/**
 * No process runs with the root group: GID 0 owns many files on the node and in images, so it
 * grants access a non-root UID alone would not. Pod Security Standards do not check groups.
 *
 * Fields: spec.securityContext.{runAsGroup,fsGroup,supplementalGroups[*]}
 *         spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsGroup
 * Allowed: any value but 0.
 */
import { arr, containersOf, obj, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const rootGroup = defineRule({
  id: 'workload.root-group',
  title: 'Pods do not run with the root group',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['nsa:pod-security', 'kbp:PRIV-005'],
  kinds: POD_BEARING_KINDS,
  description:
    'Group 0 owns sensitive files on nodes and in images; a container in the root group can read or write them even as a non-root user.',
  remediation:
    'Set `runAsGroup` and `fsGroup` to a non-zero GID (10000 or more) and remove 0 from `supplementalGroups`.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    const podContext = obj(pod.spec.securityContext);
    const base = `${pod.specPath}.securityContext`;
    for (const field of ['runAsGroup', 'fsGroup'] as const) {
      if (podContext[field] === 0)
        findings.push({ path: `${base}.${field}`, message: `pod sets ${field} 0` });
    }
    arr(podContext.supplementalGroups).forEach((gid, i) => {
      if (gid === 0)
        findings.push({
          path: `${base}.supplementalGroups[${i}]`,
          message: 'pod lists group 0 in supplementalGroups',
        });
    });
    for (const c of containersOf(pod)) {
      if (obj(c.container.securityContext).runAsGroup === 0) {
        findings.push({
          path: `${c.path}.securityContext.runAsGroup`,
          message: `container "${c.name}" sets runAsGroup 0`,
        });
      }
    }
    return findings;
  },
});
