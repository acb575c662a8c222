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
import { namespaceLimitRange } from '../../../../policies/rules/workload/namespace-limit-range';
import { namespacePodSecurity } from '../../../../policies/rules/workload/namespace-pod-security';
import { namespacePodSecurityVersion } from '../../../../policies/rules/workload/namespace-pod-security-version';
import { namespaceResourceQuota } from '../../../../policies/rules/workload/namespace-resource-quota';
import { systemNamespace } from '../../../../policies/rules/workload/system-namespace';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const VERSION = 'pod-security.kubernetes.io/enforce-version';

const namespace = (labels: Record<string, string>) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: ${JSON.stringify(labels)}\n`;

describe('workload.namespace-pod-security: Namespaces enforce the baseline or restricted Pod Security Standard', () => {
  test('fail: no enforce label, on metadata.labels', () => {
    expect(run(namespacePodSecurity, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n')).toEqual([
      {
        path: 'metadata.labels',
        message: `namespace "shop" has no "${ENFORCE}" label, so it enforces only the cluster default (privileged unless configured)`,
      },
    ]);
  });

  test('fail: privileged, on the label', () => {
    expect(run(namespacePodSecurity, namespace({ [ENFORCE]: 'privileged', [VERSION]: 'v1.37' }))).toEqual([
      {
        path: `metadata.labels.${ENFORCE}`,
        message: 'namespace "shop" enforces the "privileged" level, which admits every pod',
      },
    ]);
  });

  test('fail: an invalid level and an invalid version are reported each', () => {
    expect(run(namespacePodSecurity, namespace({ [ENFORCE]: 'strict', [VERSION]: 'v1.05' }))).toEqual([
      {
        path: `metadata.labels.${ENFORCE}`,
        message: `namespace "shop" sets "${ENFORCE}" to "strict", which is not a Pod Security level (privileged, baseline or restricted)`,
      },
      {
        path: `metadata.labels.${VERSION}`,
        message: `namespace "shop" sets "${VERSION}" to "v1.05", which is neither "latest" nor "v1.<minor>"`,
      },
    ]);
  });

  test.each([
    ['restricted, pinned', { [ENFORCE]: 'restricted', [VERSION]: 'v1.37' }],
    ['baseline, latest', { [ENFORCE]: 'baseline', [VERSION]: 'latest' }],
    ['restricted, no version', { [ENFORCE]: 'restricted' }],
    ['restricted at v1.0', { [ENFORCE]: 'restricted', [VERSION]: 'v1.0' }],
  ])('pass: %s', (_name, labels) => {
    expect(run(namespacePodSecurity, namespace(labels))).toEqual([]);
  });
});

describe('workload.namespace-pod-security-version: Namespaces pin the Pod Security Standards version they enforce', () => {
  test('fail: no version, on metadata.labels', () => {
    expect(run(namespacePodSecurityVersion, namespace({ [ENFORCE]: 'restricted' }))).toEqual([
      {
        path: 'metadata.labels',
        message: `namespace "shop" enforces "restricted" without "${VERSION}", so the checks follow the cluster version`,
      },
    ]);
  });

  test('fail: latest, on the label', () => {
    expect(
      run(namespacePodSecurityVersion, namespace({ [ENFORCE]: 'baseline', [VERSION]: 'latest' })),
    ).toEqual([
      {
        path: `metadata.labels.${VERSION}`,
        message: 'namespace "shop" enforces "baseline" at "latest", so the checks follow the cluster version',
      },
    ]);
  });

  test.each([
    ['pinned', { [ENFORCE]: 'restricted', [VERSION]: 'v1.37' }],
    ['not enforcing anything (the other rule reports it)', { [ENFORCE]: 'privileged' }],
    ['an invalid version (the other rule reports it)', { [ENFORCE]: 'restricted', [VERSION]: '1.37' }],
  ])('pass: %s', (_name, labels) => {
    expect(run(namespacePodSecurityVersion, namespace(labels))).toEqual([]);
  });
});

describe('workload.namespace-limit-range and workload.namespace-resource-quota', () => {
  const objects = (kind: string, namespaceOfObject: string) =>
    `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: ${kind}\nmetadata: {name: x, namespace: ${namespaceOfObject}}\n`;

  test('fail: nothing of the kind in the namespace', () => {
    expect(run(namespaceLimitRange, objects('ResourceQuota', 'shop'))).toEqual([
      { path: 'metadata.name', message: 'namespace "shop" has no LimitRange' },
    ]);
    expect(run(namespaceResourceQuota, objects('ResourceQuota', 'billing'))).toEqual([
      { path: 'metadata.name', message: 'namespace "shop" has no ResourceQuota' },
    ]);
  });

  test('pass: one in the namespace', () => {
    expect(run(namespaceLimitRange, objects('LimitRange', 'shop'))).toEqual([]);
    expect(run(namespaceResourceQuota, objects('ResourceQuota', 'shop'))).toEqual([]);
  });
});

describe('workload.system-namespace: Workloads are not in kube-system, kube-public or kube-node-lease', () => {
  const secret = (namespace: string) =>
    `apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ${namespace}}\ntype: Opaque\n`;

  test.each([
    ['kube-system', 'reserved for the objects of the Kubernetes system'],
    ['kube-public', 'readable by every client, unauthenticated ones included'],
    ['kube-node-lease', 'reserved for node heartbeat Leases'],
  ])('fail: %s', (namespace, why) => {
    expect(run(systemNamespace, secret(namespace))).toEqual([
      { path: 'metadata.namespace', message: `object is in the "${namespace}" namespace, which is ${why}` },
    ]);
  });

  test('pass: an application namespace, no namespace, and a kind the rule leaves to others', () => {
    expect(run(systemNamespace, secret('shop'))).toEqual([]);
    expect(run(systemNamespace, 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n')).toEqual([]);
    expect(
      run(
        systemNamespace,
        'apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: l, namespace: kube-system}\n',
      ),
    ).toEqual([]);
  });
});
