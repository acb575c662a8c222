/**
 * Guards for the RBAC rules: dangerous grants in Roles and ClusterRoles, dangerous subjects in
 * bindings. The grant lists are the ones the rules of policies/rules/rbac export, and grants are
 * matched the way policies/analysis/rbac.ts matches them: `*` in apiGroups, verbs or resources, and
 * `base/*` or `*` + `/sub` for subresources.
 * Only `in` over the rule's lists, no nested comprehension, so the cost stays linear in the rules.
 */
import type { Permission } from '../analysis/rbac';
import { AUDIT_TRAIL_DELETION_GRANTS } from '../rules/rbac/audit-trail-deletion';
import { CLUSTER_CONFIGMAPS, CONFIGMAP_WRITE_GRANTS } from '../rules/rbac/configmap-write';
import { CREATE_PERSISTENT_VOLUMES_GRANTS } from '../rules/rbac/create-persistent-volumes';
import { CREATE_PODS_GRANTS } from '../rules/rbac/create-pods';
import { CSR_APPROVAL_GRANTS } from '../rules/rbac/csr-approval';
import { DELETE_RIGHTS_GRANTS } from '../rules/rbac/delete-rights';
import { EPHEMERAL_CONTAINERS_GRANTS } from '../rules/rbac/ephemeral-containers';
import { ESCALATE_BIND_IMPERSONATE_GRANTS } from '../rules/rbac/escalate-bind-impersonate';
import { NODES_PROXY_GRANTS } from '../rules/rbac/nodes-proxy';
import { POD_EXEC_GRANTS } from '../rules/rbac/pod-exec';
import { SECRETS_READ_GRANTS } from '../rules/rbac/secrets-read';
import { SERVICE_ACCOUNT_TOKEN_GRANTS } from '../rules/rbac/service-account-token';
import { STATUS_SUBRESOURCE_WRITE_GRANTS } from '../rules/rbac/status-subresource-write';
import { WEBHOOK_CONFIG_GRANTS } from '../rules/rbac/webhook-config';
import { all, any, lit, litList, not, presentAnd } from './cel';
import type { Guard } from './guard';

const ROLES = ['Role', 'ClusterRole'];
const BINDINGS = ['RoleBinding', 'ClusterRoleBinding'];

/** `value` is one of `values` in the rule's list `field`. */
const listHasAny = (field: string, values: readonly string[]) =>
  presentAnd('r', [field], (list) => any(...[...new Set(values)].map((v) => `${lit(v)} in ${list}`)));

/** Entries of `resources` that cover `wanted`. */
function covering(wanted: string): string[] {
  const [base, sub] = wanted.split('/');
  return sub === undefined ? ['*', wanted] : ['*', wanted, `${base}/*`, `*/${sub}`];
}

/** CEL over a policy rule `r`: it grants one of `permissions`. */
function grants(permissions: readonly Permission[]): string {
  return any(
    ...permissions.map((p) =>
      all(
        listHasAny('apiGroups', ['*', p.apiGroup]),
        p.verbs.includes('*')
          ? presentAnd('r', ['verbs'], (v) => `size(${v}) > 0`)
          : listHasAny('verbs', ['*', ...p.verbs]),
        listHasAny('resources', p.resources.flatMap(covering)),
      ),
    ),
  );
}

/** No rule of the role grants any of `permissions` (rules with resourceNames pass when `unlessNamed`). */
function noRuleGrants(permissions: readonly Permission[], unlessNamed = false): string {
  const named = presentAnd('r', ['resourceNames'], (n) => `size(${n}) > 0`);
  const ok = unlessNamed ? any(named, not(grants(permissions))) : not(grants(permissions));
  return `(!has(object.rules) || object.rules.all(r, ${ok}))`;
}

/** Some subject is of `kind` and its name is one of `names`. */
function subjectIs(kind: string, names: readonly string[]): string {
  return `(has(s.kind) && has(s.name) && s.kind == ${lit(kind)} && s.name in ${litList(names)})`;
}
const noSubject = (test: string) => `(!has(object.subjects) || !object.subjects.exists(s, ${test}))`;

/** Role guards: rule id -> the grants its rule reports (each rule exports its list). */
const GRANT_RULES: readonly [string, readonly Permission[]][] = [
  ['rbac.create-pods', CREATE_PODS_GRANTS],
  ['rbac.csr-approval', CSR_APPROVAL_GRANTS],
  ['rbac.ephemeral-containers', EPHEMERAL_CONTAINERS_GRANTS],
  ['rbac.escalate-bind-impersonate', ESCALATE_BIND_IMPERSONATE_GRANTS],
  ['rbac.nodes-proxy', NODES_PROXY_GRANTS],
  ['rbac.pod-exec', POD_EXEC_GRANTS],
  ['rbac.service-account-token', SERVICE_ACCOUNT_TOKEN_GRANTS],
  ['rbac.status-subresource-write', STATUS_SUBRESOURCE_WRITE_GRANTS],
  ['rbac.webhook-config', WEBHOOK_CONFIG_GRANTS],
];

