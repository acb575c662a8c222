/**
 * No binding grants anything to unauthenticated callers: the user system:anonymous or the group
 * system:unauthenticated. Anyone who can reach the API server would hold the role.
 *
 * Fields: subjects[*].
 */
import { describeSubject, subjectsOf } from '../../analysis/rbac';
import { obj, str } from '../../k8s';
import { defineRule } from '../../rule';

export const anonymousBinding = defineRule({
  id: 'rbac.anonymous-binding',
  title: 'Nothing is bound to anonymous users',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['nsa:authentication-authorization', 'kbp:RBAC-016'],
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  description:
    'A role bound to system:anonymous or system:unauthenticated is available to anyone who can reach the API server, without credentials.',
  remediation: 'Remove the anonymous subject and bind the role to authenticated, specific subjects.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests'],
  check(target) {
    const role = str(obj(target.object.roleRef).name) ?? '';
    return subjectsOf(target.object)
      .filter(
        (s) =>
          (s.kind === 'User' && s.name === 'system:anonymous') ||
          (s.kind === 'Group' && s.name === 'system:unauthenticated'),
      )
      .map((s) => ({
        path: `${s.path}.name`,
        message: `binding grants role "${role}" to unauthenticated ${describeSubject(s)}`,
      }));
  },
});
