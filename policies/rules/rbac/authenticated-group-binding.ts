/**
 * No binding grants a role to every authenticated identity (group system:authenticated) or every
 * service account (group system:serviceaccounts), beyond the built-in discovery roles. Any stolen
 * pod token would carry the role.
 *
 * Fields: subjects[*] of kind Group; roleRef.name system:basic-user, system:discovery and
 * system:public-info-viewer are allowed (Kubernetes binds them to these groups itself).
 */
import { describeSubject, subjectsOf } from '../../analysis/rbac';
import { obj, str } from '../../k8s';
import { defineRule } from '../../rule';

const BROAD_GROUPS = new Set(['system:authenticated', 'system:serviceaccounts']);
const DISCOVERY_ROLES = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer']);

export const authenticatedGroupBinding = defineRule({
  id: 'rbac.authenticated-group-binding',
  title: 'Nothing is bound to all authenticated users',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['nsa:authentication-authorization', 'kbp:RBAC-017'],
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  description:
    'Every user and every pod token of the cluster is in system:authenticated, so a role bound to it is one stolen token away from any attacker.',
  remediation: 'Bind the role to specific users, groups or ServiceAccounts.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles'],
  check(target) {
    const role = str(obj(target.object.roleRef).name) ?? '';
    if (DISCOVERY_ROLES.has(role)) return [];
    return subjectsOf(target.object)
      .filter((s) => s.kind === 'Group' && BROAD_GROUPS.has(s.name))
      .map((s) => ({
        path: `${s.path}.name`,
        message: `binding grants role "${role}" to every member of ${describeSubject(s)}`,
      }));
  },
});
