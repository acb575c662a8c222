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
import { allowAllPeers } from '../../../../policies/rules/network/allow-all-peers';
import { namespaceDefaultDeny } from '../../../../policies/rules/network/namespace-default-deny';
import { namespaceWideAllowAll } from '../../../../policies/rules/network/namespace-wide-allow-all';
import { workloadNotIsolated } from '../../../../policies/rules/network/workload-not-isolated';

const policy = (podSelector: string, spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np, namespace: shop}
spec:
  podSelector: ${podSelector}
${spec}
`;

describe('network.allow-all-peers: NetworkPolicy rules do not allow every peer', () => {
  test('fail: each kind of open peer, with its exact path', () => {
    const text = policy(
      '{matchLabels: {app: web}}',
      `  policyTypes: [Ingress, Egress]
  ingress:
    - ports: [{port: 8080}]
    - from: [{namespaceSelector: {}, podSelector: {}}]
    - from: [{podSelector: {matchLabels: {app: gw}}}, {namespaceSelector: {}}]
  egress:
    - to: []
    - to: [{ipBlock: {cidr: 0.0.0.0/0, except: []}}]
    - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]`,
    );
    expect(run(allowAllPeers, text)).toEqual([
      { path: 'spec.egress[0]', message: 'spec.egress[0] allows egress to every destination' },
      {
        path: 'spec.egress[1].to[0].ipBlock.cidr',
        message: 'spec.egress[1].to[0].ipBlock.cidr allows egress to every address (0.0.0.0/0)',
      },
      { path: 'spec.ingress[0]', message: 'spec.ingress[0] allows ingress from every source' },
      {
        path: 'spec.ingress[1].from[0].namespaceSelector',
        message: 'spec.ingress[1].from[0].namespaceSelector allows ingress from every pod in every namespace',
      },
      {
        path: 'spec.ingress[2].from[1].namespaceSelector',
        message: 'spec.ingress[2].from[1].namespaceSelector allows ingress from every pod in every namespace',
      },
    ]);
  });

  test('pass: namespace-wide policies are left to network.namespace-wide-allow-all', () => {
    expect(run(allowAllPeers, policy('{}', '  ingress: [{}]'))).toEqual([]);
  });

  test('pass: all namespaces but specific pods, a named namespace, a podSelector {} in the own namespace', () => {
    const text = policy(
      '{matchLabels: {app: web}}',
      `  ingress:
    - from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: prometheus}}}]
    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: edge}}}]
    - from: [{podSelector: {}}]`,
    );
    expect(run(allowAllPeers, text)).toEqual([]);
  });
});

describe('network.namespace-wide-allow-all: Namespace-wide NetworkPolicies do not allow every peer', () => {
  test('fail: an allow-all rule in a policy selecting every pod', () => {
    expect(run(namespaceWideAllowAll, policy('{}', '  policyTypes: [Ingress]\n  ingress: [{}]'))).toEqual([
      {
        path: 'spec.ingress[0]',
        message:
          'policy selects every pod of the namespace and spec.ingress[0] allows ingress from every source',
      },
    ]);
  });
});

describe('network.namespace-default-deny: Namespaces deny ingress and egress by default', () => {
  const ns = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n';

  test('fail: names the missing directions', () => {
    expect(run(namespaceDefaultDeny, ns + policy('{}', '  policyTypes: [Egress]\n  egress: [{}]'))).toEqual([
      {
        path: 'metadata.name',
        message: 'namespace "shop" has no default-deny NetworkPolicy for ingress and egress',
      },
    ]);
  });

  test('pass: without policyTypes, an egress section makes the policy isolate egress too', () => {
    const spec = '  ingress: []\n  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]';
    expect(run(namespaceDefaultDeny, ns + policy('{}', spec))).toEqual([]);
  });
});

describe('network.workload-not-isolated: Pods are isolated by NetworkPolicies for ingress and egress', () => {
  const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: app, image: app:1.0}]}
---`;

  test('fail: a policy without policyTypes isolates ingress only', () => {
    expect(
      run(workloadNotIsolated, deployment + policy('{matchLabels: {tier: front}}', '  ingress: []')),
    ).toEqual([
      { path: 'spec.template.metadata.labels', message: 'no NetworkPolicy selects the pods for egress' },
    ]);
  });

  test('fail: matchExpressions that exclude the pod', () => {
    const selector = '{matchExpressions: [{key: tier, operator: NotIn, values: [front]}]}';
    expect(
      run(workloadNotIsolated, deployment + policy(selector, '  policyTypes: [Ingress, Egress]')),
    ).toEqual([
      {
        path: 'spec.template.metadata.labels',
        message: 'no NetworkPolicy selects the pods for ingress or egress',
      },
    ]);
  });
});
