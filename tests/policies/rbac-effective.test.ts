/**
 * Effective ServiceAccount permissions: bindings of every shape, ClusterRole aggregation, the
 * ServiceAccount groups, dangerous grants, and the blueprint's accounts (least privilege, no danger).
 */
import { ENVIRONMENTS } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import {
  computeEffectivePermissions,
  computeEffectivePermissionsWithBuiltIns,
  type RbacAnalysis,
} from '../../policies/rbac';
import type { K8sObject } from '../../policies/types';

const RBAC = 'rbac.authorization.k8s.io/v1';
const role = (namespace: string, name: string, rules: object[]): K8sObject => ({
  apiVersion: RBAC,
  kind: 'Role',
  metadata: { name, namespace },
  rules,
});
const clusterRole = (name: string, rules: object[], extra: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: RBAC,
  kind: 'ClusterRole',
  metadata: { name, labels: (extra.labels as Record<string, string>) ?? {} },
  rules,
  ...(extra.aggregationRule ? { aggregationRule: extra.aggregationRule } : {}),
});
const binding = (
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleRef: { kind: string; name: string },
  subjects: object[],
  namespace?: string,
): K8sObject => ({
  apiVersion: RBAC,
  kind,
  metadata: namespace ? { name, namespace } : { name },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
  subjects,
});
const sa = (namespace: string, name: string): K8sObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace },
});
const read = (resources: string[], extra: object = {}) => ({
  apiGroups: [''],
  resources,
  verbs: ['get', 'list'],
  ...extra,
});

/** `ns/name: scope verbs resources (via binding → role as subject)` per grant, per account. */
function grants(analysis: RbacAnalysis): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of analysis.serviceAccounts) {
    out[`${a.namespace}/${a.name}`] = a.grants.map(
      (g) =>
        `${g.scope} ${g.rule.verbs.join(',')} ${g.rule.resources.join(',')} (${g.binding} → ${g.role} as ${g.subject})`,
    );
  }
  return out;
}
const dangers = (analysis: RbacAnalysis) =>
  Object.fromEntries(
    analysis.serviceAccounts
      .filter((a) => a.dangers.length > 0)
      .map((a) => [`${a.namespace}/${a.name}`, a.dangers.map((d) => `${d.id}: ${d.detail}`)]),
  );

test('Roles and ClusterRoles through RoleBindings (namespace scope) and ClusterRoleBindings (cluster scope)', () => {
  const result = computeEffectivePermissions([
    sa('a', 'app'),
    role('a', 'cm', [read(['configmaps'])]),
    clusterRole('pods-reader', [read(['pods'])]),
    binding(
      'RoleBinding',
      'app-cm',
      { kind: 'Role', name: 'cm' },
      [{ kind: 'ServiceAccount', name: 'app' }],
      'a',
    ),
    binding(
      'RoleBinding',
      'app-pods',
      { kind: 'ClusterRole', name: 'pods-reader' },
      [{ kind: 'ServiceAccount', name: 'app', namespace: 'a' }],
      'a',
    ),
    binding('ClusterRoleBinding', 'app-pods-everywhere', { kind: 'ClusterRole', name: 'pods-reader' }, [
      { kind: 'ServiceAccount', name: 'app', namespace: 'a' },
    ]),
    // Invalid: a ClusterRoleBinding cannot reference a Role; the API server rejects it, so it grants nothing.
    binding('ClusterRoleBinding', 'bogus', { kind: 'Role', name: 'cm' }, [
      { kind: 'ServiceAccount', name: 'app', namespace: 'a' },
    ]),
    binding(
      'RoleBinding',
      'dangling',
      { kind: 'Role', name: 'missing' },
      [{ kind: 'ServiceAccount', name: 'app' }],
      'a',
    ),
  ]);
  expect(grants(result)).toEqual({
    'a/app': [
      '* get,list pods (ClusterRoleBinding app-pods-everywhere → ClusterRole pods-reader as ServiceAccount)',
      'a get,list configmaps (RoleBinding a/app-cm → Role a/cm as ServiceAccount)',
      'a get,list pods (RoleBinding a/app-pods → ClusterRole pods-reader as ServiceAccount)',
    ],
  });
  expect(result.serviceAccounts[0].declared).toBe(true);
  expect(result.unresolved).toEqual([
    'ClusterRoleBinding bogus → Role cm',
    'RoleBinding a/dangling → Role a/missing',
  ]);
});

