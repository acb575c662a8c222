/**
 * Pods and their containers declare a securityContext (CIS 5.7.3; Checkov CKV_K8S_29 and
 * CKV_K8S_30, Trivy KSV-0118). Without one, the user, filesystem and privilege settings are
 * whatever the image and the runtime default to, which a reviewer cannot see in the manifest.
 *
 * Fields: spec.securityContext, spec.{initContainers,containers,ephemeralContainers}[*].securityContext
 * Flagged: absent, or present with no fields (`{}` states nothing either).
 * Severity: info. The rules on the individual settings (runAsNonRoot, capabilities, read-only root
 * filesystem...) report what is actually unsafe; this one asks for the settings to be explicit.
 */
import { containersOf, isObject, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

/** Why `value` does not count as a securityContext, or undefined when it does. */
function missing(value: unknown): string | undefined {
  if (!isObject(value)) return 'no securityContext';
  return Object.keys(value).length === 0 ? 'an empty securityContext' : undefined;
}

export const explicitSecurityContext = defineRule({
  id: 'workload.explicit-security-context',
  title: 'Pods and containers declare a securityContext',
  pack: 'workload',
  severity: 'info',
  frameworks: ['cis:5.7.3', 'kbp:PRIV-011'],
  kinds: POD_BEARING_KINDS,
  description:
    'Without a securityContext the user, privileges and filesystem of a container are left to the image and runtime defaults, invisible in the manifest.',
  remediation:
    'Set `securityContext` on the pod (runAsNonRoot, runAsUser, runAsGroup, fsGroup, seccompProfile) and on every container (allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities.drop: [ALL]).',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    const podMissing = missing(pod.spec.securityContext);
    if (podMissing)
      findings.push({ path: `${pod.specPath}.securityContext`, message: `pod has ${podMissing}` });
    for (const c of containersOf(pod)) {
      const containerMissing = missing(c.container.securityContext);
      if (containerMissing)
        findings.push({
          path: `${c.path}.securityContext`,
          message: `container "${c.name}" has ${containerMissing}`,
        });
    }
    return findings;
  },
});
