/**
 * No binding names a namespace's `default` ServiceAccount. Every pod that names no account runs as
 * it, so its permissions spread to workloads nobody reviewed for them.
 *
 * Fields: subjects[*] with kind ServiceAccount and name default.
 */
import { describeSubject, subjectsOf } from '../../analysis/rbac';
import { obj, str } from '../../k8s';
import { defineRule } from '../../rule';

export const defaultServiceAccountBinding = defineRule({
  id: 'rbac.default-service-account-binding',
  title: 'The default service account is not bound to roles',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['cis:5.1.5', 'nsa:authentication-authorization', 'kbp:SA-004'],
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  description:
    'Permissions bound to the default ServiceAccount reach every pod of the namespace that does not name its own account.',
  remediation:
    'Create a dedicated ServiceAccount for the workload that needs the role and bind that instead.',
  references: ['https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts'],
  check(target) {
    const role = str(obj(target.object.roleRef).name) ?? '';
    return subjectsOf(target.object)
      .filter((s) => s.kind === 'ServiceAccount' && s.name === 'default')
      .map((s) => ({
        path: `${s.path}.name`,
        message: `binding grants role "${role}" to ${describeSubject(s)}`,
      }));
  },
});
