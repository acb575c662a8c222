/**
 * Workloads do not run as a ServiceAccount that can take over the cluster. Whoever compromises a
 * container holds its token, so the account's permissions are the blast radius of every bug in
 * the app. Judged whether or not the token is automounted: a projected token volume brings it
 * back with one line of pod spec, and the binding outlives the setting.
 *
 * The permissions come from the effective-permission analysis of policies/rbac: every RoleBinding
 * and ClusterRoleBinding of the input that reaches the account, directly, as the user
 * `system:serviceaccount:<ns>:<name>`, or through the groups `system:serviceaccounts`,
 * `system:serviceaccounts:<ns>` and `system:authenticated`, with ClusterRole aggregation resolved,
 * and with bindings to the built-in cluster-admin, admin and edit roles judged by the rules the
 * API server gives them when the input does not ship them.
 *
 * Takeover means:
 * - every verb on every resource of every API group (cluster-admin or its equivalent), through
 *   any binding: in a namespace that is full control of it, its RBAC, Secrets and accounts;
 * - through a ClusterRoleBinding, any grant the analysis flags as dangerous: reading Secrets,
 *   exec/attach/port-forward into pods, escalate/bind/impersonate, creating pods or workload
 *   controllers, nodes/proxy, or minting ServiceAccount tokens. Each reaches kube-system and the
 *   accounts of every controller there. The same grants through a RoleBinding stay inside one
 *   namespace; the `rbac.*` rules report them on the role.
 *
 * Fields: the pod spec's serviceAccountName (the deprecated serviceAccount when only that is set;
 * serviceAccountName when neither is, since the pods run as `default`).
 */
import { namespaceOf, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { serviceAccountNameOf } from '../../analysis/service-accounts';
import {
  computeEffectivePermissionsWithBuiltIns,
  type Grant,
  type ServiceAccountPermissions,
} from '../../rbac';
import { defineRule, type RuleContext } from '../../rule';

/** Effective permissions of every account, by `namespace/name`; computed once per evaluation. */
function accounts(context: RuleContext): ReadonlyMap<string, ServiceAccountPermissions> {
  return context.memo('rbac.effectivePermissionsWithBuiltIns', () => {
    const analysis = computeEffectivePermissionsWithBuiltIns(context.objects.map((s) => s.object));
    return new Map(analysis.serviceAccounts.map((a) => [`${a.namespace}/${a.name}`, a]));
  });
}

const isFullWildcard = (g: Grant) =>
  g.rule.verbs.includes('*') && g.rule.resources.includes('*') && g.rule.apiGroups.includes('*');

/** `ClusterRoleBinding shop` → `ClusterRoleBinding "shop"`. */
function quotedLabel(label: string): string {
  const at = label.indexOf(' ');
  return `${label.slice(0, at)} "${label.slice(at + 1)}"`;
}

/** What makes `account` a takeover risk, one phrase per binding and role, in the analysis' order. */
function takeoverGrants(account: ServiceAccountPermissions): string[] {
  const byGrant = new Map<number, string[]>();
  const add = (grant: number, detail: string) => {
    const details = byGrant.get(grant) ?? [];
    if (!details.includes(detail)) details.push(detail);
    byGrant.set(grant, details);
  };
  account.grants.forEach((g, i) => {
    if (isFullWildcard(g)) add(i, '"*" on "*"');
  });
  for (const d of account.dangers) {
    const g = account.grants[d.grant];
    if (d.id === 'wildcard' || g.scope !== '*' || isFullWildcard(g)) continue;
    add(d.grant, d.detail);
  }
  // One phrase per binding, role and subject: the details of all its dangerous rules.
  const phrases = new Map<string, { grant: Grant; details: string[] }>();
  for (const [i, details] of [...byGrant.entries()].sort(([a], [b]) => a - b)) {
    const g = account.grants[i];
    const key = `${g.binding}|${g.role}|${g.subject}`;
    const entry = phrases.get(key) ?? { grant: g, details: [] };
    for (const d of details) if (!entry.details.includes(d)) entry.details.push(d);
    phrases.set(key, entry);
  }
  return [...phrases.values()].map(({ grant, details }) => {
    const where = grant.scope === '*' ? 'cluster-wide' : `in namespace "${grant.scope}"`;
    const via = grant.subject === 'ServiceAccount' ? '' : ` through ${grant.subject}`;
    return `${quotedLabel(grant.binding)} grants ${details.join('; ')} ${where} (${quotedLabel(grant.role)})${via}`;
  });
}

export const workloadServiceAccountPrivileged = defineRule({
  id: 'rbac.workload-service-account-privileged',
  title: 'Workloads do not run as service accounts that can take over the cluster',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['nsa:authentication-authorization', 'kbp:SA-007'],
  kinds: POD_BEARING_KINDS,
  description:
    "A compromised pod acts with its ServiceAccount's token, so an account with admin or cluster-takeover permissions turns any compromise of the app into a compromise of the cluster.",
  remediation:
    'Run the workload as a dedicated ServiceAccount bound only to the namespaced permissions it needs; move cluster-wide duties to a separate, reviewed controller.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege'],
  check(target, context) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const namespace = namespaceOf(target.object);
    const name = serviceAccountNameOf(pod);
    const account = accounts(context).get(`${namespace}/${name}`);
    const grants = account ? takeoverGrants(account) : [];
    if (grants.length === 0) return [];
    const field =
      str(pod.spec.serviceAccountName) || !str(pod.spec.serviceAccount)
        ? 'serviceAccountName'
        : 'serviceAccount';
    return [
      {
        path: `${pod.specPath}.${field}`,
        message: `pods run as service account "${namespace}/${name}", which ${grants.join(', and ')}`,
      },
    ];
  },
});
