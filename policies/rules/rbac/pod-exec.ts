/**
 * Roles do not grant pods/exec, pods/attach or pods/portforward. They give a shell in, or a
 * tunnel into, running containers with all their mounted secrets. `get` counts as well as
 * `create`: websocket clients open exec and attach streams with GET.
 *
 * Fields: rules[*] granting create/get on pods/exec, pods/attach, pods/portforward (including through `*`).
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const POD_EXEC_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['create', 'get'] },
];

export const podExec = defineRule({
  id: 'rbac.pod-exec',
  title: 'Roles do not grant exec, attach or port-forward into pods',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['nsa:authentication-authorization', 'kbp:RBAC-004', 'kbp:RBAC-005'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'exec, attach and port-forward run commands in, or open tunnels into, containers, with access to their tokens and mounted secrets.',
  remediation:
    'Remove pods/exec, pods/attach and pods/portforward; use break-glass access with audit for debugging.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation'],
  check(target) {
    return grantFindings(target.object, POD_EXEC_GRANTS);
  },
});
