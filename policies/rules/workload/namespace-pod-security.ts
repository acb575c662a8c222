/**
 * Namespaces enforce a Pod Security Standards level. Pod Security Admission judges pods by the
 * `pod-security.kubernetes.io/enforce` label of their namespace; without it (or at `privileged`)
 * the namespace admits privileged, host-namespace and root pods unless the cluster default says
 * otherwise, which manifests cannot see. An invalid level or version makes the API server reject
 * the Namespace.
 *
 * Fields: metadata.labels["pod-security.kubernetes.io/enforce"],
 *         metadata.labels["pod-security.kubernetes.io/enforce-version"]
 * Allowed: enforce `baseline` or `restricted`; enforce-version absent, `latest` or `v1.<minor>`
 * (whether it is pinned is `workload.namespace-pod-security-version`).
 */
import {
  ENFORCE_LABEL,
  ENFORCE_VERSION_LABEL,
  PSA_LEVELS,
  PSA_VERSION,
} from '../../analysis/pod-security-labels';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const namespacePodSecurity = defineRule({
  id: 'workload.namespace-pod-security',
  title: 'Namespaces enforce the baseline or restricted Pod Security Standard',
  pack: 'workload',
  severity: 'error',
  frameworks: ['cis:5.2.1', 'nsa:pod-security', 'kbp:NS-003'],
  kinds: ['Namespace'],
  description:
    'Pod Security Admission enforces what the namespace label says; a namespace without `enforce: baseline` or `restricted` admits privileged and host-level pods.',
  remediation:
    'Label the Namespace `pod-security.kubernetes.io/enforce: restricted` (or `baseline`), with `pod-security.kubernetes.io/enforce-version` set to the cluster version.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces',
  ],
  check(target) {
    const name = target.object.metadata?.name ?? '';
    const labels: Readonly<Record<string, unknown>> = target.object.metadata?.labels ?? {};
    const findings: RuleFinding[] = [];
    const level = labels[ENFORCE_LABEL];
    if (level === undefined) {
      findings.push({
        path: 'metadata.labels',
        message: `namespace "${name}" has no "${ENFORCE_LABEL}" label, so it enforces only the cluster default (privileged unless configured)`,
      });
    } else if (level === 'privileged') {
      findings.push({
        path: `metadata.labels.${ENFORCE_LABEL}`,
        message: `namespace "${name}" enforces the "privileged" level, which admits every pod`,
      });
    } else if (typeof level !== 'string' || !PSA_LEVELS.includes(level)) {
      findings.push({
        path: `metadata.labels.${ENFORCE_LABEL}`,
        message: `namespace "${name}" sets "${ENFORCE_LABEL}" to "${String(level)}", which is not a Pod Security level (privileged, baseline or restricted)`,
      });
    }
    const version = labels[ENFORCE_VERSION_LABEL];
    if (version !== undefined && (typeof version !== 'string' || !PSA_VERSION.test(version))) {
      findings.push({
        path: `metadata.labels.${ENFORCE_VERSION_LABEL}`,
        message: `namespace "${name}" sets "${ENFORCE_VERSION_LABEL}" to "${String(version)}", which is neither "latest" nor "v1.<minor>"`,
      });
    }
    return findings;
  },
});