test('ClusterRole aggregation: label selectors, own rules overwritten, aggregates of aggregates, cycles settle', () => {
  const agg = (name: string, label: string, labels: Record<string, string> = {}, rules: object[] = []) =>
    clusterRole(name, rules, {
      labels,
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [label]: 'true' } }] },
    });
  const objects = [
    agg('monitoring', 'example.com/aggregate-to-monitoring', {}, [read(['ignored'])]),
    clusterRole('metrics', [read(['pods'])], { labels: { 'example.com/aggregate-to-monitoring': 'true' } }),
    clusterRole('unrelated', [read(['nodes'])]),
    // An aggregate that is itself aggregated into monitoring.
    agg('logs', 'example.com/aggregate-to-logs', { 'example.com/aggregate-to-monitoring': 'true' }),
    clusterRole('log-reader', [read(['pods/log'])], { labels: { 'example.com/aggregate-to-logs': 'true' } }),
    // A cycle: loop-a takes from loop-b and loop-b from loop-a; both end with both rules.
    agg('loop-a', 'loop-a', { 'loop-b': 'true' }, [read(['a'])]),
    agg('loop-b', 'loop-b', { 'loop-a': 'true' }, [read(['b'])]),
    clusterRole('seed', [read(['services'])], { labels: { 'loop-a': 'true' } }),
    binding(
      'RoleBinding',
      'mon',
      { kind: 'ClusterRole', name: 'monitoring' },
      [{ kind: 'ServiceAccount', name: 'mon' }],
      'obs',
    ),
    binding('ClusterRoleBinding', 'loop', { kind: 'ClusterRole', name: 'loop-b' }, [
      { kind: 'ServiceAccount', name: 'loop', namespace: 'obs' },
    ]),
  ];
  const result = computeEffectivePermissions(objects);
  expect(grants(result)['obs/mon']).toEqual([
    'obs get,list pods/log (RoleBinding obs/mon → ClusterRole monitoring as ServiceAccount)',
    'obs get,list pods (RoleBinding obs/mon → ClusterRole monitoring as ServiceAccount)',
  ]);
  expect(result.serviceAccounts.find((a) => a.name === 'mon')!.grants.map((g) => g.rule.origin)).toEqual([
    'ClusterRole log-reader rules[0]',
    'ClusterRole metrics rules[0]',
  ]);
  expect(grants(result)['obs/loop']).toEqual([
    '* get,list services (ClusterRoleBinding loop → ClusterRole loop-b as ServiceAccount)',
  ]);
  // The same whatever the input order.
  expect(grants(computeEffectivePermissions([...objects].reverse()))).toEqual(grants(result));
});

