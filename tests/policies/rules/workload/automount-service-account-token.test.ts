import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../../../policies/engine';
import type { Rule } from '../../../../policies/rule';
import type { K8sObject } from '../../../../policies/types';

function run(rule: Rule, text: string): { path: string; message: string }[] {
  const objects = parseAllDocuments(text).map((d) => ({
    object: d.toJS() as K8sObject,
    file: 't.yaml',
    line: 1,
  }));
  return evaluate(objects, { rules: [rule] }).findings.map((f) => ({ path: f.path, message: f.message }));
}
import { automountServiceAccountToken } from '../../../../policies/rules/workload/automount-service-account-token';

const account = (name: string, automount?: boolean) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: shop}\n` +
  (automount === undefined ? '' : `automountServiceAccountToken: ${automount}\n`) +
  '---\n';

const deployment = (podSpec: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
${podSpec}
      containers: [{name: app, image: app:1.0}]
`;

const binding = (kind: string, subject: string, namespace = 'shop') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: b, namespace: ${namespace}}\n` +
  `roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [${subject}]\n---\n`;

const finding = (account: string) => [
  {
    path: 'spec.template.spec.automountServiceAccountToken',
    message: `pods mount the token of service account "${account}", which no RoleBinding or ClusterRoleBinding in the input binds`,
  },
];

describe('workload.automount-service-account-token: Service account tokens are mounted only where RBAC grants something', () => {
  test('fail: nothing says false, so the API default (true) applies', () => {
    expect(run(automountServiceAccountToken, deployment('      serviceAccountName: web'))).toEqual(
      finding('web'),
    );
  });

  test('fail: no serviceAccountName means the default account', () => {
    expect(run(automountServiceAccountToken, deployment(''))).toEqual(finding('default'));
  });

  test('fail: the deprecated serviceAccount field names the account', () => {
    expect(run(automountServiceAccountToken, deployment('      serviceAccount: legacy'))).toEqual(
      finding('legacy'),
    );
  });

  test('fail: the pod field wins over the account field', () => {
    const text =
      account('web', false) +
      deployment('      serviceAccountName: web\n      automountServiceAccountToken: true');
    expect(run(automountServiceAccountToken, text)).toEqual(finding('web'));
  });

  test('fail: a binding of a same-named account in another namespace does not count', () => {
    const text =
      binding('ClusterRoleBinding', '{kind: ServiceAccount, name: web, namespace: other}') +
      deployment('      serviceAccountName: web');
    expect(run(automountServiceAccountToken, text)).toEqual(finding('web'));
  });

  test.each([
    ['the account disables automount', account('web', false) + deployment('      serviceAccountName: web')],
    [
      'the pod disables automount',
      account('web', true) +
        deployment('      serviceAccountName: web\n      automountServiceAccountToken: false'),
    ],
    [
      'a RoleBinding subject without namespace defaults to the binding namespace',
      binding('RoleBinding', '{kind: ServiceAccount, name: web}') +
        deployment('      serviceAccountName: web'),
    ],
    [
      'a ClusterRoleBinding binds it',
      binding('ClusterRoleBinding', '{kind: ServiceAccount, name: web, namespace: shop}', 'ignored') +
        deployment('      serviceAccountName: web'),
    ],
    [
      'the namespace service-account group is bound',
      binding('RoleBinding', '{kind: Group, name: "system:serviceaccounts:shop"}') +
        deployment('      serviceAccountName: web'),
    ],
  ])('pass: %s', (_name, text) => {
    expect(run(automountServiceAccountToken, text)).toEqual([]);
  });
});
