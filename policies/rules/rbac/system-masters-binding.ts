/**
 * No binding names the group system:masters. Its members pass every authorization check without
 * RBAC being consulted, and membership comes from client certificates, which cannot be revoked
 * before they expire; a binding naming the group means access is being managed through it instead
 * of through roles that can be reviewed and withdrawn. The built-in ClusterRoleBinding of
 * cluster-admin to system:masters (every cluster has it, and it grants nothing the group lacks) is
 * not reported.
 *
 * Fields: subjects[*] of kind Group named system:masters.
 */
import { describeSubject, subjectsOf } from '../../analysis/rbac';
import { obj, str } from '../../k8s';
import { defineRule } from '../../rule';

const MASTERS = 'system:masters';

export const systemMastersBinding = defineRule({
  id: 'rbac.system-masters-binding',
  title: 'Nothing is bound to system:masters',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['cis:5.1.7', 'nsa:authentication-authorization', 'kbp:RBAC-015'],
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  description:
    'Members of system:masters bypass RBAC and authorization webhooks entirely, and their client certificates cannot be revoked, so access granted through the group cannot be withdrawn.',
  remediation:
    'Remove the system:masters subject and bind a least-privilege role to a revocable user, group or ServiceAccount.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege'],
  check(target) {
    const roleRef = obj(target.object.roleRef);
    const role = str(roleRef.name) ?? '';
    const subjects = subjectsOf(target.object);
    const builtIn =
      target.object.kind === 'ClusterRoleBinding' &&
      roleRef.kind === 'ClusterRole' &&
      role === 'cluster-admin' &&
      subjects.length > 0 &&
      subjects.every((s) => s.kind === 'Group' && s.name === MASTERS);
    if (builtIn) return [];
    return subjects
      .filter((s) => s.kind === 'Group' && s.name === MASTERS)
      .map((s) => ({
        path: `${s.path}.name`,
        message: `binding grants role "${role}" to ${describeSubject(s)}, whose members bypass authorization`,
      }));
  },
});