test('group and user subjects reach ServiceAccounts: all accounts, one namespace, authenticated, by user name', () => {
  const view = clusterRole('view', [read(['configmaps'])]);
  const result = computeEffectivePermissions([
    view,
    sa('a', 'one'),
    sa('b', 'two'),
    binding('ClusterRoleBinding', 'all-sa', { kind: 'ClusterRole', name: 'view' }, [
      { kind: 'Group', name: 'system:serviceaccounts' },
    ]),
    binding(
      'RoleBinding',
      'ns-sa',
      { kind: 'ClusterRole', name: 'view' },
      [{ kind: 'Group', name: 'system:serviceaccounts:b' }],
      'b',
    ),
    binding(
      'RoleBinding',
      'authn',
      { kind: 'ClusterRole', name: 'view' },
      [{ kind: 'Group', name: 'system:authenticated' }],
      'c',
    ),
    binding(
      'RoleBinding',
      'as-user',
      { kind: 'ClusterRole', name: 'view' },
      [{ kind: 'User', name: 'system:serviceaccount:a:one' }],
      'd',
    ),
  ]);
  expect(grants(result)).toEqual({
    'a/one': [
      '* get,list configmaps (ClusterRoleBinding all-sa → ClusterRole view as Group "system:serviceaccounts")',
      'c get,list configmaps (RoleBinding c/authn → ClusterRole view as Group "system:authenticated")',
      'd get,list configmaps (RoleBinding d/as-user → ClusterRole view as User "system:serviceaccount:a:one")',
    ],
    'b/two': [
      '* get,list configmaps (ClusterRoleBinding all-sa → ClusterRole view as Group "system:serviceaccounts")',
      'b get,list configmaps (RoleBinding b/ns-sa → ClusterRole view as Group "system:serviceaccounts:b")',
      'c get,list configmaps (RoleBinding c/authn → ClusterRole view as Group "system:authenticated")',
    ],
  });
});

test('accounts: declared ones, the ones pods run as (default when unset), namespace defaults, binding subjects', () => {
  const result = computeEffectivePermissions([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    sa('shop', 'web'),
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { containers: [] } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { template: { spec: { serviceAccountName: 'web', containers: [] } } },
    },
    binding(
      'RoleBinding',
      'x',
      { kind: 'ClusterRole', name: 'none' },
      [{ kind: 'ServiceAccount', name: 'ghost' }],
      'other',
    ),
  ]);
  expect(result.serviceAccounts.map((a) => [`${a.namespace}/${a.name}`, a.declared, a.usedBy])).toEqual([
    ['other/ghost', false, []],
    ['shop/default', false, ['shop/Pod/p']],
    ['shop/web', true, ['shop/Deployment/web']],
  ]);
});

