/**
 * No binding grants the `cluster-admin` ClusterRole. It is unrestricted superuser access; inside a
 * RoleBinding it is full control of the namespace, including its RBAC. The built-in binding to the
 * group system:masters is not reported.
 *
 * Fields: roleRef.name of RoleBindings and ClusterRoleBindings.
 */
import { obj } from '../../k8s';
import { describeSubject, subjectsOf } from '../../analysis/rbac';
import { defineRule } from '../../rule';

export const clusterAdminBinding = defineRule({
  id: 'rbac.cluster-admin-binding',
  title: 'Nothing is bound to cluster-admin',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['cis:5.1.1', 'nsa:authentication-authorization', 'kbp:RBAC-002'],
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  description:
    'cluster-admin allows every action on every resource; any compromise of a bound subject is a compromise of the cluster (or the whole namespace).',
  remediation: 'Bind a role with only the permissions the subject needs.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles'],
  check(target) {
    const roleRef = obj(target.object.roleRef);
    if (roleRef.kind !== 'ClusterRole' || roleRef.name !== 'cluster-admin') return [];
    const subjects = subjectsOf(target.object);
    if (subjects.length > 0 && subjects.every((s) => s.kind === 'Group' && s.name === 'system:masters'))
      return [];
    const who = subjects.map(describeSubject).join(', ') || 'no subject';
    return [{ path: 'roleRef.name', message: `binding grants the "cluster-admin" cluster role to ${who}` }];
  },
});
