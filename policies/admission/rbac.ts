/**
 * Guards for the RBAC rules: dangerous grants in Roles and ClusterRoles, dangerous subjects in
 * bindings. The permission lists mirror those of policies/rules/rbac (the differential test over
 * the rule fixtures catches a drift), and grants are matched the way policies/analysis/rbac.ts
 * matches them: `*` in apiGroups, verbs or resources, and `base/*` or `*` + `/sub` for subresources.
 * Only `in` over the rule's lists, no nested comprehension, so the cost stays linear in the rules.
 */
import type { Permission } from '../analysis/rbac';
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

const WRITE = ['create', 'update', 'patch'];
const ADMISSION = [
  'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'mutatingadmissionpolicies',
  'mutatingadmissionpolicybindings',
];

/** Role guards: rule id -> the permissions its rule looks for. */
const GRANT_RULES: readonly [string, readonly Permission[]][] = [
  [
    'rbac.create-pods',
    [
      { apiGroup: '', resources: ['pods'], verbs: ['create'] },
      { apiGroup: '', resources: ['replicationcontrollers'], verbs: WRITE },
      {
        apiGroup: 'apps',
        resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'],
        verbs: WRITE,
      },
      { apiGroup: 'batch', resources: ['jobs', 'cronjobs'], verbs: WRITE },
    ],
  ],
  [
    'rbac.csr-approval',
    [
      {
        apiGroup: 'certificates.k8s.io',
        resources: ['certificatesigningrequests/approval'],
        verbs: ['update', 'patch'],
      },
      { apiGroup: 'certificates.k8s.io', resources: ['signers'], verbs: ['approve'] },
    ],
  ],
  [
    'rbac.ephemeral-containers',
    [{ apiGroup: '', resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'] }],
  ],
  [
    'rbac.escalate-bind-impersonate',
    [
      {
        apiGroup: 'rbac.authorization.k8s.io',
        resources: ['roles', 'clusterroles'],
        verbs: ['escalate', 'bind'],
      },
      { apiGroup: '', resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
      { apiGroup: 'authentication.k8s.io', resources: ['uids', 'userextras'], verbs: ['impersonate'] },
    ],
  ],
  ['rbac.nodes-proxy', [{ apiGroup: '', resources: ['nodes/proxy'], verbs: ['*'] }]],
  [
    'rbac.pod-exec',
    [{ apiGroup: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['create', 'get'] }],
  ],
  ['rbac.service-account-token', [{ apiGroup: '', resources: ['serviceaccounts/token'], verbs: ['create'] }]],
  [
    'rbac.status-subresource-write',
    [
      {
        apiGroup: '',
        resources: ['services/status', 'pods/status', 'nodes/status'],
        verbs: ['update', 'patch'],
      },
    ],
  ],
  [
    'rbac.webhook-config',
    [
      {
        apiGroup: 'admissionregistration.k8s.io',
        resources: ADMISSION,
        verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
      },
    ],
  ],
];

const DELETE = ['delete', 'deletecollection'];

/** Role guards whose rule lets a rule limited by resourceNames pass: rule id -> permissions. */
const GRANT_RULES_UNLESS_NAMED: readonly [string, readonly Permission[]][] = [
  [
    'rbac.audit-trail-deletion',
    [
      { apiGroup: '', resources: ['events'], verbs: DELETE },
      { apiGroup: 'events.k8s.io', resources: ['events'], verbs: DELETE },
      { apiGroup: '', resources: ['pods/log'], verbs: ['delete'] },
    ],
  ],
  ['rbac.create-persistent-volumes', [{ apiGroup: '', resources: ['persistentvolumes'], verbs: ['create'] }]],
  [
    'rbac.delete-rights',
    [
      {
        apiGroup: '',
        resources: ['pods', 'secrets', 'services', 'replicationcontrollers', 'namespaces'],
        verbs: DELETE,
      },
      {
        apiGroup: 'apps',
        resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'],
        verbs: DELETE,
      },
      { apiGroup: 'batch', resources: ['jobs', 'cronjobs'], verbs: DELETE },
    ],
  ],
];

/** ConfigMaps that configure the cluster: a named configmap write is reported only for these. */
const CLUSTER_CONFIGMAPS = [
  'aws-auth',
  'coredns',
  'coredns-custom',
  'extension-apiserver-authentication',
  'kube-dns',
  'kube-proxy',
];
const CONFIGMAP_WRITE: readonly Permission[] = [
  { apiGroup: '', resources: ['configmaps'], verbs: ['update', 'patch'] },
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
      not(grants(CONFIGMAP_WRITE)),
      presentAnd('r', ['resourceNames'], (n) =>
        all(`size(${n}) > 0`, not(any(...CLUSTER_CONFIGMAPS.map((c) => `${lit(c)} in ${n}`)))),
      ),
    )}))`,
  },
  {
    ruleId: 'rbac.secrets-read',
    kinds: ROLES,
    expression: noRuleGrants(
      [{ apiGroup: '', resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
      true,
    ),
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
