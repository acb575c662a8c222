/**
 * Namespaces that enforce a Pod Security level pin the version of the standard. Without
 * `pod-security.kubernetes.io/enforce-version` (or with `latest`) each cluster upgrade silently
 * changes which pods the namespace admits; a pinned version makes that an explicit, reviewed change.
 *
 * Fields: metadata.labels["pod-security.kubernetes.io/enforce-version"]
 * Judged: namespaces enforcing baseline or restricted; a missing, privileged or invalid label is
 * `workload.namespace-pod-security`.
 */
import { defineRule } from '../../rule';
import { ENFORCE_LABEL, ENFORCE_VERSION_LABEL, ENFORCING_LEVELS } from '../../analysis/pod-security-labels';

export const namespacePodSecurityVersion = defineRule({
  id: 'workload.namespace-pod-security-version',
  title: 'Namespaces pin the Pod Security Standards version they enforce',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:NS-003'],
  kinds: ['Namespace'],
  description:
    'An unpinned or `latest` enforce-version follows the cluster, so an upgrade can start rejecting pods (or admit what a newer check would catch) without any change to the manifests.',
  remediation:
    'Set `pod-security.kubernetes.io/enforce-version` to the Kubernetes minor version the workloads were checked against, e.g. `v1.37`.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces',
  ],
  check(target) {
    const name = target.object.metadata?.name ?? '';
    const labels: Readonly<Record<string, unknown>> = target.object.metadata?.labels ?? {};
    const level = labels[ENFORCE_LABEL];
    if (typeof level !== 'string' || !ENFORCING_LEVELS.includes(level)) return [];
    const version = labels[ENFORCE_VERSION_LABEL];
    if (version === undefined) {
      return [
        {
          path: 'metadata.labels',
          message: `namespace "${name}" enforces "${level}" without "${ENFORCE_VERSION_LABEL}", so the checks follow the cluster version`,
        },
      ];
    }
    if (version === 'latest') {
      return [
        {
          path: `metadata.labels.${ENFORCE_VERSION_LABEL}`,
          message: `namespace "${name}" enforces "${level}" at "latest", so the checks follow the cluster version`,
        },
      ];
    }
    return [];
  },
});
