/**
 * Bindings reference roles that exist. A binding to a missing role grants nothing today and grants
 * whatever a role of that name holds once someone creates it, so its subjects silently gain the
 * permissions of a role nobody reviewed together with the binding; usually it is a typo or a role
 * removed from the bundle.
 *
 * Partial input must not produce findings, so a reference is judged only where the input owns what
 * is referenced:
 * - `Role` (from a RoleBinding): only when the input holds the Namespace object of the binding. The
 *   input then owns the namespace, and its Roles come with it.
 * - `ClusterRole`: never for the roles the API server creates (`system:*`, cluster-admin, admin,
 *   edit, view), and otherwise only when the input holds at least one ClusterRole. An input that
 *   ships ClusterRoles manages cluster-scoped RBAC itself (a full bundle or a cluster export); one
 *   without any (a namespaced chart) binds roles installed by the platform, which it cannot show.
 * - `Role` from a ClusterRoleBinding is always reported: the API server rejects that reference.
 *
 * Fields: roleRef.name.
 */
import { declaresNamespace, exists } from '../../analysis/names';
import { namespaceOf, obj, str } from '../../k8s';
import { isBuiltInClusterRole } from '../../rbac/built-in';
import { defineRule, type RuleContext } from '../../rule';
import type { RuleFinding } from '../../types';

/** Names of the ClusterRoles of the input (cluster-scoped: any stray metadata.namespace is ignored). */
function clusterRoleNames(context: RuleContext): ReadonlySet<string> {
  return context.memo(
    'rbac.clusterRoleNames',
    () => new Set(context.ofKind('ClusterRole').map((s) => s.object.metadata?.name ?? '')),
  );
}

export const roleRefMissing = defineRule({
  id: 'rbac.role-ref-missing',
  title: 'Bindings reference roles that exist',
  pack: 'rbac',
  severity: 'info',
  frameworks: ['kbp:RBAC-023'],
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  description:
    'A binding to a missing role grants its subjects whatever a role of that name holds once someone creates it, without review of the pair.',
  remediation: 'Point roleRef at the intended role, ship that role with the binding, or remove the binding.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding',
  ],
  check(target, context) {
    const roleRef = obj(target.object.roleRef);
    const name = str(roleRef.name);
    if (name === undefined) return [];
    const finding = (message: string, path = 'roleRef.name'): RuleFinding[] => [{ path, message }];
    if (roleRef.kind === 'Role') {
      if (target.object.kind === 'ClusterRoleBinding')
        return finding(
          `roleRef names Role "${name}", which a ClusterRoleBinding cannot reference`,
          'roleRef.kind',
        );
      const namespace = namespaceOf(target.object);
      if (!declaresNamespace(context, namespace) || exists(context, 'Role', namespace, name)) return [];
      return finding(`roleRef names Role "${name}", which is not in namespace "${namespace}" of the input`);
    }
    if (roleRef.kind === 'ClusterRole') {
      const shipped = clusterRoleNames(context);
      if (isBuiltInClusterRole(name) || shipped.size === 0 || shipped.has(name)) return [];
      return finding(`roleRef names ClusterRole "${name}", which is not in the input`);
    }
    return [];
  },
});