/** Role guards whose rule lets a rule limited by resourceNames pass: rule id -> grants. */
const GRANT_RULES_UNLESS_NAMED: readonly [string, readonly Permission[]][] = [
  ['rbac.audit-trail-deletion', AUDIT_TRAIL_DELETION_GRANTS],
  ['rbac.create-persistent-volumes', CREATE_PERSISTENT_VOLUMES_GRANTS],
  ['rbac.delete-rights', DELETE_RIGHTS_GRANTS],
  ['rbac.secrets-read', SECRETS_READ_GRANTS],
];

export const RBAC_GUARDS: readonly Guard[] = [
  ...GRANT_RULES.map(([ruleId, permissions]) => ({
    ruleId,
    kinds: ROLES,
    expression: noRuleGrants(permissions),
  })),
  ...GRANT_RULES_UNLESS_NAMED.map(([ruleId, permissions]) => ({
    ruleId,
    kinds: ROLES,
    expression: noRuleGrants(permissions, true),
  })),
  {
    ruleId: 'rbac.configmap-write',
    kinds: ROLES,
    // A rule limited by resourceNames passes unless it names a ConfigMap that configures the cluster.
    expression: `(!has(object.rules) || object.rules.all(r, ${any(
      not(grants(CONFIGMAP_WRITE_GRANTS)),
      presentAnd('r', ['resourceNames'], (n) =>
        all(`size(${n}) > 0`, not(any(...CLUSTER_CONFIGMAPS.map((c) => `${lit(c)} in ${n}`)))),
      ),
    )}))`,
  },
  {
    ruleId: 'rbac.wildcard-rules',
    kinds: ROLES,
    expression: `(!has(object.rules) || object.rules.all(r, ${all(
      not(presentAnd('r', ['verbs'], (v) => `'*' in ${v}`)),
      not(presentAnd('r', ['apiGroups'], (g) => `'*' in ${g}`)),
      not(presentAnd('r', ['resources'], (x) => `${x}.exists(x, x.contains('*'))`)),
    )}))`,
  },
  {
    ruleId: 'rbac.anonymous-binding',
    kinds: BINDINGS,
    expression: noSubject(
      any(subjectIs('User', ['system:anonymous']), subjectIs('Group', ['system:unauthenticated'])),
    ),
  },
  {
    ruleId: 'rbac.authenticated-group-binding',
    kinds: BINDINGS,
    // Kubernetes itself binds the discovery roles to these groups.
    expression: any(
      presentAnd(
        'object',
        ['roleRef', 'name'],
        (n) => `${n} in ${litList(['system:basic-user', 'system:discovery', 'system:public-info-viewer'])}`,
      ),
      noSubject(subjectIs('Group', ['system:authenticated', 'system:serviceaccounts'])),
    ),
  },
  {
    ruleId: 'rbac.cluster-admin-binding',
    kinds: BINDINGS,
    // The built-in binding of cluster-admin to system:masters is not reported.
    expression: any(
      not(
        all(
          presentAnd('object', ['roleRef', 'kind'], (k) => `${k} == 'ClusterRole'`),
          presentAnd('object', ['roleRef', 'name'], (n) => `${n} == 'cluster-admin'`),
        ),
      ),
      presentAnd(
        'object',
        ['subjects'],
        (s) => `size(${s}) > 0 && ${s}.all(s, ${subjectIs('Group', ['system:masters'])})`,
      ),
    ),
  },
  {
    ruleId: 'rbac.default-service-account-binding',
    kinds: BINDINGS,
    expression: noSubject(subjectIs('ServiceAccount', ['default'])),
  },
  {
    ruleId: 'rbac.system-masters-binding',
    kinds: BINDINGS,
    // The built-in ClusterRoleBinding of cluster-admin to system:masters is not reported.
    expression: any(
      all(
        "object.kind == 'ClusterRoleBinding'",
        presentAnd('object', ['roleRef', 'kind'], (k) => `${k} == 'ClusterRole'`),
        presentAnd('object', ['roleRef', 'name'], (n) => `${n} == 'cluster-admin'`),
        presentAnd(
          'object',
          ['subjects'],
          (s) => `size(${s}) > 0 && ${s}.all(s, ${subjectIs('Group', ['system:masters'])})`,
        ),
      ),
      noSubject(subjectIs('Group', ['system:masters'])),
    ),
  },
];
