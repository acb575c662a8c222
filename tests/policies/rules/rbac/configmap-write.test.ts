/**
 * rbac.configmap-write: unnamed grants are reported everywhere; named ones only when they name a
 * ConfigMap that configures the cluster; a Role in kube-system says so in the message.
 */
import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../../../policies/engine';
import { configmapWrite } from '../../../../policies/rules/rbac/configmap-write';
import type { K8sObject } from '../../../../policies/types';

function run(text: string): { path: string; message: string }[] {
  const objects = parseAllDocuments(text).map((d) => ({
    object: d.toJS() as K8sObject,
    file: 't.yaml',
    line: 1,
  }));
  return evaluate(objects, { rules: [configmapWrite] }).findings.map((f) => ({
    path: f.path,
    message: f.message,
  }));
}

const role = (kind: string, namespace: string | undefined, rules: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${namespace ? `, namespace: ${namespace}` : ''}}
rules:
${rules}
`;
const RULES = `
  - {apiGroups: [""], resources: [configmaps], resourceNames: [app-config], verbs: [update, patch]}
  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
  - {apiGroups: [""], resources: [configmaps], resourceNames: [app-config, kube-proxy], verbs: [patch]}
  - {apiGroups: [""], resources: [configmaps], verbs: [get, create, delete]}`;

test('a Role outside kube-system: unnamed and cluster-config grants, not the app-only named one', () => {
  expect(run(role('Role', 'shop', RULES))).toEqual([
    { path: 'rules[1]', message: 'rules[1] grants "update", "patch" on "configmaps"' },
    { path: 'rules[2]', message: 'rules[2] grants "patch" on "configmaps" named "app-config", "kube-proxy"' },
  ]);
});

test('a Role in kube-system: the same verdicts, and the message says where', () => {
  const where = ' in namespace "kube-system", which holds the cluster\'s DNS and identity ConfigMaps';
  expect(run(role('Role', 'kube-system', RULES))).toEqual([
    { path: 'rules[1]', message: `rules[1] grants "update", "patch" on "configmaps"${where}` },
    {
      path: 'rules[2]',
      message: `rules[2] grants "patch" on "configmaps" named "app-config", "kube-proxy"${where}`,
    },
  ]);
});

test('a ClusterRole is judged like a Role; its namespace does not matter', () => {
  expect(run(role('ClusterRole', 'kube-system', RULES)).map((f) => f.message)).toEqual([
    'rules[1] grants "update", "patch" on "configmaps"',
    'rules[2] grants "patch" on "configmaps" named "app-config", "kube-proxy"',
  ]);
});
