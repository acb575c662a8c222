/**
 * Branches of the binding rules: rbac.system-masters-binding (the built-in binding is exempt, and
 * only it) and rbac.role-ref-missing (which references are judged on partial input).
 */
import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../../../policies/engine';
import type { Rule } from '../../../../policies/rule';
import { roleRefMissing } from '../../../../policies/rules/rbac/role-ref-missing';
import { systemMastersBinding } from '../../../../policies/rules/rbac/system-masters-binding';
import type { K8sObject } from '../../../../policies/types';

function run(rule: Rule, text: string): { name: string; path: string; message: string }[] {
  const objects = parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null)
    .map((object) => ({ object, file: 't.yaml', line: 1 }));
  return evaluate(objects, { rules: [rule] }).findings.map((f) => ({
    name: f.object.name,
    path: f.path,
    message: f.message,
  }));
}

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';
const binding = (kind: string, name: string, roleKind: string, role: string, subjects: string) =>
  `${RBAC}\nkind: ${kind}\nmetadata: {name: ${name}${kind === 'RoleBinding' ? ', namespace: shop' : ''}}\n` +
  `roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: "${role}"}\nsubjects: ${subjects}\n---\n`;
const MASTERS = '[{kind: Group, name: "system:masters"}]';

describe('rbac.system-masters-binding', () => {
  test('only the exact built-in shape is exempt: ClusterRoleBinding, cluster-admin, system:masters alone', () => {
    const text =
      binding('ClusterRoleBinding', 'cluster-admin', 'ClusterRole', 'cluster-admin', MASTERS) +
      binding('RoleBinding', 'ns-admin', 'ClusterRole', 'cluster-admin', MASTERS) +
      binding('ClusterRoleBinding', 'empty', 'ClusterRole', 'cluster-admin', '[]') +
      binding(
        'ClusterRoleBinding',
        'twice',
        'ClusterRole',
        'view',
        '[{kind: User, name: alice}, {kind: Group, name: "system:masters"}, {kind: Group, name: "system:masters"}]',
      );
    const message = (role: string) =>
      `binding grants role "${role}" to Group "system:masters", whose members bypass authorization`;
    expect(run(systemMastersBinding, text)).toEqual([
      { name: 'ns-admin', path: 'subjects[0].name', message: message('cluster-admin') },
      { name: 'twice', path: 'subjects[1].name', message: message('view') },
      { name: 'twice', path: 'subjects[2].name', message: message('view') },
    ]);
  });
});

describe('rbac.role-ref-missing', () => {
  const SUBJECT = '[{kind: ServiceAccount, name: app}]';
  const namespace = `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n`;
  const role = `${RBAC}\nkind: Role\nmetadata: {name: present, namespace: shop}\nrules: []\n---\n`;
  const clusterRole = `${RBAC}\nkind: ClusterRole\nmetadata: {name: shipped}\nrules: []\n---\n`;

  test('Role references are judged only when the input holds the Namespace', () => {
    const bindings =
      binding('RoleBinding', 'ok', 'Role', 'present', SUBJECT) +
      binding('RoleBinding', 'dangling', 'Role', 'absent', SUBJECT);
    expect(run(roleRefMissing, role + bindings)).toEqual([]);
    expect(run(roleRefMissing, namespace + role + bindings)).toEqual([
      {
        name: 'dangling',
        path: 'roleRef.name',
        message: 'roleRef names Role "absent", which is not in namespace "shop" of the input',
      },
    ]);
  });

  test('ClusterRole references: built-ins never, others only when the input ships a ClusterRole', () => {
    const bindings =
      binding('ClusterRoleBinding', 'custom', 'ClusterRole', 'operator', SUBJECT) +
      binding('RoleBinding', 'custom-ns', 'ClusterRole', 'operator', SUBJECT) +
      binding('ClusterRoleBinding', 'shipped', 'ClusterRole', 'shipped', SUBJECT) +
      ['cluster-admin', 'admin', 'edit', 'view', 'system:auth-delegator']
        .map((name) =>
          binding('ClusterRoleBinding', `builtin-${name.replace(':', '-')}`, 'ClusterRole', name, SUBJECT),
        )
        .join('');
    expect(run(roleRefMissing, namespace + bindings)).toEqual([]);
    const message = 'roleRef names ClusterRole "operator", which is not in the input';
    expect(run(roleRefMissing, clusterRole + bindings)).toEqual([
      { name: 'custom', path: 'roleRef.name', message },
      { name: 'custom-ns', path: 'roleRef.name', message },
    ]);
  });

  test('a ClusterRoleBinding to a Role is reported whatever the input holds; no roleRef name, nothing', () => {
    const text =
      binding('ClusterRoleBinding', 'bad', 'Role', 'present', SUBJECT) +
      `${RBAC}\nkind: RoleBinding\nmetadata: {name: unnamed, namespace: shop}\nroleRef: {kind: Role}\n`;
    expect(run(roleRefMissing, text)).toEqual([
      {
        name: 'bad',
        path: 'roleRef.kind',
        message: 'roleRef names Role "present", which a ClusterRoleBinding cannot reference',
      },
    ]);
  });
});
