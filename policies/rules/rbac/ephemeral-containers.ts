/**
 * Roles do not add ephemeral containers to pods. Updating pods/ephemeralcontainers starts a new
 * container inside a running pod, with the pod's ServiceAccount token and volumes, which is
 * code execution in any pod in scope, like exec; an ephemeral container can also ask for a
 * privileged security context where admission allows it.
 *
 * Fields: rules[*] granting update or patch on pods/ephemeralcontainers (including through `*`,
 * `pods/*` and `*\/ephemeralcontainers`).
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const EPHEMERAL_CONTAINERS_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'] },
];

export const ephemeralContainers = defineRule({
  id: 'rbac.ephemeral-containers',
  title: 'Roles do not add ephemeral containers to pods',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['nsa:authentication-authorization', 'kbp:RBAC-022'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Adding an ephemeral container runs arbitrary code inside an existing pod, with its ServiceAccount token and mounted Secrets, as exec does.',
  remediation:
    'Remove update and patch on pods/ephemeralcontainers; use break-glass access with audit for debugging.',
  references: ['https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/'],
  check(target) {
    return grantFindings(target.object, EPHEMERAL_CONTAINERS_GRANTS);
  },
});
