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
import { wildcardRules } from '../../../../policies/rules/rbac/wildcard-rules';
import { secretsRead } from '../../../../policies/rules/rbac/secrets-read';
import { podExec } from '../../../../policies/rules/rbac/pod-exec';

const role = (rules: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
${rules}
`;

describe('rbac.wildcard-rules: Roles do not use wildcards', () => {
  test('fail: every wildcard of every rule, not just rules[0]', () => {
    const text = role(`
  - {apiGroups: [""], resources: [pods], verbs: [get]}
  - {apiGroups: ["*"], resources: [deployments, "*/scale"], verbs: [get, "*"]}`);
    expect(run(wildcardRules, text)).toEqual([
      { path: 'rules[1].apiGroups[0]', message: 'rules[1] grants every API group ("*")' },
      { path: 'rules[1].resources[1]', message: 'rules[1] grants resources by wildcard ("*/scale")' },
      { path: 'rules[1].verbs[1]', message: 'rules[1] grants every verb ("*")' },
    ]);
  });

  test('pass: explicit verbs, resources and groups; nonResourceURLs rules', () => {
    const text = role(`
  - {apiGroups: [apps], resources: [deployments, deployments/scale], verbs: [get, list, watch]}
  - {nonResourceURLs: [/healthz], verbs: [get]}`);
    expect(run(wildcardRules, text)).toEqual([]);
  });
});

describe('rbac.secrets-read: Roles read only named Secrets', () => {
  test('fail: wildcards count as reading secrets; resourceNames exempt a rule', () => {
    const text = role(`
  - {apiGroups: [""], resources: [secrets], resourceNames: [app], verbs: [get]}
  - {apiGroups: ["*"], resources: ["*"], verbs: [watch, list]}`);
    expect(run(secretsRead, text)).toEqual([
      { path: 'rules[1]', message: 'rules[1] grants "list", "watch" on "secrets" without resourceNames' },
    ]);
  });

  test('pass: secrets in another API group are not core Secrets', () => {
    expect(
      run(secretsRead, role('  - {apiGroups: [example.com], resources: [secrets], verbs: [get]}')),
    ).toEqual([]);
  });
});

describe('rbac.pod-exec: Roles do not grant exec, attach or port-forward into pods', () => {
  test('fail: subresource wildcard pods/* grants exec (get counts: websocket exec)', () => {
    expect(run(podExec, role('  - {apiGroups: [""], resources: ["pods/*"], verbs: [get]}'))).toEqual([
      {
        path: 'rules[0]',
        message: 'rules[0] grants "get" on "pods/exec", "pods/attach", "pods/portforward"',
      },
    ]);
  });

  test('pass: pods/log only', () => {
    expect(
      run(podExec, role('  - {apiGroups: [""], resources: [pods, pods/log], verbs: [get, create]}')),
    ).toEqual([]);
  });
});