test('dangerous grants are flagged per account, with what grants them', () => {
  const result = computeEffectivePermissions([
    role('a', 'bad', [
      read(['secrets']),
      read(['secrets'], { resourceNames: ['tls'] }),
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'] },
      { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
      { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] },
    ]),
    clusterRole('node-proxy', [{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }]),
    clusterRole('admin-ish', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
    binding(
      'RoleBinding',
      'bad',
      { kind: 'Role', name: 'bad' },
      [{ kind: 'ServiceAccount', name: 'app' }],
      'a',
    ),
    binding('ClusterRoleBinding', 'np', { kind: 'ClusterRole', name: 'node-proxy' }, [
      { kind: 'ServiceAccount', name: 'np', namespace: 'a' },
    ]),
    binding(
      'RoleBinding',
      'adm',
      { kind: 'ClusterRole', name: 'admin-ish' },
      [{ kind: 'ServiceAccount', name: 'adm' }],
      'a',
    ),
  ]);
  expect(dangers(result)).toEqual({
    'a/adm': [
      'wildcard: "*" in verbs, resources, apiGroups',
      'secrets-read: "get", "list", "watch" on "secrets"',
      'pod-exec: "create", "get", "update", "patch" on "pods/exec", "pods/attach", "pods/portforward", "pods/ephemeralcontainers"',
      'escalate-bind-impersonate: "escalate", "bind", "impersonate" on "roles", "clusterroles", "users", "groups", "serviceaccounts", "uids", "userextras"',
      'create-workloads: "create", "update", "patch" on "pods", "replicationcontrollers", "deployments", "daemonsets", "statefulsets", "replicasets", "jobs", "cronjobs"',
      'tokens: "create" on "serviceaccounts/token"',
    ],
    // nodes/proxy through a RoleBinding reaches no node (nodes are cluster-scoped); secrets by name are fine.
    'a/app': [
      'secrets-read: "get", "list" on "secrets"',
      'pod-exec: "create" on "pods/exec"',
      'escalate-bind-impersonate: "bind" on "clusterroles"',
      'create-workloads: "patch" on "deployments"',
      'tokens: "create" on "serviceaccounts/token"',
    ],
    'a/np': ['nodes-proxy: "get" on "nodes/proxy"'],
  });
});

describe.each(Object.values(ENVIRONMENTS).map((e) => [e.name, e] as const))(
  'blueprint in %s',
  (_name, env) => {
    const { objects } = synthesizeEnvironment(env);
    const result = computeEffectivePermissions(objects);

    test('every account is declared; only config-watcher holds a grant, read-only ConfigMaps in its namespace', () => {
      expect(result.serviceAccounts.every((a) => a.declared)).toBe(true);
      const granted = result.serviceAccounts.filter((a) => a.grants.length > 0);
      expect(granted.map((a) => `${a.namespace}/${a.name}`)).toEqual(['platform-ops/config-watcher']);
      expect(
        granted[0].grants.map((g) => `${g.scope} ${g.rule.verbs.join(',')} ${g.rule.resources.join(',')}`),
      ).toEqual(['platform-ops get,list,watch configmaps']);
    });

    test('no account holds a dangerous grant, and every binding resolves', () => {
      expect(dangers(result)).toEqual({});
      expect(result.unresolved).toEqual([]);
    });
  },
);

test('built-in roles: resolved only on request, to upstream rules, and never over a role the input ships', () => {
  const objects = [
    binding('ClusterRoleBinding', 'admins', { kind: 'ClusterRole', name: 'cluster-admin' }, [
      { kind: 'ServiceAccount', name: 'ops', namespace: 'a' },
    ]),
    binding(
      'RoleBinding',
      'editors',
      { kind: 'ClusterRole', name: 'edit' },
      [{ kind: 'ServiceAccount', name: 'ci' }],
      'a',
    ),
    binding(
      'RoleBinding',
      'viewers',
      { kind: 'ClusterRole', name: 'view' },
      [{ kind: 'ServiceAccount', name: 'ci' }],
      'a',
    ),
  ];
  expect(computeEffectivePermissions(objects).unresolved).toEqual([
    'ClusterRoleBinding admins → ClusterRole cluster-admin',
    'RoleBinding a/editors → ClusterRole edit',
    'RoleBinding a/viewers → ClusterRole view',
  ]);
  const result = computeEffectivePermissionsWithBuiltIns(objects);
  // view grants nothing dangerous and is left to the cluster: it stays unresolved.
  expect(result.unresolved).toEqual(['RoleBinding a/viewers → ClusterRole view']);
  expect(grants(result)).toEqual({
    'a/ci': [
      'a get,list,watch pods/attach,pods/proxy,pods/exec,pods/portforward,secrets,services/proxy (RoleBinding a/editors → ClusterRole edit as ServiceAccount)',
      'a impersonate serviceaccounts (RoleBinding a/editors → ClusterRole edit as ServiceAccount)',
      'a create,update,patch,delete,deletecollection pods,pods/attach,pods/proxy,pods/exec,pods/portforward (RoleBinding a/editors → ClusterRole edit as ServiceAccount)',
    ],
    'a/ops': [
      '* * * (ClusterRoleBinding admins → ClusterRole cluster-admin as ServiceAccount)',
      '* *  (ClusterRoleBinding admins → ClusterRole cluster-admin as ServiceAccount)',
    ],
  });
  expect(result.serviceAccounts.find((a) => a.name === 'ci')!.grants.map((g) => g.rule.origin)).toEqual([
    'ClusterRole system:aggregate-to-edit rules[0]',
    'ClusterRole system:aggregate-to-edit rules[1]',
    'ClusterRole system:aggregate-to-edit rules[2]',
  ]);
  const shipped = computeEffectivePermissionsWithBuiltIns([
    clusterRole('edit', [read(['configmaps'])]),
    ...objects,
  ]);
  expect(grants(shipped)['a/ci']).toEqual([
    'a get,list configmaps (RoleBinding a/editors → ClusterRole edit as ServiceAccount)',
  ]);
});
