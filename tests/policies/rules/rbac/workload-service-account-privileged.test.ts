/**
 * rbac.workload-service-account-privileged: which grants count as takeover (scope, full wildcard,
 * built-in roles), every way a binding reaches the account, and the path of the finding per kind.
 */
import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../../../policies/engine';
import { workloadServiceAccountPrivileged } from '../../../../policies/rules/rbac/workload-service-account-privileged';
import type { K8sObject } from '../../../../policies/types';

function run(text: string): { name: string; path: string; message: string }[] {
  const objects = parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null)
    .map((object) => ({ object, file: 't.yaml', line: 1 }));
  return evaluate(objects, { rules: [workloadServiceAccountPrivileged] }).findings.map((f) => ({
    name: `${f.object.kind}/${f.object.name}`,
    path: f.path,
    message: f.message,
  }));
}

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';
const clusterRole = (name: string, rules: string) =>
  `${RBAC}\nkind: ClusterRole\nmetadata: {name: ${name}}\nrules: ${rules}\n---\n`;
const crb = (name: string, role: string, subject: string) =>
  `${RBAC}\nkind: ClusterRoleBinding\nmetadata: {name: ${name}}\n` +
  `roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}\nsubjects: [${subject}]\n---\n`;
const rb = (name: string, namespace: string, roleKind: string, role: string, subject: string) =>
  `${RBAC}\nkind: RoleBinding\nmetadata: {name: ${name}, namespace: ${namespace}}\n` +
  `roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}\nsubjects: [${subject}]\n---\n`;
const deployment = (namespace: string, account?: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${namespace}}\n` +
  `spec:\n  template:\n    spec:\n${account ? `      serviceAccountName: ${account}\n` : ''}      containers: [{name: app, image: app:1.0}]\n---\n`;
const SA = (name: string, namespace: string) =>
  `{kind: ServiceAccount, name: ${name}, namespace: ${namespace}}`;

test('every binding that reaches the account is named, with its subject when it is not the account', () => {
  const text =
    clusterRole('token-minter', '[{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}]') +
    clusterRole(
      'rbac-admin',
      '[{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}]',
    ) +
    crb('direct', 'token-minter', SA('web', 'shop')) +
    crb('all-accounts', 'rbac-admin', '{kind: Group, name: "system:serviceaccounts"}') +
    crb('as-user', 'token-minter', '{kind: User, name: "system:serviceaccount:shop:web"}') +
    deployment('shop', 'web');
  expect(run(text)).toEqual([
    {
      name: 'Deployment/web',
      path: 'spec.template.spec.serviceAccountName',
      message:
        'pods run as service account "shop/web", which ClusterRoleBinding "all-accounts" grants "escalate", "bind" on "clusterroles" cluster-wide (ClusterRole "rbac-admin") through Group "system:serviceaccounts", and ClusterRoleBinding "as-user" grants "create" on "serviceaccounts/token" cluster-wide (ClusterRole "token-minter") through User "system:serviceaccount:shop:web", and ClusterRoleBinding "direct" grants "create" on "serviceaccounts/token" cluster-wide (ClusterRole "token-minter")',
    },
  ]);
});

test('a RoleBinding counts only for every verb on every resource; other dangers stay in the namespace', () => {
  const text =
    clusterRole('reader', '[{apiGroups: [""], resources: [secrets, pods/exec], verbs: [get, create]}]') +
    rb('ns-admin', 'shop', 'ClusterRole', 'cluster-admin', SA('admin', 'shop')) +
    rb('reader', 'shop', 'ClusterRole', 'reader', SA('web', 'shop')) +
    deployment('shop', 'web') +
    deployment('tools', 'admin') +
    deployment('shop', 'admin').replace('name: web', 'name: admin');
  expect(run(text)).toEqual([
    {
      name: 'Deployment/admin',
      path: 'spec.template.spec.serviceAccountName',
      message:
        'pods run as service account "shop/admin", which RoleBinding "shop/ns-admin" grants "*" on "*" in namespace "shop" (ClusterRole "cluster-admin")',
    },
  ]);
});

test('built-in roles count by what the API server gives them, unless the input ships its own', () => {
  const builtIn = crb('edit', 'edit', SA('default', 'ci')) + crb('viewers', 'view', SA('default', 'ci'));
  const workloads =
    deployment('ci') +
    'apiVersion: v1\nkind: Pod\nmetadata: {name: runner, namespace: ci}\nspec:\n  serviceAccount: default\n  containers: [{name: a, image: a:1}]\n---\n' +
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: ci}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: a, image: a:1}]\n';
  const detail =
    'which ClusterRoleBinding "edit" grants "get", "list", "watch" on "secrets"; "get" on "pods/exec", "pods/attach", "pods/portforward"; "impersonate" on "serviceaccounts"; "create" on "pods/exec", "pods/attach", "pods/portforward"; "create" on "pods" cluster-wide (ClusterRole "edit")';
  expect(run(builtIn + workloads)).toEqual([
    {
      name: 'CronJob/nightly',
      path: 'spec.jobTemplate.spec.template.spec.serviceAccountName',
      message: `pods run as service account "ci/default", ${detail}`,
    },
    {
      name: 'Pod/runner',
      path: 'spec.serviceAccount',
      message: `pods run as service account "ci/default", ${detail}`,
    },
    {
      name: 'Deployment/web',
      path: 'spec.template.spec.serviceAccountName',
      message: `pods run as service account "ci/default", ${detail}`,
    },
  ]);
  const ownEdit = clusterRole('edit', '[{apiGroups: [""], resources: [configmaps], verbs: [get]}]');
  expect(run(ownEdit + builtIn + workloads)).toEqual([]);
});

test('system:authenticated reaches every account; a namespace group only its own namespace', () => {
  const text =
    crb('everyone', 'cluster-admin', '{kind: Group, name: "system:authenticated"}') +
    rb(
      'ns-group',
      'other',
      'ClusterRole',
      'cluster-admin',
      '{kind: Group, name: "system:serviceaccounts:other"}',
    ) +
    deployment('shop', 'web');
  expect(run(text).map((f) => f.message)).toEqual([
    'pods run as service account "shop/web", which ClusterRoleBinding "everyone" grants "*" on "*" cluster-wide (ClusterRole "cluster-admin") through Group "system:authenticated"',
  ]);
});
